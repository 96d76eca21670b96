import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertOctagon, IconBuildingStore, IconUserQuestion } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/routes';
import { useApi } from '../../hooks/useApi';

function Metric({ label, value, color, testId }: { label: string; value: number | string; color?: string; testId?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" data-testid={testId}>
      <Text size="sm">{label}</Text>
      <Badge variant={color ? 'filled' : 'light'} color={color ?? 'gray'} size="lg" styles={{ label: { overflow: 'visible' } }}>
        {value}
      </Badge>
    </Group>
  );
}

function AreaCard({ title, icon, onOpen, children, testId }: { title: string; icon: ReactNode; onOpen: () => void; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" data-testid={testId}>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <ThemeIcon variant="light">{icon}</ThemeIcon>
          <Title order={4}>{title}</Title>
        </Group>
        <Anchor size="sm" onClick={onOpen}>
          {t('dashboard.open')}
        </Anchor>
      </Group>
      <Stack gap={6}>{children}</Stack>
    </Card>
  );
}

/** Deadlines first: what is late or due soon in rights requests and breaches, and what vendors need. */
export function AreaCards() {
  const { t, i18n } = useTranslation();
  const requests = useApi('requests.summary', {});
  const breaches = useApi('breaches.summary', {});
  const vendors = useApi('vendors.summary', {});
  const r = requests.data;
  const b = breaches.data;
  const v = vendors.data;
  const nextClock = b?.clocksRunning.slice().sort((x, y) => x.notifyBy.localeCompare(y.notifyBy))[0];
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg" mb="lg">
      <AreaCard title={t('nav.requests')} icon={<IconUserQuestion size={18} />} onOpen={() => navigate('requests')} testId="card-requests">
        {r && (
          <>
            <Metric label={t('dashboard.overdue')} value={r.overdue} color={r.overdue ? 'red' : undefined} testId="metric-overdue" />
            <Metric label={t('dashboard.dueThisWeek')} value={r.dueThisWeek} color={r.dueThisWeek ? 'orange' : undefined} />
            <Metric label={t('dashboard.extensionNoticesDue')} value={r.extensionNoticesDue} color={r.extensionNoticesDue ? 'orange' : undefined} />
            <Metric label={t('dashboard.awaitingIdentity')} value={r.awaitingIdentity} />
            <Metric label={t('dashboard.openRequests')} value={r.open} />
            <Text size="xs" c="dimmed" mt={4}>
              {r.answeredLast12Months
                ? t('dashboard.requestStats', {
                    count: r.answeredLast12Months,
                    rate: r.onTimeRate === null ? '—' : `${Math.round(r.onTimeRate * 100)} %`,
                    median: r.medianDaysToRespond === null ? '—' : r.medianDaysToRespond.toLocaleString(i18n.language),
                  })
                : t('dashboard.noAnswered')}
            </Text>
            <Group gap={4}>
              {Object.entries(r.countsByRight)
                .filter(([, n]) => n > 0)
                .map(([right, n]) => (
                  <Badge key={right} variant="outline" size="sm" tt="none">
                    {t(`dsar.rights.${right}`, { defaultValue: right })} · {n}
                  </Badge>
                ))}
            </Group>
          </>
        )}
      </AreaCard>
      <AreaCard title={t('nav.breaches')} icon={<IconAlertOctagon size={18} />} onOpen={() => navigate('breaches')} testId="card-breaches">
        {b && (
          <>
            <Metric label={t('dashboard.clocksRunning')} value={b.clocksRunning.length} color={b.clocksRunning.length ? 'orange' : undefined} />
            {nextClock && (
              <Anchor size="sm" onClick={() => navigate('breaches', nextClock.id)}>
                {t('dashboard.nextClock', { reference: nextClock.reference, at: new Date(nextClock.notifyBy).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) })}
              </Anchor>
            )}
            <Metric label={t('dashboard.overdueNotifications')} value={b.overdueNotifications} color={b.overdueNotifications ? 'red' : undefined} />
            <Metric label={t('dashboard.openBreaches')} value={b.open} />
            <Text size="xs" c="dimmed">
              {t('dashboard.breachStatus', { contained: b.byStatus.contained, closed: b.byStatus.closed })}
            </Text>
          </>
        )}
      </AreaCard>
      <AreaCard title={t('nav.vendors')} icon={<IconBuildingStore size={18} />} onOpen={() => navigate('vendors')} testId="card-vendors">
        {v && (
          <>
            <Metric label={t('dashboard.transfersWithoutTool')} value={v.transfersWithoutTool} color={v.transfersWithoutTool ? 'red' : undefined} />
            <Metric label={t('dashboard.vendorsWithWarnings')} value={v.withWarnings} color={v.withWarnings ? 'yellow' : undefined} />
            <Metric label={t('dashboard.reviewsOverdue')} value={v.reviewsOverdue} color={v.reviewsOverdue ? 'orange' : undefined} />
            <Metric label={t('dashboard.vendorsTotal')} value={v.vendors} />
          </>
        )}
      </AreaCard>
    </SimpleGrid>
  );
}
