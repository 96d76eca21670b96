import { Alert, Button, Card, Checkbox, FileInput, Group, Progress, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileTypeCsv, IconFileTypeDocx, IconFileTypeXls, IconFileZip, IconTable, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportJobInput } from '../../../src-main/api/contracts/exports';
import { call, onAppEvent } from '../../api';
import { useAppState } from '../../app/context';
import { DOCX_MIME, downloadBase64, fileToBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { STEP_KEYS, useJobStatus } from '../../components/JobProgress';
import { PACK_PARTS, type PackPart } from '../../../src-main/api/contracts/reports';
import { Charts } from '../dashboard/Charts';
import { useUiLanguage } from '../../hooks/useUiLanguage';

const MIME: Record<string, string> = {
  docx: DOCX_MIME,
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: 'text/csv',
  zip: 'application/zip',
};
const ICON: Record<string, typeof IconFileTypeDocx> = { docx: IconFileTypeDocx, xlsx: IconFileTypeXls, ods: IconTable, csv: IconFileTypeCsv };

function size(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} Mo` : `${Math.max(1, Math.round(bytes / 1024))} ko`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Busy {
  what: string;
  /** The export's id (its progress events carry it; exports.cancel takes it). */
  id: string;
  /** True when the main process saves the file (Electron); false for a download (web harness). */
  saving: boolean;
  /** Shown once the export has taken longer than a second (a quick one does not flash a bar). */
  slow: boolean;
  step?: string;
  index?: number;
  total?: number;
}

type LegacyFile = { fileName: string; contentBase64: string; bytes: number };

/** Annual report, CNIL pack and registers, with the figures of the chosen period shown first. */
export function ReportExports() {
  const { t } = useTranslation();
  const uiLang = useUiLanguage();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [lang, setLang] = useState<'fr' | 'en'>(uiLang);
  const [logo, setLogo] = useState<File | null>(null);
  const [parts, setParts] = useState<string[]>([...PACK_PARTS]);
  const [busy, setBusy] = useState<Busy>();
  const [done, setDone] = useState<{ text: string; path?: string }>();
  const [error, setError] = useState<unknown>();
  const { info } = useAppState();
  // Electron: the main process asks where, writes the file and reports its steps. The web harness
  // has no save dialog: the file comes back to the page and the browser downloads it.
  const canSave = Boolean(info?.canSaveFiles);
  const period = DATE.test(from) && DATE.test(to) ? { from, to } : {};
  /** The export running now, and the downloads cancelled (their late answer is dropped). */
  const current = useRef<string | undefined>(undefined);
  const cancelled = useRef(new Set<string>());
  const seq = useRef(0);

  // A download (web harness) reports no events: its steps are read from the main process's job list.
  const polled = useJobStatus('export', Boolean(busy && !busy.saving));
  useEffect(() => {
    if (polled) setBusy((b) => (b && !b.saving ? { ...b, step: polled.step, index: polled.index, total: polled.total } : b));
  }, [polled]);
  useEffect(
    () =>
      onAppEvent((e) => {
        if (e.type !== 'export-progress') return;
        setBusy((b) => (b && b.id === e.id ? { ...b, step: e.step, index: e.index, total: e.total } : b));
      }),
    [],
  );

  async function run(what: string, job: ExportJobInput, download: () => Promise<LegacyFile>, ext: string) {
    const id = `export-${Date.now().toString(36)}-${++seq.current}`;
    current.current = id;
    setBusy({ what, id, saving: canSave, slow: false });
    const timer = setTimeout(() => setBusy((b) => (b && b.id === id ? { ...b, slow: true } : b)), 1000);
    setDone(undefined);
    setError(undefined);
    try {
      if (canSave) {
        const r = await call('exports.save', { id, job });
        if (r.saved) setDone({ text: t('reports.done', { name: r.fileName, size: size(r.bytes) }), path: r.path });
      } else {
        const r = await download();
        // Cancelled meanwhile: the file was made by the harness but is not saved.
        if (cancelled.current.has(id)) return;
        downloadBase64(r.fileName, r.contentBase64, MIME[ext]);
        setDone({ text: t('reports.done', { name: r.fileName, size: size(r.bytes) }) });
      }
    } catch (e) {
      if (cancelled.current.has(id)) return;
      if ((e as { code?: string }).code === 'export_cancelled') setDone({ text: t('reports.cancelled') });
      else setError(e);
    } finally {
      clearTimeout(timer);
      if (current.current === id) setBusy(undefined);
    }
  }

  async function cancel() {
    const id = current.current;
    if (!busy || !id) return;
    if (busy.saving) {
      // The main process stops at its next step and removes what it started writing.
      await call('exports.cancel', { id }).catch(setError);
    } else {
      // The export stops in the main process (its worker ends at its next step); should it finish
      // first, its answer is dropped: nothing is downloaded.
      void call('jobs.cancel', { name: 'export' }).catch(() => undefined);
      cancelled.current.add(id);
      current.current = undefined;
      setBusy(undefined);
      setDone({ text: t('reports.cancelled') });
    }
  }

  const stepLabel = (step: string) => (STEP_KEYS[step] ? t(`reports.steps.${STEP_KEYS[step]}`) : step);
  const percent = busy?.index && busy.total ? Math.min(100, Math.round((busy.index / busy.total) * 100)) : undefined;

  const registerRow = (label: string, method: 'reports.register' | 'reports.requests' | 'reports.vendors', kind: 'register' | 'requests' | 'vendors', formats: Array<'docx' | 'xlsx' | 'ods' | 'csv'>, id: string) => (
    <Group key={id} justify="space-between" wrap="wrap">
      <Text fw={500}>{label}</Text>
      <Group gap="xs">
        {formats.map((f) => {
          const Icon = ICON[f]!;
          return (
            <Button
              key={f}
              size="xs"
              variant="light"
              disabled={Boolean(busy)}
              leftSection={<Icon size={14} />}
              data-testid={`export-${id}-${f}`}
              onClick={() => void run(`${label} (${f.toUpperCase()})`, { kind, format: f, lang } as ExportJobInput, () => call(method, { format: f as never, lang }), f)}
            >
              {f.toUpperCase()}
            </Button>
          );
        })}
      </Group>
    </Group>
  );

  return (
    <Stack gap="lg" mb="lg">
      <Card withBorder padding="lg">
        <Group justify="space-between" align="flex-end" wrap="wrap" mb="md">
          <Stack gap={2}>
            <Title order={4}>{t('reports.charts.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('reports.charts.help')} {t('reports.periodHelp')}
            </Text>
          </Stack>
          <Group gap="xs" align="flex-end">
            <TextInput type="date" label={t('reports.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} data-testid="period-from" w={160} />
            <TextInput type="date" label={t('reports.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="period-to" w={160} />
            <SegmentedControl
              value={lang}
              onChange={(v) => setLang(v as 'fr' | 'en')}
              data={[
                { value: 'fr', label: 'FR' },
                { value: 'en', label: 'EN' },
              ]}
              aria-label={t('reports.language')}
              data-testid="report-lang"
            />
          </Group>
        </Group>
        <Charts key={`${period.from ?? ''}-${period.to ?? ''}`} {...period} />
      </Card>

      {busy?.slow && (
        <Card withBorder padding="sm" data-testid="export-progress" data-state="working" data-step={busy.step ?? ''}>
          <Group justify="space-between" wrap="nowrap" mb={6}>
            <Stack gap={0}>
              <Text size="sm">{t('reports.working', { what: busy.what })}</Text>
              {busy.step && (
                <Text size="xs" c="dimmed" data-testid="export-step">
                  {t('reports.step', { step: stepLabel(busy.step), index: busy.index, total: busy.total })}
                </Text>
              )}
            </Stack>
            <Button size="xs" variant="default" leftSection={<IconX size={14} />} onClick={() => void cancel()} data-testid="export-cancel">
              {t('reports.cancel')}
            </Button>
          </Group>
          {/* Determinate once the main process reports its steps (events, or the job list for a download). */}
          {percent === undefined ? (
            <Progress value={100} animated striped aria-label={t('reports.working', { what: busy.what })} />
          ) : (
            <Progress value={percent} animated aria-label={t('reports.working', { what: busy.what })} aria-valuetext={busy.step ? stepLabel(busy.step) : undefined} />
          )}
        </Card>
      )}
      {done && !busy && (
        <Alert color="teal" data-testid="export-done">
          {done.text}
          {done.path && (
            <Text size="xs" c="dimmed" mt={4} style={{ wordBreak: 'break-all' }} data-testid="export-path">
              {t('reports.savedIn', { path: done.path })}
            </Text>
          )}
        </Alert>
      )}
      <ErrorAlert error={error} />

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder padding="lg">
          <Title order={4} mb={4}>
            {t('reports.annualTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t('reports.annualHelp')}
          </Text>
          <FileInput label={t('reports.logo')} accept="image/png,image/jpeg" value={logo} onChange={setLogo} clearable mb="md" data-testid="report-logo" />
          <Button
            leftSection={<IconFileTypeDocx size={16} />}
            disabled={Boolean(busy)}
            data-testid="export-annual-report"
            onClick={() =>
              void (async () => {
                const logoBase64 = logo ? await fileToBase64(logo) : undefined;
                const input = { ...period, lang, ...(logoBase64 ? { logoBase64 } : {}) };
                await run(t('reports.annualTitle'), { kind: 'annualReport', ...input }, () => call('reports.annualReport', input), 'docx');
              })()
            }
          >
            {t('reports.annualButton')}
          </Button>
        </Card>

        <Card withBorder padding="lg">
          <Title order={4} mb={4}>
            {t('reports.packTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t('reports.packHelp')}
          </Text>
          <Checkbox.Group label={t('reports.packParts')} value={parts} onChange={setParts} mb="md" error={parts.length === 0 ? t('reports.noPart') : undefined}>
            <SimpleGrid cols={2} spacing={4} mt={6}>
              {PACK_PARTS.map((p) => (
                <Checkbox key={p} value={p} label={t(`reports.parts.${p}`)} data-testid={`pack-part-${p}`} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Button
            leftSection={<IconFileZip size={16} />}
            disabled={Boolean(busy) || parts.length === 0}
            data-testid="export-cnil-pack"
            onClick={() => {
              const input = { ...period, parts: parts as PackPart[] };
              void run(t('reports.packTitle'), { kind: 'cnilPack', ...input }, () => call('reports.cnilPack', input), 'zip');
            }}
          >
            {t('reports.packButton')}
          </Button>
        </Card>
      </SimpleGrid>

      <Card withBorder padding="lg">
        <Title order={4} mb={4}>
          {t('reports.registersTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('reports.registersHelp')}
        </Text>
        <Stack gap="sm">
          {registerRow(t('reports.registerRow'), 'reports.register', 'register', ['docx', 'xlsx', 'ods', 'csv'], 'register')}
          {registerRow(t('reports.requestsRow'), 'reports.requests', 'requests', ['docx', 'xlsx', 'csv'], 'requests')}
          {registerRow(t('reports.vendorsRow'), 'reports.vendors', 'vendors', ['docx', 'xlsx', 'csv'], 'vendors')}
        </Stack>
      </Card>
    </Stack>
  );
}
