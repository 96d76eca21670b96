import { Alert, Button, Card, Checkbox, FileInput, Group, Progress, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconFileTypeCsv, IconFileTypeDocx, IconFileTypeXls, IconFileZip, IconTable } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { DOCX_MIME, downloadBase64, fileToBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PACK_PARTS } from '../../../src-main/api/contracts/reports';
import { Charts } from '../dashboard/Charts';

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

/** Annual report, CNIL pack and registers, with the figures of the chosen period shown first. */
export function ReportExports() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [lang, setLang] = useState<'fr' | 'en'>(i18n.language === 'en' ? 'en' : 'fr');
  const [logo, setLogo] = useState<File | null>(null);
  const [parts, setParts] = useState<string[]>([...PACK_PARTS]);
  const [busy, setBusy] = useState<string>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<unknown>();
  const period = DATE.test(from) && DATE.test(to) ? { from, to } : {};

  async function run(what: string, job: () => Promise<{ fileName: string; contentBase64: string; bytes: number }>, ext: string) {
    setBusy(what);
    setDone(undefined);
    setError(undefined);
    try {
      const r = await job();
      downloadBase64(r.fileName, r.contentBase64, MIME[ext]);
      setDone(t('reports.done', { name: r.fileName, size: size(r.bytes) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  const registerRow = (label: string, method: 'reports.register' | 'reports.requests' | 'reports.vendors', formats: Array<'docx' | 'xlsx' | 'ods' | 'csv'>, id: string) => (
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
              onClick={() => void run(`${label} (${f.toUpperCase()})`, () => call(method, { format: f as never, lang }), f)}
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

      {busy && (
        <Card withBorder padding="sm" data-testid="export-progress" data-state="working">
          <Text size="sm" mb={6}>
            {t('reports.working', { what: busy })}
          </Text>
          <Progress value={100} animated striped aria-label={t('reports.working', { what: busy })} />
        </Card>
      )}
      {done && !busy && (
        <Alert color="teal" data-testid="export-done">
          {done}
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
              void run(
                t('reports.annualTitle'),
                async () => call('reports.annualReport', { ...period, lang, ...(logo ? { logoBase64: await fileToBase64(logo) } : {}) }),
                'docx',
              )
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
            onClick={() => void run(t('reports.packTitle'), () => call('reports.cnilPack', { ...period, parts: parts as never }), 'zip')}
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
          {registerRow(t('reports.registerRow'), 'reports.register', ['docx', 'xlsx', 'ods', 'csv'], 'register')}
          {registerRow(t('reports.requestsRow'), 'reports.requests', ['docx', 'xlsx', 'csv'], 'requests')}
          {registerRow(t('reports.vendorsRow'), 'reports.vendors', ['docx', 'xlsx', 'csv'], 'vendors')}
        </Stack>
      </Card>
    </Stack>
  );
}
