import { Alert, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import type { MethodOutput } from '../../../src-main/api/contract';
import { useUiLanguage } from '../../hooks/useUiLanguage';

export type Figures = MethodOutput<'reports.figures'>;

interface Bar {
  key: string;
  label: string;
  value: number | null;
}

const BAR = 'var(--mantine-color-blue-7)';
const INK = 'var(--mantine-color-text)';

/**
 * Bars drawn in SVG with each value written beside its bar: legible without colour, in print and
 * for a screen reader (the figure has a title and every bar a text). Horizontal for categories.
 */
function HBars({ bars, unit = '', testId }: { bars: Bar[]; unit?: string; testId: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const rowH = 24;
  const labelW = 170;
  const width = 460;
  const barW = width - labelW - 50;
  return (
    <svg role="img" viewBox={`0 0 ${width} ${Math.max(rowH, bars.length * rowH)}`} width="100%" data-testid={testId} style={{ maxWidth: width }}>
      {bars.map((b, i) => {
        const w = b.value ? Math.max(2, (b.value / max) * barW) : 0;
        const y = i * rowH;
        return (
          <g key={b.key} data-key={b.key} data-value={b.value ?? ''}>
            <text x={labelW - 6} y={y + rowH / 2 + 4} textAnchor="end" fontSize={12} fill={INK}>
              {b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label}
              <title>{b.label}</title>
            </text>
            <rect x={labelW} y={y + 4} width={w} height={rowH - 8} fill={BAR} rx={2} />
            <text x={labelW + w + 4} y={y + rowH / 2 + 4} fontSize={12} fill={INK}>
              {b.value === null ? '—' : `${b.value}${unit}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Vertical bars per month, the value above each bar; a month without a value shows a dash, not a zero. */
function MonthBars({ bars, unit = '', testId, max: fixedMax }: { bars: Bar[]; unit?: string; testId: string; max?: number }) {
  const max = fixedMax ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  const width = 520;
  const height = 170;
  const plotH = 120;
  const slot = width / Math.max(1, bars.length);
  return (
    <svg role="img" viewBox={`0 0 ${width} ${height}`} width="100%" data-testid={testId} style={{ maxWidth: width }}>
      <line x1={0} x2={width} y1={plotH + 14} y2={plotH + 14} stroke="var(--mantine-color-gray-5)" />
      {bars.map((b, i) => {
        const h = b.value ? Math.max(2, (b.value / max) * plotH) : 0;
        const x = i * slot + slot * 0.15;
        return (
          <g key={b.key} data-key={b.key} data-value={b.value ?? ''}>
            <rect x={x} y={plotH + 14 - h} width={slot * 0.7} height={h} fill={BAR} rx={2} />
            <text x={x + slot * 0.35} y={plotH + 10 - h} textAnchor="middle" fontSize={11} fill={INK}>
              {b.value === null ? '—' : `${b.value}${unit}`}
            </text>
            <text x={x + slot * 0.35} y={plotH + 30} textAnchor="middle" fontSize={10} fill={INK}>
              {b.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function monthLabel(ym: string, lang: string): string {
  const d = new Date(`${ym}-15T12:00:00Z`);
  return d.toLocaleDateString(lang === 'en' ? 'en-GB' : 'fr-FR', { month: 'short', timeZone: 'UTC' }).replace('.', '');
}

function Figure({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Title order={5} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/**
 * The dashboard's charts: the figures of the annual report (reports.figures, the same function the
 * report uses) for a period — requests per month and per right, on-time rate, breaches by severity,
 * activities by legal basis. Pass `figures` to show figures already loaded, or a period to fetch.
 */
export function Charts({ figures: given, from, to }: { figures?: Figures; from?: string; to?: string }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const [loaded, setLoaded] = useState<Figures>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (given) return;
    let live = true;
    call('reports.figures', { ...(from ? { from } : {}), ...(to ? { to } : {}) }).then(
      (f) => live && setLoaded(f),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [given, from, to]);
  const f = given ?? loaded;
  if (error) return <Alert color="red">{error}</Alert>;
  if (!f)
    return (
      <Group data-testid="charts" data-state="loading">
        <Loader size="sm" />
      </Group>
    );
  const months = f.requests.perMonth;
  const kf = (id: string) => f.keyFigures.find((k) => k.id === id);
  const sevOrder = ['very-high', 'high', 'medium', 'low', 'unknown'];
  return (
    <Stack gap="md" data-testid="charts" data-state="ready">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {['requests_received', 'on_time_rate', 'breaches', 'register_score'].map((id) => {
          const k = kf(id);
          if (!k) return null;
          const n = k.value === null ? '—' : k.value.toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR');
          const v = k.value === null ? n : k.unit === 'percent' ? (lang === 'en' ? `${n}%` : `${n}\u00a0%`) : k.unit === 'score' ? `${n}\u00a0/\u00a0100` : k.unit === 'days' ? `${n}\u00a0${lang === 'en' ? 'd' : 'j'}` : n;
          return (
            <Card withBorder padding="sm" key={id} data-testid={`kf-${id}`} data-value={k.value ?? ''}>
              <Text size="xs" c="dimmed">
                {k.label[lang]}
              </Text>
              <Text fw={700} size="xl">
                {v}
              </Text>
              {k.previous !== undefined && (
                <Text size="xs" c="dimmed">
                  {t('reports.charts.previous', { value: k.previous === null ? '—' : k.previous })}
                </Text>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Figure title={t('reports.charts.perMonth')}>
          <MonthBars testId="chart-requests-per-month" bars={months.map((m) => ({ key: m.month, label: monthLabel(m.month, lang), value: m.received }))} />
        </Figure>
        <Figure title={t('reports.charts.onTime')}>
          <MonthBars testId="chart-on-time" unit={lang === 'en' ? '%' : '\u00a0%'} max={100} bars={months.map((m) => ({ key: m.month, label: monthLabel(m.month, lang), value: m.onTimeRate === null ? null : Math.round(m.onTimeRate * 100) }))} />
        </Figure>
        <Figure title={t('reports.charts.perRight')}>
          <HBars testId="chart-per-right" bars={Object.entries(f.requests.perRight).sort((a, b) => b[1] - a[1]).map(([k, v]) => ({ key: k, label: t(`dsar.rights.${k}`, { defaultValue: k }), value: v }))} />
        </Figure>
        <Figure title={t('reports.charts.severity')}>
          <HBars testId="chart-severity" bars={sevOrder.filter((k) => k !== 'unknown' || f.breaches.bySeverity.unknown).map((k) => ({ key: k, label: t(`reports.charts.sev.${k}`), value: f.breaches.bySeverity[k] ?? 0 }))} />
        </Figure>
        <Figure title={t('reports.charts.legalBasis')}>
          <HBars testId="chart-legal-basis" bars={Object.entries(f.register.byLegalBasis).sort((a, b) => b[1] - a[1]).map(([k, v]) => ({ key: k, label: t(`reports.charts.basis.${k}`, { defaultValue: k }), value: v }))} />
        </Figure>
        <Figure title={t('reports.charts.transfers')}>
          {Object.keys(f.vendors.transfersByCountry).length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('reports.charts.noTransfer')}
            </Text>
          ) : (
            <HBars testId="chart-transfers" bars={Object.entries(f.vendors.transfersByCountry).sort((a, b) => b[1] - a[1]).map(([k, v]) => ({ key: k, label: k, value: v }))} />
          )}
        </Figure>
      </SimpleGrid>
    </Stack>
  );
}
