import { Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatShortInstant } from '../../components/history-format';
import { fileLabel, reasonKey, type SyncStatus } from './sync-model';
import { useSyncFormat } from './useSyncFormat';

/** The last sync and what it brought: changes sent and received, conflicts found, files refused and why. */
export function LastSyncCard({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const fmt = useSyncFormat();
  const last = status.lastSync;
  return (
    <Card withBorder padding="lg" data-testid="sync-last">
      <Group gap="xs" mb="sm">
        <IconHistory size={20} />
        <Title order={4}>{t('sync.last.title')}</Title>
      </Group>
      {!last ? (
        <Text size="sm" c="dimmed" data-testid="sync-last-never">
          {t('sync.last.never')}
        </Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm" data-testid="sync-last-at">
            {t('sync.last.at', { at: formatShortInstant(last.at, fmt.lang, fmt.timeZone) })}
          </Text>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <Figure label={t('sync.last.exported', { count: last.exported })} value={last.exported} testId="sync-last-exported" />
            <Figure label={t('sync.last.imported', { count: last.imported })} value={last.imported} testId="sync-last-imported" />
            <Figure label={t('sync.last.conflicts', { count: last.conflicts })} value={last.conflicts} testId="sync-last-conflicts" color={last.conflicts > 0 ? 'orange' : undefined} />
            <Figure label={t('sync.last.rejected', { count: last.rejected.length })} value={last.rejected.length} testId="sync-last-rejected" color={last.rejected.length > 0 ? 'red' : undefined} />
          </SimpleGrid>
          {last.rejected.length > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('sync.last.rejectedTitle')}
              </Text>
              <List size="sm" spacing={4} data-testid="sync-rejected">
                {last.rejected.map((r, i) => (
                  <List.Item key={`${r.file}-${i}`} data-testid="sync-rejected-file">
                    <Text span size="sm" ff="monospace">
                      {fileLabel(r.file)}
                    </Text>{' '}
                    — {t(reasonKey(r.reason))}
                  </List.Item>
                ))}
              </List>
              <Text size="xs" c="dimmed">
                {t('sync.last.rejectedHelp')}
              </Text>
            </Stack>
          )}
        </Stack>
      )}
    </Card>
  );
}

function Figure({ label, value, testId, color }: { label: string; value: number; testId: string; color?: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId} data-value={value}>
      <Group gap="xs" wrap="nowrap">
        <Badge size="lg" variant="light" color={color ?? 'gray'}>
          {value}
        </Badge>
        <Text size="sm">{label}</Text>
      </Group>
    </Card>
  );
}
