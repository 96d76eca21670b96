import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUiLanguage } from '../../hooks/useUiLanguage';
import { LiveCountdown, SeverityBadge, StatusBadge, formatInstant, type BreachDetail } from './common';

/** The 72-hour clock (or the processor's duty to inform its controllers) on top of the breach. */
export function ClockCard({ data }: { data: BreachDetail }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const c = data.computed;
  const tz = data.breach.timeZone;
  return (
    <Card withBorder padding="md" mb="md" data-testid="breach-clock" data-notify-by={c.notifyBy} data-running={c.clockRunning}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <StatusBadge status={data.breach.status} testId="breach-status" />
            <SeverityBadge severity={data.summary.severity} />
            {c.processor && (
              <Badge color="grape" variant="light" data-testid="breach-processor">
                {t('breach.processorBadge')}
              </Badge>
            )}
          </Group>
          <Text size="sm">
            {t('breach.awareAtLine')} <b>{formatInstant(data.breach.awareAt, tz, lang, true)}</b>
          </Text>
          {c.clock === 'controller' ? (
            <>
              <Text size="sm" data-testid="breach-processor-duty">
                {t('breach.processorDuty')}
              </Text>
              {!c.clockRunning ? null : c.hours > 0 ? (
                <Text size="lg">
                  {t('breach.processorDeadline')} <b data-testid="breach-notify-by">{formatInstant(c.notifyBy, tz, lang, true)}</b>
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({t('breach.processorContract', { hours: c.hours })})
                  </Text>
                </Text>
              ) : (
                <Text size="lg" fw={600} data-testid="breach-notify-asap">
                  {t('breach.processorNoContract')}
                </Text>
              )}
              {c.controllerNotices.length > 0 && (
                <Stack gap={2} data-testid="breach-controller-notices">
                  <Text size="sm" fw={500}>
                    {t('breach.controllerNotices')}
                  </Text>
                  {c.controllerNotices.map((n) => (
                    <Text size="sm" key={n.name}>
                      <b>{n.name}</b> — {n.informedAt ? t('breach.controllerInformedOn', { date: formatInstant(n.informedAt, tz, lang, true) }) : t('breach.controllerNotInformed')} —{' '}
                      {n.contractHours && n.informBy ? t('breach.controllerContractHours', { hours: n.contractHours, date: formatInstant(n.informBy, tz, lang, true) }) : t('breach.controllerNoContractHours')}
                      {n.controllerNotifyBy && <> — {t('breach.controllerClock', { date: formatInstant(n.controllerNotifyBy, tz, lang, true) })}</>}
                      {n.late && (
                        <Badge ml={6} size="xs" color="red" variant="light">
                          {t('breach.controllerLate')}
                        </Badge>
                      )}
                    </Text>
                  ))}
                </Stack>
              )}
            </>
          ) : (
            <>
              <Text size="lg">
                {t('clock.notifyBy')} <b data-testid="breach-notify-by">{formatInstant(c.notifyBy, tz, lang, true)}</b>
              </Text>
              <Text size="xs" c="dimmed">
                {t('breach.clockHelp', { count: c.hours, tz })}
              </Text>
            </>
          )}
        </Stack>
        <Stack align="flex-end" gap={4}>
          {c.clockRunning && c.clock === 'controller' && c.hours === 0 ? (
            <Badge size="lg" color="orange" variant="light" data-testid="breach-clock-asap">
              {t('breach.processorNoContract')}
            </Badge>
          ) : c.clockRunning ? (
            <LiveCountdown until={c.notifyBy} />
          ) : (
            <Badge size="lg" color="gray" variant="light" data-testid="breach-clock-stopped">
              {c.firstNotifiedAt ? t(c.clock === 'controller' ? 'breach.controllersInformedOn' : 'breach.notifiedOn', { date: formatInstant(c.firstNotifiedAt, tz, lang) }) : t('breach.clockStopped')}
            </Badge>
          )}
          {c.notifiedLate && (
            <Badge color="red" variant="light">
              {t('breach.notifiedLate')}
            </Badge>
          )}
        </Stack>
      </Group>
      {c.warnings.length > 0 && (
        <Group gap={6} mt="xs">
          {c.warnings.map((w) => (
            <Badge key={w} color="orange" variant="outline" size="sm" data-testid={`breach-warning-${w}`}>
              {t(`breach.warnings.${w}`)}
            </Badge>
          ))}
        </Group>
      )}
    </Card>
  );
}
