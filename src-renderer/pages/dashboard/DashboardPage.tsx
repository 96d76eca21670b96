import { Anchor, Badge, Button, Card, Group, List, Progress, RingProgress, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFingerprint, IconListDetails, IconUserCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../../components/useBusy';
import { call } from '../../api';
import { href, navigate } from '../../app/routes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { AreaCards, Metric } from './AreaCards';
import { Charts } from './Charts';
import { TodayList } from './TodayList';
import type { MethodOutput } from '../../../src-main/api/contract';
import { useUiLanguage } from '../../hooks/useUiLanguage';

const PROFILE_FIELDS = 8;

export function DashboardPage() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const summary = useApi('dashboard.summary', {});
  const [audit, setAudit] = useState<MethodOutput<'audit.verify'>>();
  const [auditError, setAuditError] = useState<unknown>();
  const [verifying, runVerify] = useBusy();
  const s = summary.data;
  const profilePct = s ? Math.round(((PROFILE_FIELDS - s.profileMissing.length) / PROFILE_FIELDS) * 100) : 0;

  return (
    <>
      <PageHeader title={t('nav.dashboard')} subtitle={s ? t('dashboard.today', { date: new Date(`${s.today}T12:00:00`).toLocaleDateString(lang, { dateStyle: 'full' }) }) : undefined} />
      <ErrorAlert error={summary.error} />
      {s && <TodayList />}
      {s && <AreaCards />}
      {/* The same figures and charts as the annual report (reports.figures), last 12 months. */}
      {s && (
        <Card withBorder padding="lg" mb="lg" data-testid="dashboard-charts">
          <Title order={4} mb="sm">
            {t('dashboard.chartsTitle')}
          </Title>
          <Charts />
        </Card>
      )}
      {s && (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <Card withBorder padding="lg" data-testid="card-profile">
            <Group justify="space-between" mb="sm">
              <Group gap="xs">
                <ThemeIcon variant="light">
                  <IconUserCircle size={18} />
                </ThemeIcon>
                <Title order={4}>{t('dashboard.profileTitle')}</Title>
              </Group>
              <Badge color={s.profileMissing.length ? 'orange' : 'teal'}>{profilePct} %</Badge>
            </Group>
            <Progress value={profilePct} color={s.profileMissing.length ? 'orange' : 'teal'} mb="sm" />
            {s.profileMissing.length === 0 ? (
              <Text size="sm">{t('dashboard.profileComplete')}</Text>
            ) : (
              <>
                <Text size="sm" mb={6}>
                  {t('dashboard.profileMissing')}
                </Text>
                <List size="sm" spacing={2}>
                  {s.profileMissing.map((f) => (
                    <List.Item key={f}>{t(`profile.${f}`)}</List.Item>
                  ))}
                </List>
                <Button mt="md" size="xs" variant="light" onClick={() => navigate('settings')}>
                  {t('dashboard.completeProfile')}
                </Button>
              </>
            )}
          </Card>
          <Card withBorder padding="lg" data-testid="card-register">
            <Group gap="xs" mb="sm">
              <ThemeIcon variant="light">
                <IconListDetails size={18} />
              </ThemeIcon>
              <Title order={4}>{t('dashboard.registerTitle')}</Title>
            </Group>
            {s.activities.total === 0 ? (
              <Stack gap="xs">
                <Text size="sm">{t('dashboard.registerEmpty')}</Text>
                <Anchor size="sm" onClick={() => navigate('register')}>
                  {t('dashboard.registerStart')}
                </Anchor>
              </Stack>
            ) : (
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap">
                  <div>
                    <Text size="xl" fw={700}>
                      {t('dashboard.activities', { count: s.activities.total })}
                    </Text>
                    <Group gap="xs">
                      <Anchor size="sm" c="dimmed" href={href('register', undefined, { view: 'active' })} onClick={(e) => { e.preventDefault(); navigate('register', undefined, { view: 'active' }); }} data-testid="dashboard-active">
                        {t('dashboard.activeCount', { count: s.activities.active })}
                      </Anchor>
                      <Anchor size="sm" c="dimmed" href={href('register', undefined, { view: 'draft' })} onClick={(e) => { e.preventDefault(); navigate('register', undefined, { view: 'draft' }); }} data-testid="dashboard-draft">
                        {t('dashboard.draftCount', { count: s.activities.draft })}
                      </Anchor>
                    </Group>
                  </div>
                  <RingProgress size={70} thickness={7} sections={[{ value: s.register.score, color: s.register.score >= 90 ? 'teal' : s.register.score >= 60 ? 'yellow' : 'red' }]} label={<Text ta="center" size="sm" fw={700} data-testid="dashboard-register-score">{s.register.score}</Text>} />
                </Group>
                <Metric label={t('dashboard.registerErrors', { count: s.register.errors })} value={s.register.errors} color={s.register.errors ? 'red' : undefined} testId="metric-register-errors" to={href('register', undefined, { view: 'issues' })} />
                <Metric label={t('dashboard.registerWarnings', { count: s.register.warnings })} value={s.register.warnings} color={s.register.warnings ? 'yellow' : undefined} testId="metric-register-warnings" to={href('register', undefined, { view: 'issues' })} />
                {s.register.toFix.map((a) => (
                  <Anchor key={a.id} size="sm" onClick={() => navigate('register', a.id)}>
                    {a.reference} — {a.name} ({a.score})
                  </Anchor>
                ))}
                {s.activities.inTrash > 0 && (
                  <Anchor size="xs" c="dimmed" href={href('settings')} onClick={(e) => { e.preventDefault(); navigate('settings'); }} data-testid="dashboard-in-trash">
                    {t('dashboard.inTrash', { count: s.activities.inTrash })}
                  </Anchor>
                )}
              </Stack>
            )}
          </Card>
          <Card withBorder padding="lg" data-testid="card-audit">
            <Group gap="xs" mb="sm">
              <ThemeIcon variant="light">
                <IconFingerprint size={18} />
              </ThemeIcon>
              <Title order={4}>{t('dashboard.auditTitle')}</Title>
            </Group>
            <Text size="sm">{t('dashboard.auditEntries', { count: s.changeLog.entries })}</Text>
            {s.changeLog.lastAt && (
              <Text size="xs" c="dimmed">
                {t('dashboard.lastChange', { at: new Date(s.changeLog.lastAt).toLocaleString(lang) })}
              </Text>
            )}
            {audit && (
              <Group gap={6} mt="sm" data-testid="audit-result" data-ok={String(audit.ok)}>
                {audit.ok ? <IconCheck size={16} color="var(--mantine-color-teal-6)" /> : <IconAlertTriangle size={16} color="var(--mantine-color-red-6)" />}
                <Text size="sm" c={audit.ok ? 'teal' : 'red'}>
                  {audit.ok ? t('audit.intact', { count: audit.entries }) : `${t('audit.broken')} ${audit.firstBroken?.reason ?? ''}`}
                </Text>
              </Group>
            )}
            <ErrorAlert error={auditError} />
            <JobProgress name="auditVerify" active={verifying} verb="checking" what={t('reports.auditTitle').toLowerCase()} testId="dashboard-audit-progress" />
            <Button
              mt="md"
              size="xs"
              variant="light"
              data-testid="verify-audit"
              loading={verifying}
              onClick={() =>
                void runVerify(() =>
                  call('audit.verify', {})
                    .then((r) => {
                      setAudit(r);
                      setAuditError(undefined);
                    })
                    .catch(setAuditError),
                )
              }
            >
              {t('audit.verify')}
            </Button>
          </Card>
        </SimpleGrid>
      )}
    </>
  );
}
