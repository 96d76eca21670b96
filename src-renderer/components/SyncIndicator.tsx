import { Badge, Loader, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCloudOff, IconHourglass } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../api';
import { href } from '../app/routes';
import { queryKey } from '../hooks/query-keys';
import { indicatorState, type IndicatorState } from '../pages/sync/sync-model';
import { useAutoSync, useSyncRun } from '../pages/sync/sync-runner';
import { useSyncFormat } from '../pages/sync/useSyncFormat';

const LOOK: Record<IndicatorState, { color: string; icon: ReactNode }> = {
  off: { color: 'gray', icon: <IconCloudOff size={14} /> },
  syncing: { color: 'blue', icon: <Loader size={12} color="blue" /> },
  failed: { color: 'red', icon: <IconAlertTriangle size={14} /> },
  conflicts: { color: 'orange', icon: <IconAlertTriangle size={14} /> },
  refused: { color: 'red', icon: <IconAlertTriangle size={14} /> },
  waiting: { color: 'yellow', icon: <IconHourglass size={14} /> },
  synced: { color: 'teal', icon: <IconCircleCheck size={14} /> },
};

// A short tooltip date with Intl, so the header's chunk does not carry the history's formatters.
/**
 * The header's sync status (not set up / syncing / conflicts to review / synced…), a link to the
 * Sync page. It also runs the automatic sync while a folder is set, whatever page is open.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const fmt = useSyncFormat();
  const status = useQuery({
    queryKey: queryKey('sync.status', {}),
    queryFn: ({ signal }) => invoke('sync.status', {}, signal),
    // Local edits add changes to send; a colleague's approval arrives with a sync: a light poll keeps the badge honest.
    refetchInterval: 60_000,
  });
  const run = useSyncRun();
  useAutoSync(Boolean(status.data?.folder));
  const state = indicatorState(status.data, run.running, run.error !== undefined);
  const look = LOOK[state];
  const last = status.data?.lastSync?.at;
  const tip = last ? t('sync.indicator.lastAt', { at: new Date(last).toLocaleString(fmt.lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: fmt.timeZone }) }) : t('sync.indicator.open');
  return (
    <Tooltip label={tip} withinPortal>
      <Badge
        component="a"
        href={href('sync')}
        variant="light"
        color={look.color}
        size="lg"
        leftSection={look.icon}
        data-testid="sync-indicator"
        data-sync-state={state}
        style={{ textTransform: 'none', cursor: 'pointer' }}
        visibleFrom="md"
      >
        {state === 'conflicts' ? t('sync.indicator.conflicts', { count: status.data?.openConflicts ?? 0 }) : t(`sync.indicator.${state}`)}
      </Badge>
    </Tooltip>
  );
}
