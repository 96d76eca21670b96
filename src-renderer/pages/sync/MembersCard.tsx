import { Alert, Badge, Button, Card, Code, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { IconUserCheck, IconUserMinus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useBusy } from '../../components/useBusy';
import type { MethodOutput } from '../../../src-main/api/contract';
import type { SyncStatus } from './sync-model';
import { runSync } from './sync-runner';
import { useSyncFormat } from './useSyncFormat';
import { formatShortInstant } from '../../components/history-format';

type Member = MethodOutput<'sync.members'>['items'][number];
type Pending = SyncStatus['pendingJoins'][number];

const STATUS_COLOR: Record<Member['status'], string> = { active: 'teal', pending: 'yellow', removed: 'gray' };

/** The team: join requests to approve (after comparing codes by phone), members, removal with its plain consequence. */
export function MembersCard({ status, members, loading }: { status: SyncStatus; members: Member[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const fmt = useSyncFormat();
  const [approving, setApproving] = useState<{ deviceId: string; name: string; fingerprint: string } | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, run] = useBusy();
  const pendingIds = new Set(status.pendingJoins.map((p) => p.deviceId));
  // A pending member already listed as a join request is shown there only, with its approval.
  const rows = (members ?? []).filter((m) => !(m.status === 'pending' && pendingIds.has(m.deviceId)));
  const canManage = status.isMember;

  const act = (what: () => Promise<unknown>) =>
    run(async () => {
      setError(undefined);
      try {
        await what();
        setApproving(null);
        setRemoving(null);
        // The change reaches the folder with the next sync: run it now (an approved colleague gets the workspace, a removed one stops getting new files).
        void runSync().catch(() => undefined);
      } catch (e) {
        setError(e);
      }
    });

  return (
    <Card withBorder padding="lg" data-testid="sync-members">
      <Group gap="xs" mb="sm">
        <IconUsers size={20} />
        <Title order={4}>{t('sync.members.title')}</Title>
      </Group>
      {error !== undefined && <ErrorAlert error={error} />}
      {status.pendingJoins.length > 0 && (
        <Alert color="yellow" mb="md" title={t('sync.joins.title', { count: status.pendingJoins.length })} data-testid="sync-joins">
          <Text size="sm" mb="sm">
            {canManage ? t('sync.joins.help') : t('sync.joins.notMember')}
          </Text>
          <Stack gap="xs">
            {status.pendingJoins.map((p: Pending) => (
              <Group key={p.deviceId} justify="space-between" wrap="wrap" gap="xs" data-testid="sync-join" data-device={p.deviceId}>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {p.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('sync.joins.requestedAt', { at: formatShortInstant(p.requestedAt, fmt.lang, fmt.timeZone) })}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Code style={{ letterSpacing: '0.05em' }}>{p.fingerprint}</Code>
                  {canManage && (
                    <Button size="xs" leftSection={<IconUserCheck size={14} />} onClick={() => setApproving(p)} data-testid="sync-join-approve">
                      {t('sync.members.approve')}
                    </Button>
                  )}
                </Group>
              </Group>
            ))}
          </Stack>
        </Alert>
      )}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="sync-members-empty">
          {loading ? t('sync.members.loading') : t('sync.members.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" data-testid="sync-members-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sync.members.name')}</Table.Th>
                <Table.Th>{t('sync.members.status')}</Table.Th>
                <Table.Th>{t('sync.members.fingerprint')}</Table.Th>
                <Table.Th>{t('sync.members.code')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((m) => (
                <Table.Tr key={m.deviceId} data-testid="sync-member" data-device={m.deviceId} data-status={m.status} data-this-device={m.thisDevice ? 'true' : 'false'}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {m.name}
                      </Text>
                      {m.thisDevice && (
                        <Badge size="sm" variant="outline" style={{ textTransform: 'none' }}>
                          {t('sync.members.thisDevice')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLOR[m.status]} style={{ textTransform: 'none' }}>
                      {t(`sync.memberStatus.${m.status}`)}
                    </Badge>
                    {m.status === 'removed' && m.removedEpoch !== null && (
                      <Text size="xs" c="dimmed">
                        {t('sync.members.removedAt', { n: m.removedEpoch })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Code style={{ letterSpacing: '0.05em', whiteSpace: 'nowrap' }}>{m.fingerprint}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{m.memberCode || t('sync.members.noCode')}</Text>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {canManage && m.status === 'pending' && (
                      <Button size="xs" variant="light" leftSection={<IconUserCheck size={14} />} onClick={() => setApproving(m)} data-testid="sync-member-approve">
                        {t('sync.members.approve')}
                      </Button>
                    )}
                    {canManage && m.status === 'active' && !m.thisDevice && (
                      <Button size="xs" variant="subtle" color="red" leftSection={<IconUserMinus size={14} />} onClick={() => setRemoving(m)} data-testid="sync-member-remove">
                        {t('sync.members.remove')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal opened={approving !== null} onClose={() => setApproving(null)} title={t('sync.approve.title', { name: approving?.name ?? '' })} size="lg">
        <Stack>
          <Text size="sm">{t('sync.approve.text', { name: approving?.name ?? '' })}</Text>
          <Code block style={{ fontSize: 20, letterSpacing: '0.1em', textAlign: 'center' }} data-testid="sync-approve-fingerprint">
            {approving?.fingerprint}
          </Code>
          <Text size="sm" c="dimmed">
            {t('sync.approve.after')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setApproving(null)}>
              {t('common.cancel')}
            </Button>
            <Button loading={busy} onClick={() => approving && void act(() => call('sync.approve', { deviceId: approving.deviceId }))} data-testid="sync-approve-confirm">
              {t('sync.approve.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('sync.remove.title', { name: removing?.name ?? '' })} size="lg">
        <Stack>
          <Text size="sm">{t('sync.remove.text', { name: removing?.name ?? '' })}</Text>
          <Alert color="orange" data-testid="sync-remove-warning">
            {t('sync.remove.stillReadable', { name: removing?.name ?? '' })}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={busy} onClick={() => removing && void act(() => call('sync.remove', { deviceId: removing.deviceId }))} data-testid="sync-remove-confirm">
              {t('sync.remove.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
