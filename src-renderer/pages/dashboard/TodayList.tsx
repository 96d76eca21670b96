import { Anchor, Badge, Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertOctagon, IconBuildingStore, IconChecklist, IconHourglass, IconListDetails, IconUserQuestion } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../src-main/api/contract';
import { href, navigate } from '../../app/routes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useInfiniteApi } from '../../hooks/useInfiniteApi';
import { useUiLanguage } from '../../hooks/useUiLanguage';

type TodayItem = MethodOutput<'dashboard.today'>['items'][number];

const AREA_ICON: Record<TodayItem['area'], ComponentType<{ size?: number }>> = {
  requests: IconUserQuestion,
  breaches: IconAlertOctagon,
  vendors: IconBuildingStore,
  register: IconListDetails,
  retention: IconHourglass,
};

export const URGENCY_COLOR: Record<TodayItem['urgency'], string> = { overdue: 'red', today: 'orange', soon: 'yellow', upcoming: 'blue', undated: 'gray' };

/** How many rows show before « Show all »: enough for a morning, never a wall. */
const FIRST_ROWS = 10;
/** Items asked for at a time once « Show all » is chosen (the main process pages the list). */
const PAGE = 50;

function formatDay(d: string, lang: string): string {
  return new Date(`${d}T12:00:00`).toLocaleDateString(lang, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** When the item is due, as a deadline: « Notifier avant le 2 déc. 2026, 10:00 », « En retard de 3 jours ». */
function DueText({ item, timeZone }: { item: TodayItem; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  let text: string;
  if (item.dueAt) {
    const at = new Date(item.dueAt).toLocaleString(lang, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    text = item.urgency === 'overdue' ? t('today.due.clockLate', { at }) : t('today.due.clock', { at });
  } else if (item.due === null || item.daysLeft === null) text = t('today.due.undated');
  else if (item.daysLeft < 0) text = t('today.due.late', { count: -item.daysLeft, date: formatDay(item.due, lang) });
  else if (item.daysLeft === 0) text = t('today.due.today');
  else text = t('today.due.inDays', { count: item.daysLeft, date: formatDay(item.due, lang) });
  return (
    <Text size="xs" c={item.urgency === 'overdue' ? 'red' : 'dimmed'} fw={item.urgency === 'overdue' ? 600 : undefined}>
      {text}
    </Text>
  );
}

/** A country's name in the UI's language (« États-Unis » for US). */
function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function TodayRow({ item, timeZone }: { item: TodayItem; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const detail = item.kind === 'tia-missing' || item.kind === 'tia-reevaluation' ? countryName(item.detail ?? '', lang) : (item.detail ?? '');
  const Icon = AREA_ICON[item.area];
  const color = URGENCY_COLOR[item.urgency];
  const link = href(item.area, item.recordId);
  return (
    <Group
      wrap="nowrap"
      align="flex-start"
      gap="sm"
      py={6}
      px="sm"
      data-testid="today-item"
      data-kind={item.kind}
      data-urgency={item.urgency}
      data-reference={item.reference}
      style={{ borderLeft: `3px solid var(--mantine-color-${color}-6)`, borderRadius: 4 }}
    >
      <ThemeIcon variant="light" color={color} size="md" mt={2}>
        <Icon size={16} />
      </ThemeIcon>
      <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
        <Anchor
          href={link}
          size="sm"
          fw={600}
          c={item.urgency === 'overdue' ? 'red' : undefined}
          data-testid="today-link"
          onClick={(e) => {
            e.preventDefault();
            navigate(item.area, item.recordId);
          }}
          style={{ overflowWrap: 'anywhere' }}
        >
          {t(`today.kind.${item.kind}`, { reference: item.reference, label: item.label, detail })}
        </Anchor>
        {item.area !== 'vendors' && item.area !== 'retention' && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {item.reference} · {item.label}
          </Text>
        )}
        <DueText item={item} timeZone={timeZone} />
      </Stack>
    </Group>
  );
}

/** « Aujourd'hui »: the actions due across the areas, most urgent first (computed by the main process, read page by page). */
export function TodayList() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const [all, setAll] = useState(false);
  // A count badge filters the list to its items (a second click shows everything again); the main
  // process filters, so every item of the count can be reached page by page.
  const [only, setOnly] = useState<TodayItem['urgency'] | null>(null);
  const q = useInfiniteApi('dashboard.today', { ...(only ? { urgency: only } : {}), limit: PAGE });
  const items = q.items;
  const total = q.total;
  const shown = all ? items : items.slice(0, FIRST_ROWS);
  const counts = q.last?.counts;
  const timeZone = q.last?.timeZone ?? 'Europe/Paris';
  // Once everything is asked for, the next page loads when the « Show more » button scrolls into view.
  const more = useRef<HTMLButtonElement>(null);
  const { hasMore, loadMore } = q;
  useEffect(() => {
    const el = more.current;
    if (!all || !hasMore || !el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadMore();
    }, { rootMargin: '300px' });
    io.observe(el);
    return () => io.disconnect();
  }, [all, hasMore, loadMore, items.length]);
  return (
    <Card withBorder padding="lg" mb="lg" data-testid="today" data-count={q.last ? total : undefined}>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <ThemeIcon variant="light">
            <IconChecklist size={18} />
          </ThemeIcon>
          <Title order={4}>{t('today.title')}</Title>
        </Group>
        {counts && (
          <Group gap={6}>
            {(['overdue', 'today', 'soon'] as const).map((u) => (
              <Badge
                key={u}
                component="button"
                type="button"
                onClick={() => setOnly((cur) => (cur === u ? null : u))}
                aria-pressed={only === u}
                color={URGENCY_COLOR[u]}
                variant={counts[u] ? 'filled' : 'light'}
                data-testid={`today-count-${u}`}
                tt="none"
                style={{ cursor: 'pointer', outline: only === u ? '2px solid var(--mantine-color-text)' : undefined, outlineOffset: 1 }}
                styles={{ label: { overflow: 'visible' } }}
              >
                {t(`today.count.${u}`, { count: counts[u] })}
              </Badge>
            ))}
          </Group>
        )}
      </Group>
      <ErrorAlert error={q.error} />
      {q.last && total === 0 && (
        <Text size="sm" c="dimmed" data-testid="today-empty">
          {t('today.empty')}
        </Text>
      )}
      <Stack gap={4}>
        {shown.map((i) => (
          <TodayRow key={i.key} item={i} timeZone={timeZone} />
        ))}
      </Stack>
      {total !== undefined && total > FIRST_ROWS && (
        <Group gap="sm" mt="xs">
          {all && q.hasMore && (
            <Button ref={more} variant="light" size="xs" loading={q.loadingMore} onClick={loadMore} data-testid="today-load-more">
              {t('common.loadMore')}
            </Button>
          )}
          <Button variant="subtle" size="xs" onClick={() => setAll((v) => !v)} data-testid="today-more">
            {all ? t('today.showFewer') : t('today.showAll', { count: total })}
          </Button>
          {all && (
            <Text size="xs" c="dimmed" data-testid="today-shown">
              {t('common.shown', { count: total, shown: items.length.toLocaleString(lang), formatted: total.toLocaleString(lang) })}
            </Text>
          )}
        </Group>
      )}
    </Card>
  );
}
