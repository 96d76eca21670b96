import { Alert, Badge, Button, Card, Code, Group, Loader, Progress, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconClockExclamation, IconFolder, IconRefresh } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAppState } from '../../app/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useBusy } from '../../components/useBusy';
import { useApi } from '../../hooks/useApi';
import { ConflictsCard } from './ConflictsCard';
import { LastSyncCard } from './LastSyncCard';
import { MembersCard } from './MembersCard';
import { skewParts, type SyncStatus } from './sync-model';
import { runSync, useSyncRun } from './sync-runner';

/** Sync through a shared folder: the folder, this computer, the team, the last sync and the conflicts to review. */
export function SyncPage() {
  const { t } = useTranslation();
  const status = useApi('sync.status', {});
  const members = useApi('sync.members', {});
  const run = useSyncRun();
  const [error, setError] = useState<unknown>();
  const s = status.data;
  const me = members.data?.items.find((m) => m.thisDevice);
  const names = useMemo(() => new Map((members.data?.items ?? []).map((m) => [m.deviceId, m.name])), [members.data]);

  const syncNow = async () => {
    setError(undefined);
    try {
      await runSync();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.sync')}
        subtitle={t('sync.subtitle')}
        actions={
          <Button leftSection={<IconRefresh size={16} />} loading={run.running} disabled={!s?.folder} onClick={() => void syncNow()} data-testid="sync-now" data-running={run.running ? 'true' : 'false'}>
            {t('sync.now')}
          </Button>
        }
      />
      <Stack gap="lg">
        {run.running && run.progress && run.progress.total > 0 && (
          <Card withBorder padding="sm" data-testid="sync-progress">
            <Text size="sm" mb={6}>
              {t(`sync.progress.${run.progress.phase}`, { done: run.progress.done, total: run.progress.total })}
            </Text>
            <Progress value={Math.min(100, (100 * run.progress.done) / run.progress.total)} animated />
          </Card>
        )}
        <ErrorAlert error={status.error ?? error ?? (run.error && !run.running ? run.error : undefined)} title={error || run.error ? t('sync.failed') : undefined} />
        {!s && !status.error && <Loader />}
        {s && (
          <>
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
              <FolderCard status={s} />
              <DeviceCard status={s} fingerprint={s.fingerprint ?? me?.fingerprint} />
            </SimpleGrid>
            <SkewNotice skewMs={s.skewMs} />
            {s.folder && <ConflictsCard names={names} />}
            {s.folder && <MembersCard status={s} members={members.data?.items} loading={members.loading} />}
            {s.folder && <LastSyncCard status={s} />}
          </>
        )}
      </Stack>
    </>
  );
}

/** Where the files go: the OS folder dialog in the desktop app; a typed folder name in the browser harness. */
function FolderCard({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const { info } = useAppState();
  const [typed, setTyped] = useState(status.folder ?? '');
  const [error, setError] = useState<unknown>();
  const [busy, run] = useBusy();
  useEffect(() => setTyped(status.folder ?? ''), [status.folder]);

  const use = (folder: string) =>
    run(async () => {
      setError(undefined);
      try {
        await call('sync.setFolder', { folder });
        // The first sync sets the folder up (this computer becomes its first member) and sends everything.
        await runSync();
      } catch (e) {
        setError(e);
      }
    });
  const browse = () =>
    run(async () => {
      const r = await call('sync.pickFolder', {});
      if (r.path) setTyped(r.path);
    });

  return (
    <Card withBorder padding="lg" data-testid="sync-folder">
      <Group gap="xs" mb="xs">
        <IconFolder size={20} />
        <Title order={4}>{t('sync.folder.title')}</Title>
      </Group>
      {status.folder ? (
        <Text size="sm" mb="sm">
          {t('sync.folder.current')} <Code data-testid="sync-folder-path">{status.folder}</Code>
        </Text>
      ) : (
        <Text size="sm" mb="sm" data-testid="sync-folder-none">
          {t('sync.folder.none')}
        </Text>
      )}
      <Text size="xs" c="dimmed" mb="sm">
        {t('sync.folder.help')}
      </Text>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          label={info?.canBrowse ? t('sync.folder.pathLabel') : t('sync.folder.nameLabel')}
          placeholder={info?.canBrowse ? t('sync.folder.pathPlaceholder') : t('sync.folder.namePlaceholder')}
          value={typed}
          maxLength={1024}
          onChange={(e) => setTyped(e.currentTarget.value)}
          data-testid="sync-folder-input"
        />
        {info?.canBrowse && (
          <Button variant="default" onClick={() => void browse()} disabled={busy} data-testid="sync-folder-browse">
            {t('sync.folder.browse')}
          </Button>
        )}
        <Button onClick={() => void use(typed.trim())} loading={busy} disabled={!typed.trim() || typed.trim() === status.folder} data-testid="sync-folder-use">
          {status.folder ? t('sync.folder.change') : t('sync.folder.use')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt="sm" data-testid="sync-folder-hint">
        {status.folder ? t('sync.folder.auto', { minutes: 5 }) : t('sync.folder.joinHint')}
      </Text>
      {error !== undefined && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} />
        </div>
      )}
    </Card>
  );
}

/** This computer as the team sees it: its name, its code to read out by phone, whether it is a member yet. */
function DeviceCard({ status, fingerprint }: { status: SyncStatus; fingerprint: string | undefined }) {
  const { t } = useTranslation();
  const membership = status.folder === null ? 'off' : status.isMember ? 'member' : 'waiting';
  return (
    <Card withBorder padding="lg" data-testid="sync-device">
      <Title order={4} mb="xs">
        {t('sync.device.title')}
      </Title>
      <Stack gap={6}>
        <Text size="sm">
          {t('sync.device.name')} <b data-testid="sync-device-name">{status.deviceName}</b>
        </Text>
        {fingerprint && (
          <Text size="sm">
            {t('sync.device.fingerprint')}{' '}
            <Code data-testid="sync-device-fingerprint" style={{ letterSpacing: '0.05em' }}>
              {fingerprint}
            </Code>
          </Text>
        )}
        {status.memberCode && (
          <Text size="sm">
            {t('sync.device.memberCode', { code: status.memberCode })}
          </Text>
        )}
        <Group gap="xs">
          <Badge variant="light" color={membership === 'member' ? 'teal' : membership === 'waiting' ? 'yellow' : 'gray'} data-testid="sync-membership" data-membership={membership} style={{ textTransform: 'none' }}>
            {t(`sync.device.${membership}`)}
          </Badge>
        </Group>
        {membership === 'waiting' && (
          <Text size="xs" c="dimmed">
            {t('sync.device.waitingHelp')}
          </Text>
        )}
        {status.pendingEntries > 0 && status.folder && (
          <Text size="xs" c="dimmed" data-testid="sync-pending-entries">
            {t('sync.device.pending', { count: status.pendingEntries })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** A colleague's clock far from this computer's: merging does not depend on it, but dates they record may look odd. */
function SkewNotice({ skewMs }: { skewMs: number }) {
  const { t } = useTranslation();
  const parts = skewParts(skewMs);
  if (!parts) return null;
  return (
    <Alert color="yellow" icon={<IconClockExclamation size={18} />} title={t('sync.skew.title')} data-testid="sync-skew">
      {t('sync.skew.text', { amount: t(`sync.skew.${parts.unit}`, { count: parts.count }) })}
    </Alert>
  );
}
