import { Badge, Button, Card, Code, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconFileTypeCsv, IconFileTypeDocx } from '@tabler/icons-react';
import { DOCX_MIME, useSaveFile } from '../../components/download';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { useBusy } from '../../components/useBusy';
import { PageHeader } from '../../components/PageHeader';
import { HistoryTable } from '../../components/HistoryTable';
import type { MethodOutput } from '../../../src-main/api/contract';
import { ReportExports } from './ReportExports';
import { BehindNotice } from './BehindNotice';
import { useUiLanguage } from '../../hooks/useUiLanguage';

/** Reports: the audit trail (the change log every export and sync is built on) and its integrity check. */
export function ReportsPage() {
  const { t } = useTranslation();
  const saveFile = useSaveFile();
  const [audit, setAudit] = useState<MethodOutput<'audit.verify'>>();
  const [error, setError] = useState<unknown>();
  const [seal, setSeal] = useState<MethodOutput<'audit.seal'>>();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    void call('audit.seal', {}).then(setSeal, setError);
  }, []);
  // The check and the files run as jobs in the main process: a bar with a Cancel button shows while they run.
  const [verifying, runVerify] = useBusy();
  const [filing, runFile] = useBusy();
  const [fileWhat, setFileWhat] = useState('');
  const verify = () =>
    void runVerify(() =>
      call('audit.verify', {}).then((r) => {
        setAudit(r);
        return call('audit.seal', {}).then(setSeal);
      }, setError),
    );
  const file = (what: string, save: () => Promise<unknown>) => {
    setFileWhat(what);
    void runFile(() => save().then(() => undefined, setError));
  };
  // The seal in the reader's language, as it will be pasted into a report or an e-mail.
  const sealLine = seal ? t('reports.sealLine', { workspaceId: seal.seal.workspaceId, count: seal.seal.entries, headHash: seal.seal.headHash, at: seal.seal.at }) : '';
  const copySeal = () => {
    if (!seal) return;
    void navigator.clipboard.writeText(sealLine).then(() => setCopied(true), setError);
  };
  return (
    <>
      <PageHeader title={t('nav.reports')} subtitle={t('reports.subtitle')} />
      <ReportExports />
      <Card withBorder padding="lg" mb="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={4}>{t('reports.auditTitle')}</Title>
            <Text size="sm" c="dimmed" maw={680}>
              {t('reports.auditHelp')}
            </Text>
          </Stack>
          <Button data-testid="verify-audit" onClick={verify} loading={verifying}>
            {t('audit.verify')}
          </Button>
        </Group>
        <JobProgress name="auditVerify" active={verifying} verb="checking" what={t('reports.auditTitle').toLowerCase()} testId="audit-progress" />
        {audit && (
          <Group gap="xs" mt="md" data-testid="audit-result" data-ok={String(audit.ok)}>
            {audit.ok ? <IconCheck color="var(--mantine-color-teal-6)" /> : <IconAlertTriangle color="var(--mantine-color-red-6)" />}
            <Text c={audit.ok ? 'teal' : 'red'} fw={600}>
              {audit.ok ? t('audit.intact', { count: audit.entries }) : t('audit.broken')}
            </Text>
            {audit.firstBroken && (
              <Code>
                {audit.firstBroken.reason} {audit.firstBroken.seq ? `#${audit.firstBroken.seq}` : ''} {audit.firstBroken.table ?? ''} {audit.firstBroken.rowId ?? ''}
              </Code>
            )}
          </Group>
        )}
        {audit && <SealStatus check={audit.seal} />}
        <SimpleGrid cols={{ base: 1, md: 2 }} mt="md" spacing="lg" data-testid="audit-limits">
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('audit.provesTitle')}
            </Text>
            <Text size="sm">{t('audit.proves')}</Text>
          </Stack>
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('audit.cannotTitle')}
            </Text>
            <Text size="sm">{t('audit.cannot')}</Text>
          </Stack>
        </SimpleGrid>
        <ErrorAlert error={error} />
      </Card>
      <Card withBorder padding="lg" mb="lg" data-testid="audit-seal">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={4}>{t('reports.sealTitle')}</Title>
            <Text size="sm" c="dimmed" maw={680}>
              {t('reports.sealHelp')}
            </Text>
          </Stack>
          <Button variant="light" leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copySeal} disabled={!seal} data-testid="copy-seal">
            {copied ? t('reports.sealCopied') : t('reports.copySeal')}
          </Button>
        </Group>
        {seal && (
          <List size="sm" mt="md" spacing={4} listStyleType="none">
            <List.Item>
              <Text size="sm" fw={600} data-testid="seal-entries">
                {t('reports.sealEntries', { count: seal.seal.entries })}
              </Text>
            </List.Item>
            <List.Item>
              <Text size="sm" span>
                {t('reports.sealHead')}{' '}
              </Text>
              <Code data-testid="seal-head" style={{ wordBreak: 'break-all' }}>
                {seal.seal.headHash}
              </Code>
            </List.Item>
            <List.Item>
              <Code block data-testid="seal-text" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {sealLine}
              </Code>
            </List.Item>
          </List>
        )}
      </Card>
      <Card withBorder padding="lg" mb="lg">
        <Title order={4} mb={4}>
          {t('reports.exportsTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('reports.exportsHelp')}
        </Text>
        <JobProgress name="file" active={filing} what={fileWhat} testId="file-export-progress" />
        <Group>
          <Button variant="light" leftSection={<IconFileTypeDocx size={16} />} disabled={filing} onClick={() => file(t('reports.registerDocx'), () => saveFile('register.exportDocx', {}, DOCX_MIME))} data-testid="export-register">
            {t('reports.registerDocx')}
          </Button>
          <Button variant="light" leftSection={<IconFileTypeCsv size={16} />} disabled={filing} onClick={() => file(t('reports.requestsCsv'), () => saveFile('requests.exportCsv', {}, 'text/csv'))} data-testid="export-requests-csv">
            {t('reports.requestsCsv')}
          </Button>
          <Button variant="light" leftSection={<IconFileTypeDocx size={16} />} disabled={filing} onClick={() => file(t('reports.breachesDocx'), () => saveFile('breaches.register', { format: 'docx' }, DOCX_MIME))} data-testid="export-breaches-docx">
            {t('reports.breachesDocx')}
          </Button>
          <Button variant="light" leftSection={<IconFileTypeCsv size={16} />} disabled={filing} onClick={() => file(t('reports.breachesCsv'), () => saveFile('breaches.register', { format: 'csv' }, 'text/csv'))} data-testid="export-breaches-csv">
            {t('reports.breachesCsv')}
          </Button>
          <Button variant="light" leftSection={<IconFileTypeCsv size={16} />} onClick={() => void saveFile('audit.exportCsv', {}, 'text/csv').then(() => undefined, setError)} data-testid="export-audit-csv">
            {t('reports.auditCsv')}
          </Button>
        </Group>
      </Card>
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('reports.historyTitle')}</Title>
          <Badge variant="light">{t('reports.newestFirst')}</Badge>
        </Group>
        <HistoryTable />
      </Card>
    </>
  );
}

/** How the workspace compares with the seal this computer kept (shown after a verification). */
export function SealStatus({ check }: { check: MethodOutput<'audit.verify'>['seal'] }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  if (check.status === 'behind' && check.seen && check.found) return <BehindNotice seen={check.seen} found={check.found} lang={lang} />;
  const key = { 'first-seen': 'audit.sealFirst', same: 'audit.sealSame', ahead: 'audit.sealAhead', behind: 'audit.sealUnavailable', unavailable: 'audit.sealUnavailable' }[check.status];
  return (
    <Text size="sm" c="dimmed" mt="xs" data-testid="seal-status" data-status={check.status}>
      {t(key)}
    </Text>
  );
}

