import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowsSplit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeCell, formatShortInstant, tableLabel, type HistoryFormat } from '../../components/history-format';
import { useApi } from '../../hooks/useApi';
import type { MethodOutput } from '../../../src-main/api/contract';
import { useSyncFormat } from './useSyncFormat';

type Conflict = MethodOutput<'sync.conflicts'>['items'][number];
type Side = Conflict['mine'];

/**
 * The review list: for each field two colleagues changed without seeing each other's change, both
 * values as the history shows them, who and when, and the choice. The value kept for now is marked.
 */
export function ConflictsCard({ names }: { names: Map<string, string> }) {
  const { t } = useTranslation();
  const q = useApi('sync.conflicts', {});
  const fmt = useSyncFormat();
  const items = q.data?.items ?? [];
  return (
    <Card withBorder padding="lg" data-testid="sync-conflicts" data-count={items.length}>
      <Group gap="xs" mb="sm">
        <IconArrowsSplit size={20} />
        <Title order={4}>{t('sync.conflicts.title')}</Title>
        {items.length > 0 && (
          <Badge color="orange" variant="light">
            {items.length}
          </Badge>
        )}
      </Group>
      <ErrorAlert error={q.error} />
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="sync-conflicts-none">
          {t('sync.conflicts.none')}
        </Text>
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('sync.conflicts.help')}
          </Text>
          {items.map((c) => (
            <ConflictItem key={c.id} conflict={c} fmt={fmt} names={names} />
          ))}
        </Stack>
      )}
    </Card>
  );
}

function ConflictItem({ conflict: c, fmt, names }: { conflict: Conflict; fmt: HistoryFormat; names: Map<string, string> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'mine' | 'theirs' | null>(null);
  const [error, setError] = useState<unknown>();
  const deleted = c.kind === 'edited-while-deleted';
  // An edit made while deleted is about the whole record (cell '*'): no field to label or format.
  const mine = deleted ? { label: '', value: '' } : describeCell(c.table, c.cell, c.mine.value, fmt);
  const theirs = deleted ? { label: '', value: '' } : describeCell(c.table, c.cell, c.theirs.value, fmt);
  // For an edit made while the record was deleted, the service reads 'mine' as "keep it deleted" and
  // 'theirs' as "restore it with the edit", whichever device deleted (services/sync.ts resolve).
  const resolve = async (keep: 'mine' | 'theirs') => {
    setBusy(keep);
    setError(undefined);
    try {
      await call('sync.resolve', { id: c.id, keep });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card withBorder padding="md" data-testid="sync-conflict" data-conflict={c.id} data-kind={c.kind}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed">
            {tableLabel(c.table, fmt.t)}
          </Text>
          <Text fw={600} data-testid="sync-conflict-record" style={{ overflowWrap: 'anywhere' }}>
            {c.recordLabel}
          </Text>
          <Text size="sm" data-testid="sync-conflict-field">
            {deleted ? t('sync.conflicts.deletedRecord') : mine.label}
          </Text>
        </Stack>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('sync.conflicts.detected', { at: formatShortInstant(c.detectedAt, fmt.lang, fmt.timeZone) })}
        </Text>
      </Group>
      {deleted && (
        <Alert color="gray" mb="sm" p="xs">
          <Text size="sm">{t('sync.conflicts.deletedHelp')}</Text>
        </Alert>
      )}
      {deleted ? (
        // The deletion is what applies (it won); the edit made meanwhile is the other side, whoever made which.
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <SideBox title={t('sync.conflicts.deletion')} value={t('sync.conflicts.deletedValue')} side={c.keptIs === 'mine' ? c.mine : c.theirs} kept keptLabel={t('sync.conflicts.appliedNow')} fmt={fmt} names={names} testId="sync-conflict-deletion" />
          <SideBox title={t('sync.conflicts.edit')} value={t('sync.conflicts.editedValue')} side={c.keptIs === 'mine' ? c.theirs : c.mine} kept={false} fmt={fmt} names={names} testId="sync-conflict-edit" />
        </SimpleGrid>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <SideBox title={t('sync.conflicts.mine')} value={mine.value} side={c.mine} kept={c.keptIs === 'mine'} fmt={fmt} names={names} testId="sync-conflict-mine" />
          <SideBox title={t('sync.conflicts.theirs')} value={theirs.value} side={c.theirs} kept={c.keptIs === 'theirs'} fmt={fmt} names={names} testId="sync-conflict-theirs" />
        </SimpleGrid>
      )}
      {error !== undefined && (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      <Group justify="flex-end" mt="sm" gap="xs">
        <Button variant="default" loading={busy === 'mine'} disabled={busy !== null} onClick={() => void resolve('mine')} data-testid="sync-keep-mine">
          {deleted ? t('sync.conflicts.keepDeleted') : t('sync.conflicts.keepMine')}
        </Button>
        <Button variant={deleted ? 'filled' : 'default'} loading={busy === 'theirs'} disabled={busy !== null} onClick={() => void resolve('theirs')} data-testid="sync-keep-theirs">
          {deleted ? t('sync.conflicts.restore') : t('sync.conflicts.keepTheirs')}
        </Button>
      </Group>
    </Card>
  );
}

function SideBox({ title, value, side, kept, keptLabel, fmt, names, testId }: { title: string; value: string; side: Side; kept: boolean; keptLabel?: string; fmt: HistoryFormat; names: Map<string, string>; testId: string }) {
  const { t } = useTranslation();
  const device = names.get(side.device) ?? t('sync.conflicts.unknownDevice', { id: side.device.slice(-6) });
  return (
    <Card withBorder padding="sm" data-testid={testId} data-kept={kept ? 'true' : 'false'} style={kept ? { borderColor: 'var(--mantine-color-teal-6)' } : undefined}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text size="xs" fw={600} tt="uppercase" c="dimmed">
          {title}
        </Text>
        {kept && (
          <Badge size="sm" color="teal" variant="light" style={{ textTransform: 'none' }}>
            {keptLabel ?? t('sync.conflicts.shownNow')}
          </Badge>
        )}
      </Group>
      <Text size="sm" fw={500} mb={4} className="vigie-pre" style={{ overflowWrap: 'anywhere' }} data-testid={`${testId}-value`}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {side.actor === device || !side.actor
          ? t('sync.conflicts.byDevice', { device, at: formatShortInstant(side.at, fmt.lang, fmt.timeZone) })
          : t('sync.conflicts.by', { actor: side.actor, device, at: formatShortInstant(side.at, fmt.lang, fmt.timeZone) })}
      </Text>
    </Card>
  );
}
