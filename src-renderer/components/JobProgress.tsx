import { Button, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput, MethodOutput } from '../../src-main/api/contract';
import { invoke } from '../api';

export type JobStatus = MethodOutput<'jobs.list'>['items'][number];
type JobNameWire = MethodInput<'jobs.cancel'>['name'];

/** The steps the jobs report (services/reports.ts, save-export.ts) → their translation keys (reports.steps.*). */
export const STEP_KEYS: Record<string, string> = {
  'reading the workspace': 'reading',
  'drawing the charts': 'charts',
  'writing the document': 'document',
  register: 'register',
  'DPIA screening': 'dpia',
  'breach register': 'breaches',
  'rights-request register': 'requests',
  'vendor register': 'vendors',
  'transfer impact assessments': 'tia',
  'security measures': 'security',
  'checking the change log (audit verify)': 'audit',
  'sealing (manifest.json, contenu.txt)': 'sealing',
  saving: 'saving',
};

const POLL_MS = 400;

/**
 * While `active`, asks the main process every 400 ms where the job `name` is (jobs.list): the web
 * harness has no event channel, and the file exports of the other pages report no events either.
 */
export function useJobStatus(name: JobNameWire, active: boolean): JobStatus | undefined {
  const [status, setStatus] = useState<JobStatus>();
  useEffect(() => {
    if (!active) {
      setStatus(undefined);
      return;
    }
    let stopped = false;
    const tick = async () => {
      try {
        const r = await invoke('jobs.list', {});
        if (!stopped) setStatus(r.items.find((j) => j.name === name));
      } catch {
        // The next tick tries again; the job's own answer reports any real failure.
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [name, active]);
  return status;
}

/** After this long a running job shows its bar (a quick one does not flash it). */
const SHOW_AFTER_MS = 1000;

/**
 * The bar of a long job (an export, an import's reading, the change-log check) with its steps when
 * it reports them, and a Cancel button that stops it in the main process (jobs.cancel). The job's
 * own call then answers export_cancelled / cancelled.
 */
export function JobProgress({
  name,
  active,
  what,
  verb = 'working',
  testId = 'job-progress',
}: {
  name: JobNameWire;
  active: boolean;
  what: string;
  /** « Génération en cours », « Vérification en cours » or « Lecture en cours ». */
  verb?: 'working' | 'checking' | 'reading';
  testId?: string;
}) {
  const { t } = useTranslation();
  const status = useJobStatus(name, active);
  const [slow, setSlow] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => {
    setSlow(false);
    setCancelling(false);
    if (!active) return;
    const timer = setTimeout(() => setSlow(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [active]);
  if (!active || !slow) return null;
  const stepLabel = (step: string) => (STEP_KEYS[step] ? t(`reports.steps.${STEP_KEYS[step]}`) : step);
  const percent = status?.total && status.index ? Math.min(100, Math.round((status.index / status.total) * 100)) : undefined;
  const label = t(`reports.${verb}`, { what });
  return (
    <Card withBorder padding="sm" mb="md" data-testid={testId} data-state="working" data-step={status?.step ?? ''}>
      <Group justify="space-between" wrap="nowrap" mb={6}>
        <Stack gap={0}>
          <Text size="sm">{label}</Text>
          {status?.step && (
            <Text size="xs" c="dimmed" data-testid={`${testId}-step`}>
              {status.total ? t('reports.step', { step: stepLabel(status.step), index: status.index, total: status.total }) : stepLabel(status.step)}
            </Text>
          )}
        </Stack>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconX size={14} />}
          loading={cancelling}
          disabled={!status}
          onClick={() => {
            setCancelling(true);
            void invoke('jobs.cancel', { name }).catch(() => setCancelling(false));
          }}
          data-testid={`${testId}-cancel`}
        >
          {t('reports.cancel')}
        </Button>
      </Group>
      {percent === undefined ? (
        <Progress value={100} animated striped aria-label={label} />
      ) : (
        <Progress value={percent} animated aria-label={label} aria-valuetext={status?.step ? stepLabel(status.step) : undefined} />
      )}
    </Card>
  );
}
