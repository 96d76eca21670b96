import { ActionIcon, Alert, Badge, Card, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/routes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../hooks/useApi';
import type { MethodOutput } from '../../../src-main/api/contract';
import { useUiLanguage } from '../../hooks/useUiLanguage';

const STATUS_COLOR: Record<string, string> = { overdue: 'red', 'due-soon': 'orange', extended: 'grape', 'on-track': 'teal', closed: 'gray' };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Most cases asked for one month; beyond, the grid says how many it leaves out. */
const MONTH_LIMIT = 1000;
/** Badges shown in one day's cell; the rest are counted. */
const PER_DAY = 6;

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A month grid of the open cases' due dates (Monday first), each linking to its case. Asks the server for the shown month only. */
export function DeadlineCalendar() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const [month, setMonth] = useState<{ y: number; m: number } | null>(null);
  // Until the first answer gives the workspace's today, the computer's date picks the month.
  const [serverToday, setServerToday] = useState<string | null>(null);
  const today = serverToday ?? localToday();
  const shown = month ?? { y: Number(today.slice(0, 4)), m: Number(today.slice(5, 7)) };
  const last = new Date(Date.UTC(shown.y, shown.m, 0)).getUTCDate();
  const q = useApi('requests.list', { status: 'open', dueFrom: `${shown.y}-${pad(shown.m)}-01`, dueTo: `${shown.y}-${pad(shown.m)}-${pad(last)}`, limit: MONTH_LIMIT });
  const answeredToday = q.data?.today;
  useEffect(() => {
    if (answeredToday) setServerToday(answeredToday);
  }, [answeredToday]);
  const byDay = useMemo(() => {
    const map = new Map<string, MethodOutput<'requests.list'>['items']>();
    for (const c of q.data?.items ?? []) map.set(c.dueDate, [...(map.get(c.dueDate) ?? []), c]);
    return map;
  }, [q.data]);

  const first = new Date(Date.UTC(shown.y, shown.m - 1, 1));
  const daysInMonth = new Date(Date.UTC(shown.y, shown.m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: Array<string | null> = [...Array.from({ length: lead }, () => null), ...Array.from({ length: daysInMonth }, (_, i) => `${shown.y}-${pad(shown.m)}-${pad(i + 1)}`)];
  while (cells.length % 7) cells.push(null);
  const weekdays = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toLocaleDateString(lang, { weekday: 'short', timeZone: 'UTC' }));
  const move = (delta: number) => {
    const m = shown.m - 1 + delta;
    setMonth({ y: shown.y + Math.floor(m / 12), m: ((m % 12) + 12) % 12 + 1 });
  };

  return (
    <Card withBorder padding="lg" data-testid="dsar-calendar">
      <ErrorAlert error={q.error} />
      {q.data?.nextCursor && (
        <Alert color="orange" variant="light" mb="sm" data-testid="dsar-calendar-truncated">
          {t('dsar.calendar.truncated', { shown: q.data.items.length.toLocaleString(lang), total: q.data.total.toLocaleString(lang) })}
        </Alert>
      )}
      <Group justify="space-between" mb="md">
        <ActionIcon variant="default" onClick={() => move(-1)} aria-label={t('dsar.calendar.previous')}>
          <IconChevronLeft size={16} />
        </ActionIcon>
        <Text fw={700} tt="capitalize" data-testid="dsar-calendar-month" data-month={`${shown.y}-${pad(shown.m)}`} data-state={q.loading ? 'loading' : 'ready'}>
          {first.toLocaleDateString(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' })}
        </Text>
        <ActionIcon variant="default" onClick={() => move(1)} aria-label={t('dsar.calendar.next')}>
          <IconChevronRight size={16} />
        </ActionIcon>
      </Group>
      <SimpleGrid cols={7} spacing={4} verticalSpacing={4}>
        {weekdays.map((w) => (
          <Text key={w} size="xs" c="dimmed" ta="center" tt="capitalize">
            {w}
          </Text>
        ))}
        {cells.map((day, i) => (
          <Card key={i} withBorder={Boolean(day)} padding={4} mih={84} bg={day === today ? 'var(--mantine-primary-color-light)' : undefined}>
            {day && (
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  {Number(day.slice(8))}
                </Text>
                {(byDay.get(day) ?? []).slice(0, PER_DAY).map((c) => (
                  <Tooltip key={c.id} label={`${c.requester} — ${c.rights.map((r) => t(`dsar.rights.${r}`)).join(', ')}`}>
                    <Badge size="xs" color={STATUS_COLOR[c.status] ?? 'gray'} style={{ cursor: 'pointer' }} tt="none" onClick={() => navigate('requests', c.id)} data-testid="dsar-calendar-item">
                      {c.reference}
                    </Badge>
                  </Tooltip>
                ))}
                {(byDay.get(day)?.length ?? 0) > PER_DAY && (
                  <Text size="xs" c="dimmed" data-testid="dsar-calendar-more">
                    {t('dsar.calendar.more', { count: byDay.get(day)!.length - PER_DAY })}
                  </Text>
                )}
              </Stack>
            )}
          </Card>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="sm">
        {t('dsar.calendar.help')}
      </Text>
    </Card>
  );
}
