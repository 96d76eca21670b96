import { Alert, Badge, Button, Card, Code, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDatabaseExport, IconRestore } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call } from '../../api';
import { useAppState } from '../../app/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useJobStatus } from '../../components/JobProgress';
import { useApi } from '../../hooks/useApi';
import type { MethodOutput } from '../../../src-main/api/contract';
import { useUiLanguage, type UiLanguage } from '../../hooks/useUiLanguage';

type Backup = MethodOutput<'backups.list'>['items'][number];

/** « 1er décembre 2026 à 09:30 » in French, "1 December 2026 at 09:30" in English. */
export function formatBackupDate(iso: string, lang: UiLanguage): string {
  const d = new Date(iso);
  const text = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(d);
  return lang === 'en' ? text : text.replace(/^1 /, '1er ');
}

export function formatSize(bytes: number, lang: UiLanguage): string {
  const locale = lang === 'en' ? 'en-GB' : 'fr-FR';
  const unit = lang === 'en' ? ['KB', 'MB'] : ['ko', 'Mo'];
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))}\u00a0${unit[0]}`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)}\u00a0${unit[1]}`;
}

/** Settings › Backups: the workspace's backups, "Back up now", and a restore that first backs up the current file. */
export function BackupsPanel() {
  const { t } = useTranslation();
  const app = useAppState();
  const q = useApi('backups.list', {});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<Backup>();
  const lang = useUiLanguage();
  // A backup made in the background (the day's automatic one, after the unlock, in a worker thread):
  // shown while it runs, Back up now waits for it, and the list is read again when it ends.
  const running = useJobStatus('backup', true);
  const seenRunning = useRef(false);
  const { reload } = q;
  useEffect(() => {
    if (running) seenRunning.current = true;
    else if (seenRunning.current) {
      seenRunning.current = false;
      void reload();
    }
  }, [running, reload]);
  const background = running !== undefined && !busy;

  async function backupNow() {
    setBusy(true);
    setError(undefined);
    try {
      const b = await call('backups.create', {});
      notifications.show({ color: 'teal', title: t('backups.done'), message: t('backups.doneDetail', { date: formatBackupDate(b.createdAt, lang) }) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function restore(b: Backup) {
    setBusy(true);
    setError(undefined);
    try {
      const r = await call('backups.restore', { id: b.id });
      setConfirm(undefined);
      // Kept: the workspace status is app state (App.tsx), not a cached read, so the invalidation does not reach it.
      await app.refresh();
      notifications.show(
        r.verified
          ? { color: 'teal', title: t('backups.restored'), message: t('backups.restoredDetail', { date: formatBackupDate(r.restored.createdAt, lang), entries: r.audit.entries }) }
          : { color: 'orange', autoClose: false, title: t('backups.restoredUnverified'), message: t('backups.restoredUnverifiedDetail', { check: r.quickCheck, audit: r.audit.ok ? 'ok' : (r.audit.firstBroken?.reason ?? '') }) },
      );
    } catch (e) {
      setError(e);
      setConfirm(undefined);
    } finally {
      setBusy(false);
    }
  }

  const items = q.data?.items ?? [];
  return (
    <Card withBorder padding="lg" data-testid="backups-panel" data-state={q.loading ? 'loading' : 'loaded'}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t('backups.help')}
          </Text>
          {q.data && (
            <Text size="sm">
              {t('backups.folder')} <Code data-testid="backups-folder">{q.data.folder}</Code>
            </Text>
          )}
        </Stack>
        <Button leftSection={<IconDatabaseExport size={16} />} onClick={() => void backupNow()} loading={busy && !confirm} disabled={background} data-testid="backup-now" style={{ flexShrink: 0 }}>
          {t('backups.now')}
        </Button>
      </Group>
      {background && (
        <Group gap="xs" mb="md" data-testid="backup-running">
          <Loader size="xs" />
          <Text size="sm">{t('backups.running')}</Text>
        </Group>
      )}
      {q.data?.warning && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} mb="md" data-testid="backups-warning">
          {t('backups.warning', { reason: q.data.warning })}
        </Alert>
      )}
      <ErrorAlert error={error ?? q.error} />
      {items.length === 0 ? (
        // (While the first backup is under way, the line above says so.)
        !background && (
          <Text size="sm" data-testid="backups-empty">
            {t('backups.empty')}
          </Text>
        )
      ) : (
        <Table data-testid="backups-table" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('backups.date')}</Table.Th>
              <Table.Th>{t('backups.kind')}</Table.Th>
              <Table.Th>{t('backups.schema')}</Table.Th>
              <Table.Th>{t('backups.size')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((b) => (
              <Table.Tr key={b.id} data-testid="backup-row" data-backup-id={b.id} data-kind={b.kind}>
                <Table.Td>{formatBackupDate(b.createdAt, lang)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={b.kind === 'manual' ? 'blue' : b.kind === 'daily' ? 'teal' : 'gray'}>
                    {t(`backups.kinds.${b.kind}`)}
                  </Badge>
                  {!b.verified && (
                    <Badge variant="light" color="orange" ml="xs">
                      {t('backups.unverified')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{b.schemaVersion ?? '?'}</Table.Td>
                <Table.Td>{formatSize(b.size, lang)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" leftSection={<IconRestore size={14} />} onClick={() => setConfirm(b)} data-testid="backup-restore">
                    {t('backups.restore')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={confirm !== undefined} onClose={() => !busy && setConfirm(undefined)} title={<Text fw={700}>{t('backups.confirmTitle')}</Text>} data-testid="restore-confirm">
        {confirm && (
          <Stack>
            <Text size="sm">{t('backups.confirmBody', { date: formatBackupDate(confirm.createdAt, lang) })}</Text>
            <Text size="sm">{t('backups.confirmSafety')}</Text>
            {q.data && confirm.schemaVersion !== null && confirm.schemaVersion < q.data.schemaVersion && <Text size="sm">{t('backups.confirmUpgrade')}</Text>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(undefined)} disabled={busy}>
                {t('common.cancel')}
              </Button>
              <Button color="orange" onClick={() => void restore(confirm)} loading={busy} data-testid="restore-confirm-submit">
                {t('backups.confirmSubmit')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}

interface OfferedBackup {
  id: string;
  kind: Backup['kind'];
  createdAt: string;
  size: number;
  schemaVersion: number | null;
}

/** The backups an open error lists in its details (damaged start, empty file, failed upgrade). */
export function offeredBackups(error: unknown): OfferedBackup[] {
  if (!(error instanceof ApiCallError)) return [];
  const list = (error.error.details as { backups?: unknown } | undefined)?.backups;
  return Array.isArray(list) ? (list as OfferedBackup[]) : [];
}

/**
 * On the welcome screen, when a workspace does not open and has backups: offer them. Restoring
 * needs the passphrase (the backup must open with it), backs up the current file first, then
 * opens the restored workspace.
 */
export function BackupOffer({ error, path, passphrase, onRestored }: { error: unknown; path: string; passphrase: string; onRestored: () => Promise<void> }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const [confirm, setConfirm] = useState<OfferedBackup>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const backups = offeredBackups(error).slice(0, 5);
  if (backups.length === 0) return null;

  async function restore(b: OfferedBackup) {
    setBusy(true);
    setFailure(undefined);
    try {
      const r = await call('backups.restore', { id: b.id, path, passphrase });
      setConfirm(undefined);
      notifications.show(
        r.verified
          ? { color: 'teal', title: t('backups.restored'), message: t('backups.restoredDetail', { date: formatBackupDate(r.restored.createdAt, lang), entries: r.audit.entries }) }
          : { color: 'orange', autoClose: false, title: t('backups.restoredUnverified'), message: t('backups.restoredUnverifiedDetail', { check: r.quickCheck, audit: r.audit.ok ? 'ok' : (r.audit.firstBroken?.reason ?? '') }) },
      );
      await onRestored();
    } catch (e) {
      setFailure(e);
      setConfirm(undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder padding="sm" data-testid="backup-offer">
      <Text size="sm" fw={600} mb={4}>
        {t('backups.offerTitle')}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {t('backups.offerHelp')}
      </Text>
      <Stack gap={4}>
        {backups.map((b) => (
          <Group key={b.id} justify="space-between" wrap="nowrap" data-testid="offered-backup" data-backup-id={b.id}>
            <Text size="sm">
              {formatBackupDate(b.createdAt, lang)} · {t(`backups.kinds.${b.kind}`)}
            </Text>
            <Button size="compact-xs" variant="light" leftSection={<IconRestore size={12} />} onClick={() => setConfirm(b)} disabled={passphrase === ''}>
              {t('backups.restore')}
            </Button>
          </Group>
        ))}
      </Stack>
      <ErrorAlert error={failure} />
      <Modal opened={confirm !== undefined} onClose={() => !busy && setConfirm(undefined)} title={<Text fw={700}>{t('backups.confirmTitle')}</Text>} data-testid="offer-confirm">
        {confirm && (
          <Stack>
            <Text size="sm">{t('backups.confirmBody', { date: formatBackupDate(confirm.createdAt, lang) })}</Text>
            <Text size="sm">{t('backups.confirmSafety')}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(undefined)} disabled={busy}>
                {t('common.cancel')}
              </Button>
              <Button color="orange" onClick={() => void restore(confirm)} loading={busy} data-testid="offer-confirm-submit">
                {t('backups.confirmSubmit')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}
