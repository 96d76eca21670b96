import { Card, Code, SimpleGrid, Stack, Text, Title, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../../app/context';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useUiLanguage } from '../../hooks/useUiLanguage';

/** This device's identity in the change log: what a colleague's copy will see in every entry we write. */
export function SyncPage() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const { status } = useAppState();
  const summary = useApi('dashboard.summary', {});
  return (
    <>
      <PageHeader title={t('nav.sync')} subtitle={t('sync.subtitle')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg" data-testid="sync-device">
          <Title order={4} mb="sm">
            {t('sync.deviceTitle')}
          </Title>
          <Stack gap={6}>
            <Text size="sm">
              {t('sync.actor')} <b>{status?.actor}</b>
            </Text>
            <Text size="xs" c="dimmed">
              {t('sync.deviceId')} <Code>…{status?.deviceId?.slice(-6)}</Code>
            </Text>
            <Text size="sm">
              {t('sync.entries', { count: summary.data?.changeLog.entries ?? 0 })}
              {summary.data?.changeLog.lastAt ? ` — ${t('dashboard.lastChange', { at: new Date(summary.data.changeLog.lastAt).toLocaleString(lang) })}` : ''}
            </Text>
          </Stack>
        </Card>
        <Card withBorder padding="lg">
          <Title order={4} mb="sm">
            {t('sync.howTitle')}
          </Title>
          <List size="sm" spacing={6}>
            <List.Item>{t('sync.how1')}</List.Item>
            <List.Item>{t('sync.how2')}</List.Item>
            <List.Item>{t('sync.how3')}</List.Item>
          </List>
        </Card>
      </SimpleGrid>
    </>
  );
}
