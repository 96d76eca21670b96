import { Badge, Button, Code, Group, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { MethodOutput } from '../../src-main/api/contract';
import { ErrorAlert } from './ErrorAlert';

type Entry = MethodOutput<'history.list'>['entries'][number];
const OP_COLOR: Record<Entry['op'], string> = { insert: 'teal', update: 'blue', delete: 'red', restore: 'grape', purge: 'dark' };

const MAX_FIELDS_ON_CREATE = 6;

/** A creation lists every column: show the short, plain ones and count the rest (structured content, files). */
function shownFields(e: Entry): Array<[string, unknown]> {
  const all = Object.entries(e.fields);
  if (e.op !== 'insert') return all;
  return all.filter(([, v]) => v !== null && v !== '' && (typeof v !== 'string' || (!v.startsWith('{') && !v.startsWith('[') && v.length <= 120))).slice(0, MAX_FIELDS_ON_CREATE);
}

function hiddenCount(e: Entry): number {
  return e.op === 'insert' ? Object.keys(e.fields).length - shownFields(e).length : 0;
}

function preview(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** Who changed what and when, read from the change log (the same log sync and audit verify read). */
export function HistoryTable({ table, rowId, pageSize = 50 }: { table?: string; rowId?: string; pageSize?: number }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();

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
            {entries.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Text size="sm">{new Date(e.at).toLocaleString(i18n.language)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.actor}</Text>
                  <Text size="xs" c="dimmed">
                    {t('history.device', { device: e.deviceId.slice(-6) })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Badge color={OP_COLOR[e.op]} variant="light" style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
                      {t(`history.op.${e.op}`)}
                    </Badge>
                    <Text size="sm">{t(`history.table.${e.table}`, { defaultValue: e.table })}</Text>
                  </Group>
                  {e.reason && (
                    <Text size="xs" c="dimmed">
                      {e.reason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {shownFields(e).map(([k, v]) =>
                    e.changedKeys?.[k] ? (
                      <Text key={k} size="xs" data-testid="history-changed-keys">
                        <b>{t('history.structured')}</b> {e.changedKeys[k]!.map((key) => t(`history.key.${key}`, { defaultValue: key })).join(', ') || '—'}
                      </Text>
                    ) : (
                      <Text key={k} size="xs">
                        <b>{t(`profile.${k}`, { defaultValue: k })}</b> <Code>{preview(v)}</Code>
                      </Text>
                    ),
                  )}
                  {hiddenCount(e) > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('history.moreFields', { count: hiddenCount(e) })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
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
