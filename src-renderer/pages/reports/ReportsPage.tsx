import { Badge, Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFileTypeCsv, IconFileTypeDocx } from '@tabler/icons-react';
import { DOCX_MIME, downloadBase64 } from '../../components/download';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { HistoryTable } from '../../components/HistoryTable';
import type { MethodOutput } from '../../../src-main/api/contract';
import { ReportExports } from './ReportExports';

/** Reports: the audit trail (the change log every export and sync is built on) and its integrity check. */
export function ReportsPage() {
  const { t } = useTranslation();
  const [audit, setAudit] = useState<MethodOutput<'audit.verify'>>();
  const [error, setError] = useState<unknown>();
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
          <Button data-testid="verify-audit" onClick={() => void call('audit.verify', {}).then(setAudit, setError)}>
            {t('audit.verify')}
          </Button>
        </Group>
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
        <ErrorAlert error={error} />
      </Card>
      <Card withBorder padding="lg" mb="lg">
        <Title order={4} mb={4}>
          {t('reports.exportsTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('reports.exportsHelp')}
        </Text>
        <Group>
          <Button variant="light" leftSection={<IconFileTypeDocx size={16} />} onClick={() => void call('register.exportDocx', {}).then((r) => downloadBase64(r.fileName, r.contentBase64, DOCX_MIME), setError)} data-testid="export-register">
            {t('reports.registerDocx')}
          </Button>
          <Button variant="light" leftSection={<IconFileTypeCsv size={16} />} onClick={() => void call('requests.exportCsv', {}).then((r) => downloadBase64(r.fileName, r.contentBase64, 'text/csv'), setError)} data-testid="export-requests-csv">
            {t('reports.requestsCsv')}
          </Button>
          <Button variant="light" leftSection={<IconFileTypeDocx size={16} />} onClick={() => void call('breaches.register', { format: 'docx' }).then((r) => downloadBase64(r.fileName, r.contentBase64, DOCX_MIME), setError)} data-testid="export-breaches-docx">
            {t('reports.breachesDocx')}
          </Button>
          <Button variant="light" leftSection={<IconFileTypeCsv size={16} />} onClick={() => void call('breaches.register', { format: 'csv' }).then((r) => downloadBase64(r.fileName, r.contentBase64, 'text/csv'), setError)} data-testid="export-breaches-csv">
            {t('reports.breachesCsv')}
          </Button>
          <Button variant="light" leftSection={<IconFileTypeCsv size={16} />} onClick={() => void call('audit.exportCsv', {}).then((r) => downloadBase64(r.fileName, r.contentBase64, 'text/csv'), setError)} data-testid="export-audit-csv">
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
