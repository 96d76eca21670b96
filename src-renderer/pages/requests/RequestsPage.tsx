import { Badge, Button, Card, CloseButton, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { IconCalendarDue, IconCalendarEvent, IconList, IconPlus, IconCalendarMonth, IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../../components/useBusy';
import { navigate, replaceQuery, useHashRoute } from '../../app/routes';
import type { MethodInput } from '../../../src-main/api/contract';
import { useSaveFile } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useInfiniteApi } from '../../hooks/useInfiniteApi';
import { CasePage } from './CasePage';
import { RIGHTS, StatusBadge, formatDay, type CaseItem } from './common';
import { DeadlineCalculator } from './DeadlineCalculator';
import { DeadlineCalendar } from './DeadlineCalendar';
import { NewRequestForm } from './NewRequestForm';
import { useUiLanguage } from '../../hooks/useUiLanguage';

type StatusFilter = 'all' | 'open' | 'overdue' | 'due-soon' | 'extended' | 'closed' | 'target-missed';
const STATUS_VIEWS = ['open', 'overdue', 'due-soon', 'target-missed', 'extended', 'closed', 'all'] as const;
/** Views the dashboard counters link to (#/requests?view=…), filtered on the server like the others. */
const EXTRA_VIEWS = ['due-this-week', 'awaiting-identity', 'extension-notice'] as const;
type View = StatusFilter | (typeof EXTRA_VIEWS)[number];
const isView = (v: string | null): v is View => (STATUS_VIEWS as readonly string[]).includes(v ?? '') || (EXTRA_VIEWS as readonly string[]).includes(v ?? '');
type ServerStatus = NonNullable<MethodInput<'requests.list'>['status']>;

/** The server's filter of a view. « Due this week » is the dashboard counter's rule: open, not overdue, due within 7 days — the engine's due-soon. */
function serverStatus(view: View): ServerStatus | undefined {
  if (view === 'all') return undefined;
  if (view === 'due-this-week') return 'due-soon';
  return view;
}

/** Cases asked per page as the list scrolls (the API allows up to 1,000). */
const PAGE_SIZE = 100;
/** Ask for the next page this many rows before the end of what is loaded. */
const PREFETCH_ROWS = 30;

function SummaryCards() {
  const { t } = useTranslation();
  const s = useApi('requests.summary', {});
  if (!s.data) return null;
  const cards: Array<[string, number | string, string, View | null]> = [
    ['open', s.data.open, 'blue', 'open'],
    ['dueThisWeek', s.data.dueThisWeek, 'orange', 'due-this-week'],
    ['overdue', s.data.overdue, 'red', 'overdue'],
    ['awaitingIdentity', s.data.awaitingIdentity, 'grape', 'awaiting-identity'],
    ['extensionNoticesDue', s.data.extensionNoticesDue, 'yellow', 'extension-notice'],
    ['onTimeRate', s.data.onTimeRate === null ? '—' : `${Math.round(s.data.onTimeRate * 100)} %`, 'teal', null],
    ...(s.data.onTargetRate !== null ? ([['onTargetRate', `${Math.round(s.data.onTargetRate * 100)} %`, 'teal', 'target-missed']] as Array<[string, string, string, View | null]>) : []),
  ];
  return (
    <SimpleGrid cols={{ base: 3, lg: cards.length }} mb="md" data-testid="dsar-summary">
      {cards.map(([k, v, color, view]) => (
        <Card
          withBorder
          padding="sm"
          key={k}
          data-testid={`dsar-summary-${k}`}
          {...(view ? { component: 'button' as const, type: 'button' as const, className: 'vigie-card-link', onClick: () => replaceQuery({ view }) } : {})}
        >
          <Text size="xs" c="dimmed">
            {t(`dsar.summary.${k}`)}
          </Text>
          <Text size="xl" fw={700} c={typeof v === 'number' && v > 0 && k !== 'open' ? color : undefined}>
            {v}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function CaseList() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const saveFile = useSaveFile();
  // The filters live in the URL (#/requests?view=overdue&right=access&q=martin): dashboard counters link to them.
  const { query } = useHashRoute();
  const view: View = isView(query.get('view')) ? (query.get('view') as View) : 'open';
  // A right the URL names but Vigie does not know is ignored (the server would refuse it).
  const right = (RIGHTS as readonly string[]).includes(query.get('right') ?? '') ? query.get('right') : null;
  const [text, setText] = useState(query.get('q') ?? '');
  const status: StatusFilter = (STATUS_VIEWS as readonly string[]).includes(view) ? (view as StatusFilter) : 'open';
  const setFilters = (f: { view?: View; right?: string | null; q?: string }) => replaceQuery({ view: f.view ?? view, right: f.right === undefined ? right : f.right, q: f.q ?? text });
  const [sort, setSort] = useState<'deadline' | 'received'>('deadline');
  const [error, setError] = useState<unknown>();
  const [icsBusy, runIcs] = useBusy();
  // Filtering, search and sorting happen on the server, one page at a time: the renderer never holds the whole list.
  const [needle] = useDebouncedValue(text.trim(), 250);
  const serverFilter = serverStatus(view);
  const q = useInfiniteApi('requests.list', {
    ...(serverFilter ? { status: serverFilter } : {}),
    ...(right ? { right: right as CaseItem['rights'][number] } : {}),
    ...(needle ? { text: needle.slice(0, 200) } : {}),
    sort,
    limit: PAGE_SIZE,
  });
  const items = q.items;
  // Virtualized: only the visible rows are in the page; one row more shows a page still to come.
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length + (q.hasMore ? 1 : 0), getScrollElement: () => scrollRef.current, estimateSize: () => 66, overscan: 12 });
  const rows = virtualizer.getVirtualItems();
  const padTop = rows.length ? rows[0]!.start : 0;
  const padBottom = rows.length ? virtualizer.getTotalSize() - rows[rows.length - 1]!.end : 0;
  const lastShown = rows.length ? rows[rows.length - 1]!.index : -1;
  const { hasMore, loadMore } = q;
  useEffect(() => {
    if (hasMore && lastShown >= items.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loadMore, lastShown, items.length]);
  // A new filter or order starts at the top of its first page.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [serverFilter, right, needle, sort]);

  // Keyboard: one Tab stop for the list (roving tabindex), arrows move between rows (loading pages as needed), Enter opens.
  const [activeRow, setActiveRow] = useState(0);
  const activeShown = rows.some((r) => r.index === activeRow && r.index < items.length);
  const tabStop = activeShown ? activeRow : (rows.find((r) => r.index < items.length)?.index ?? -1);
  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(index, items.length - 1));
    virtualizer.scrollToIndex(i, { align: 'auto' });
    const tryFocus = (attempt: number) => {
      const el = scrollRef.current?.querySelector<HTMLElement>(`[data-testid="dsar-row"][data-index="${i}"]`);
      if (el) el.focus();
      else if (attempt < 5) requestAnimationFrame(() => tryFocus(attempt + 1));
    };
    requestAnimationFrame(() => tryFocus(0));
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + 10, PageUp: index - 10, Home: 0, End: items.length - 1 };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      navigate('requests', id);
    } else if (e.key in moves) {
      e.preventDefault();
      focusRow(moves[e.key]!);
    }
  };

  return (
    <>
      <SummaryCards />
      <Card withBorder padding="md" mb="md">
        <Group justify="space-between" gap="sm">
          <Group gap="sm">
            <SegmentedControl
              value={status === view ? status : ''}
              onChange={(v) => setFilters({ view: v as StatusFilter })}
              data-testid="dsar-filter-status"
              data={STATUS_VIEWS.map((s) => ({ value: s, label: t(`dsar.filter.${s}`) }))}
            />
            <Select
              placeholder={t('dsar.filter.anyRight')}
              clearable
              value={right}
              onChange={(v) => setFilters({ right: v })}
              data={RIGHTS.map((r) => ({ value: r, label: t(`dsar.rights.${r}`) }))}
              w={220}
              data-testid="dsar-filter-right"
            />
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('dsar.search')}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setFilters({ q: e.currentTarget.value });
              }}
              w={220}
              data-testid="dsar-search"
            />
          </Group>
          <Group gap="sm">
          <Text size="sm" c="dimmed" data-testid="dsar-total" data-total={q.total ?? ''} data-state={q.loading ? 'loading' : 'ready'}>
            {q.total === undefined ? '…' : t('dsar.total', { count: q.total, formatted: q.total.toLocaleString(lang) })}
          </Text>
          <SegmentedControl
            value={sort}
            onChange={(v) => setSort(v as 'deadline' | 'received')}
            data={[
              { value: 'deadline', label: t('dsar.sort.deadline') },
              { value: 'received', label: t('dsar.sort.received') },
            ]}
          />
          </Group>
        </Group>
      </Card>
      {(EXTRA_VIEWS as readonly string[]).includes(view) && (
        <Group gap={6} mb="sm" data-testid="dsar-view" data-view={view}>
          <Badge size="lg" variant="light" color="orange" tt="none" rightSection={<CloseButton size="xs" aria-label={t('dsar.filter.clear')} onClick={() => setFilters({ view: 'open' })} />}>
            {t(`dsar.view.${view}`)}
          </Badge>
        </Group>
      )}
      <ErrorAlert error={q.error ?? error} />
      {q.last && items.length === 0 && !q.loading ? (
        <Card withBorder padding="xl" data-testid="dsar-empty">
          <Stack align="flex-start">
            <Title order={4}>{view === 'open' && !text && !right ? t('dsar.emptyTitle') : t('dsar.noMatch')}</Title>
            <Text size="sm" c="dimmed" maw={640}>
              {t('dsar.emptyHelp')}
            </Text>
          </Stack>
        </Card>
      ) : (
        <Card withBorder padding={0}>
          <div ref={scrollRef} style={{ maxHeight: 'calc(100vh - 330px)', minHeight: 240, overflow: 'auto' }} data-testid="dsar-scroll" data-count={items.length} data-total={q.total ?? ''}>
            <Table highlightOnHover verticalSpacing="sm" data-testid="dsar-table" miw={720} stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={140}>{t('dsar.reference')}</Table.Th>
                  <Table.Th>{t('dsar.requester')}</Table.Th>
                  <Table.Th>{t('dsar.rightsLabel')}</Table.Th>
                  <Table.Th w={110}>{t('dsar.received')}</Table.Th>
                  <Table.Th w={140}>{t('dsar.dueDate')}</Table.Th>
                  <Table.Th w={120}>{t('dsar.statusLabel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {padTop > 0 && <Table.Tr style={{ height: padTop }} aria-hidden />}
                {rows.map((v) => {
                  const c = items[v.index];
                  if (!c)
                    return (
                      <Table.Tr key="more" ref={virtualizer.measureElement} data-index={v.index} data-testid="dsar-loading-more">
                        <Table.Td colSpan={6}>
                          <Group gap="xs" c="dimmed">
                            <Loader size="xs" />
                            <Text size="sm">{t('dsar.loadingMore')}</Text>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  return (
                  <Table.Tr
                    key={c.id}
                    ref={virtualizer.measureElement}
                    data-index={v.index}
                    tabIndex={v.index === tabStop ? 0 : -1}
                    onFocus={() => setActiveRow(v.index)}
                    aria-label={`${c.reference} — ${c.requester}`}
                    style={{ cursor: 'pointer' }}
                    onClick={() => navigate('requests', c.id)}
                    onKeyDown={(e) => onRowKey(e, v.index, c.id)}
                    data-testid="dsar-row"
                    data-status={c.status}
                    data-reference={c.reference}
                  >
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                        {c.reference}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {c.requester}
                      </Text>
                      {c.awaitingIdentity && (
                        <Badge size="xs" color="grape" variant="light">
                          {t('dsar.awaitingIdentity')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {c.rights.map((r) => (
                          <Badge key={r} size="sm" variant="outline" color="indigo">
                            {t(`dsar.rightsShort.${r}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDay(c.received, lang)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600} data-testid="dsar-row-due">
                        {formatDay(c.dueDate, lang, true)}
                      </Text>
                      {!c.closed && (
                        <Text size="xs" c={c.calendarDaysLeft < 0 ? 'red' : 'dimmed'}>
                          {c.calendarDaysLeft < 0 ? t('dsar.daysLate', { count: -c.calendarDaysLeft }) : t('dsar.workingDaysLeft', { count: c.workingDaysLeft })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <StatusBadge status={c.status} />
                        {c.targetMissed && c.status !== 'overdue' && (
                          <Badge size="xs" color="orange" variant="light" tt="none" data-testid="case-target-missed">
                            {t('retention.targetMissed')}
                          </Badge>
                        )}
                        {c.warnings.includes('extension-notice-late') && (
                          <Badge size="xs" color="red" variant="filled">
                            !
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  );
                })}
                {padBottom > 0 && <Table.Tr style={{ height: padBottom }} aria-hidden />}
              </Table.Tbody>
            </Table>
          </div>
        </Card>
      )}
      <Group mt="md">
        <Button
          variant="subtle"
          leftSection={<IconCalendarEvent size={16} />}
          loading={icsBusy}
          onClick={() => void runIcs(() => saveFile('requests.ics', {}, 'text/calendar').then(() => undefined, setError))}
          data-testid="dsar-ics"
        >
          {t('dsar.ics')}
        </Button>
      </Group>
    </>
  );
}

function RequestsHome() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('cases');
  return (
    <>
      <PageHeader
        title={t('nav.requests')}
        subtitle={t('dsar.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('requests', 'new')} data-testid="dsar-new">
            {t('dsar.new')}
          </Button>
        }
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="cases" leftSection={<IconList size={16} />} data-testid="tab-cases">
            {t('dsar.tabs.cases')}
          </Tabs.Tab>
          <Tabs.Tab value="calendar" leftSection={<IconCalendarMonth size={16} />} data-testid="tab-calendar">
            {t('dsar.tabs.calendar')}
          </Tabs.Tab>
          <Tabs.Tab value="calculator" leftSection={<IconCalendarDue size={16} />} data-testid="tab-calculator">
            {t('dsar.tabs.calculator')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="cases">
          <CaseList />
        </Tabs.Panel>
        <Tabs.Panel value="calendar">
          <DeadlineCalendar />
        </Tabs.Panel>
        <Tabs.Panel value="calculator">
          <DeadlineCalculator />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** Rights requests: the case list, a case file, a new request, and the deadline calculator. */
export function RequestsPage({ param }: { param?: string }) {
  if (param === 'new') return <NewRequestForm />;
  if (param) return <CasePage key={param} id={param} />;
  return <RequestsHome />;
}
