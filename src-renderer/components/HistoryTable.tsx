import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { MethodOutput } from '../../src-main/api/contract';
import { useApi } from '../hooks/useApi';
import { ErrorAlert } from './ErrorAlert';
import { describeFields, formatShortInstant, opLabel, tableLabel, type HistoryFormat } from './history-format';
import { useUiLanguage } from '../hooks/useUiLanguage';

type Entry = MethodOutput<'history.list'>['entries'][number];
const OP_COLOR: Record<Entry['op'], string> = { insert: 'teal', update: 'blue', delete: 'red', restore: 'grape', purge: 'dark' };

/** Who changed what and when, read from the change log (the same log sync and audit verify read). */
export function HistoryTable({ table, rowId, pageSize = 50 }: { table?: string; rowId?: string; pageSize?: number }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  // Instants are shown in the workspace's zone (organisation profile), not the computer's nor UTC.
  const profile = useApi('profile.get', {});
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const timeZone = profile.data?.profile.time_zone ?? (profile.error ? browserZone : undefined);
  const lang = useUiLanguage();
  const fmt: HistoryFormat | undefined = useMemo(() => (timeZone ? { t: (k, o) => String(t(k, { ...o })), lang, timeZone } : undefined), [t, lang, timeZone]);

  async function load(before?: number) {
    try {
      const r = await call('history.list', { table, rowId, limit: pageSize, ...(before ? { beforeSeq: before } : {}) });
      setEntries((prev) => (before ? [...prev, ...r.entries] : r.entries));
      setDone(r.entries.length < pageSize);
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [table, rowId]);

  return (
    <>
      <ErrorAlert error={error} />
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover data-testid="history-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('history.when')}</Table.Th>
              <Table.Th>{t('history.who')}</Table.Th>
              <Table.Th>{t('history.what')}</Table.Th>
              <Table.Th>{t('history.fields')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fmt &&
              entries.map((e) => {
                const { lines, hidden } = describeFields(e, fmt);
                return (
                  <Table.Tr key={e.id} data-testid="history-row" data-op={e.op}>
                    <Table.Td>
                      <Text size="sm" title={t('history.value.at', { zone: fmt.timeZone })} data-testid="history-at" style={{ whiteSpace: 'nowrap' }}>
                        {formatShortInstant(e.at, fmt.lang, fmt.timeZone)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.actor}</Text>
                      <Text size="xs" c="dimmed">
                        {t('history.device', { device: e.deviceId.slice(-6) })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">{tableLabel(e.table, fmt.t)}</Text>
                        <Badge color={OP_COLOR[e.op]} variant="light" style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible', textTransform: 'none' } }}>
                          {opLabel(e.op, e.table, fmt.t)}
                        </Badge>
                      </Group>
                      {e.reason && (
                        <Text size="xs" c="dimmed">
                          {e.reason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {lines.map((l) => (
                        <Text key={l.key} size="xs" data-testid="history-field">
                          <b>{l.label}</b>
                          {l.value !== undefined && (
                            <>
                              {lang === 'fr' ? '\u00A0: ' : ': '}
                              {l.value}
                            </>
                          )}
                        </Text>
                      ))}
                      {hidden > 0 && (
                        <Text size="xs" c="dimmed">
                          {t('history.moreFields', { count: hidden })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {entries.length === 0 && !error && (
        <Text c="dimmed" size="sm" mt="sm">
          {t('history.empty')}
        </Text>
      )}
      {!done && entries.length > 0 && (
        <Button variant="subtle" mt="sm" onClick={() => void load(entries[entries.length - 1]!.seq)}>
          {t('history.more')}
        </Button>
      )}
    </>
  );
}
