import { Badge } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../src-main/api/contract';
import { useUiLanguage } from '../../hooks/useUiLanguage';

export type BreachItem = MethodOutput<'breaches.list'>['items'][number];
export type BreachDetail = MethodOutput<'breaches.get'>;
export type BreachData = BreachDetail['breach'];
export type BreachReference = MethodOutput<'breaches.reference'>;

export const LEVEL_COLOR = { low: 'teal', medium: 'yellow', high: 'orange', 'very-high': 'red' } as const;
export const STATUS_COLOR = { open: 'red', contained: 'orange', closed: 'gray' } as const;

/** 'YYYY-MM-DDTHH:MM' wall time of a UTC instant in `tz`, for a datetime-local input. */
export function toLocalInput(iso: string | null | undefined, tz: string): string {
  if (!iso) return '';
  if (!/[zZ]$|[+-]\d{2}:?\d{2}$/.test(iso)) return iso.slice(0, 16);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d).replace(' ', 'T');
}

/** A date-time shown in the breach's zone. */
export function formatInstant(iso: string | null | undefined, tz: string, lang: string, long = false): string {
  if (!iso) return '—';
  const d = new Date(/[zZ]$|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
  return d.toLocaleString(lang, { timeZone: tz, dateStyle: long ? 'full' : 'medium', timeStyle: 'short' });
}

/** A live countdown to `until` (ticks every second); red once late. */
export function LiveCountdown({ until, testId = 'breach-countdown' }: { until: string; testId?: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const ms = new Date(until).getTime() - now;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const text = `${d > 0 ? `${d} ${t('clock.days')} ` : ''}${String(h).padStart(2, '0')} h ${String(m).padStart(2, '0')} min ${String(s).padStart(2, '0')} s`;
  return (
    <Badge
      size="lg"
      color={ms < 0 ? 'red' : ms < 24 * 3_600_000 ? 'orange' : 'teal'}
      data-testid={testId}
      data-late={ms < 0}
      // The whole countdown, on two lines in a narrow column rather than cut.
      h="auto"
      py={4}
      maw="100%"
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip' } }}
    >
      {ms < 0 ? t('breach.overdueBy', { time: text }) : t('breach.timeLeft', { time: text })}
    </Badge>
  );
}

export function StatusBadge({ status, testId }: { status: BreachItem['status']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid={testId} data-status={status}>
      {t(`breach.status.${status}`)}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: BreachItem['severity'] }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  if (!severity) return <Badge variant="outline" color="gray">{t('breach.notAssessed')}</Badge>;
  return (
    <Badge color={LEVEL_COLOR[severity.level]} data-testid="breach-severity-badge" data-level={severity.level}>
      {t(`severity.level.${severity.level}`)} · {severity.score.toLocaleString(lang)}
    </Badge>
  );
}
