import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconAlertOctagon, IconBuildingStore, IconUserQuestion } from '@tabler/icons-react';
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { href, navigate, navigateTo } from '../../app/routes';
import { useApi } from '../../hooks/useApi';
import { useUiLanguage } from '../../hooks/useUiLanguage';

/** A dashboard counter: a link to the list filtered to the items it counts. */
export function Metric({ label, value, color, testId, to }: { label: string; value: number | string; color?: string; testId?: string; to: string }) {
  return (
    <UnstyledButton
      component="a"
      href={to}
      onClick={(e: MouseEvent) => {
        e.preventDefault();
        navigateTo(to);
      }}
      data-testid={testId}
      className="vigie-metric"
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" td="underline" style={{ textDecorationColor: 'var(--mantine-color-default-border)', textUnderlineOffset: 3 }}>
          {label}
        </Text>
        <Badge variant={color ? 'filled' : 'light'} color={color ?? 'gray'} size="lg" styles={{ root: { flexShrink: 0 }, label: { overflow: 'visible' } }}>
          {value}
        </Badge>
      </Group>
    </UnstyledButton>
  );
}

function AreaCard({ title, icon, onOpen, children, testId }: { title: string; icon: ReactNode; onOpen: () => void; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" data-testid={testId}>
      <Group justify="space-between" mb="sm" wrap="nowrap" align="flex-start" gap="xs">
        <Group gap="xs" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <ThemeIcon variant="light" style={{ flexShrink: 0 }}>
            {icon}
          </ThemeIcon>
          <Title order={4} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Title>
        </Group>
        <Anchor size="sm" onClick={onOpen} style={{ flexShrink: 0 }} mt={4}>
          {t('dashboard.open')}
        </Anchor>
      </Group>
      <Stack gap={6}>{children}</Stack>
    </Card>
  );
}

/** Deadlines first: what is late or due soon in rights requests and breaches, and what vendors need. */
export function AreaCards() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const requests = useApi('requests.summary', {});
  const breaches = useApi('breaches.summary', {});
  const vendors = useApi('vendors.summary', {});
  const r = requests.data;
  const b = breaches.data;
  const v = vendors.data;
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg" mb="lg">
      <AreaCard title={t('nav.requests')} icon={<IconUserQuestion size={18} />} onOpen={() => navigate('requests')} testId="card-requests">
        {r && (
          <>
            <Metric label={t('dashboard.overdue')} value={r.overdue} color={r.overdue ? 'red' : undefined} testId="metric-overdue" to={href('requests', undefined, { view: 'overdue' })} />
            <Metric label={t('dashboard.dueThisWeek')} value={r.dueThisWeek} color={r.dueThisWeek ? 'orange' : undefined} testId="metric-due-this-week" to={href('requests', undefined, { view: 'due-this-week' })} />
            <Metric label={t('dashboard.extensionNoticesDue')} value={r.extensionNoticesDue} color={r.extensionNoticesDue ? 'orange' : undefined} testId="metric-extension-notices" to={href('requests', undefined, { view: 'extension-notice' })} />
            <Metric label={t('dashboard.awaitingIdentity')} value={r.awaitingIdentity} testId="metric-awaiting-identity" to={href('requests', undefined, { view: 'awaiting-identity' })} />
            <Metric label={t('dashboard.openRequests')} value={r.open} testId="metric-open-requests" to={href('requests', undefined, { view: 'open' })} />
            {r.onTargetRate !== null && (
              <Metric label={t('dashboard.targetMissed')} value={r.targetMissedOpen} color={r.targetMissedOpen ? 'orange' : undefined} testId="metric-target-missed" to={href('requests', undefined, { view: 'target-missed' })} />
            )}
            <Text size="xs" c="dimmed" mt={4}>
              {r.answeredLast12Months
                ? t('dashboard.requestStats', {
                    count: r.answeredLast12Months,
                    rate: r.onTimeRate === null ? '—' : `${Math.round(r.onTimeRate * 100)} %`,
                    median: r.medianDaysToRespond === null ? '—' : r.medianDaysToRespond.toLocaleString(lang),
                  })
                : t('dashboard.noAnswered')}
              {r.onTargetRate !== null ? ` ${t('dashboard.onTargetStats', { rate: `${Math.round(r.onTargetRate * 100)} %` })}` : ''}
            </Text>
            <Group gap={4}>
              {Object.entries(r.countsByRight)
                .filter(([, n]) => n > 0)
                .map(([right, n]) => (
                  <Badge
                    key={right}
                    variant="outline"
                    size="sm"
                    tt="none"
                    component="a"
                    href={href('requests', undefined, { view: 'all', right })}
                    onClick={(e: MouseEvent) => {
                      e.preventDefault();
                      navigateTo(href('requests', undefined, { view: 'all', right }));
                    }}
                    style={{ cursor: 'pointer' }}
                    data-testid={`metric-right-${right}`}
                  >
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
            <Metric label={t('dashboard.clocksRunning')} value={b.clocksRunning.length} color={b.clocksRunning.length ? 'orange' : undefined} testId="metric-clocks" to={href('breaches', undefined, { view: 'clocks' })} />
            <Metric label={t('dashboard.overdueNotifications')} value={b.overdueNotifications} color={b.overdueNotifications ? 'red' : undefined} testId="metric-overdue-notifications" to={href('breaches', undefined, { view: 'overdue' })} />
            <Metric label={t('dashboard.openBreaches')} value={b.open} testId="metric-open-breaches" to={href('breaches', undefined, { view: 'open' })} />
            <Text size="xs" c="dimmed">
              {t('dashboard.breachContained', { count: b.byStatus.contained })} · {t('dashboard.breachClosed', { count: b.byStatus.closed })}
            </Text>
          </>
        )}
      </AreaCard>
      <AreaCard title={t('nav.vendors')} icon={<IconBuildingStore size={18} />} onOpen={() => navigate('vendors')} testId="card-vendors">
        {v && (
          <>
            <Metric label={t('dashboard.transfersWithoutTool')} value={v.transfersWithoutTool} color={v.transfersWithoutTool ? 'red' : undefined} testId="metric-no-tool" to={href('vendors', undefined, { view: 'no-tool' })} />
            <Metric label={t('dashboard.vendorsWithWarnings')} value={v.withWarnings} color={v.withWarnings ? 'yellow' : undefined} testId="metric-vendor-warnings" to={href('vendors', undefined, { view: 'warnings' })} />
            <Metric label={t('dashboard.reviewsOverdue')} value={v.reviewsOverdue} color={v.reviewsOverdue ? 'orange' : undefined} testId="metric-reviews-overdue" to={href('vendors', undefined, { view: 'review-overdue' })} />
            <Metric label={t('dashboard.vendorsTotal')} value={v.vendors} testId="metric-vendors" to={href('vendors')} />
          </>
        )}
      </AreaCard>
    </SimpleGrid>
  );
}
