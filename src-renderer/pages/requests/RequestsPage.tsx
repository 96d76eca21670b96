import { Badge, Button, Card, CloseButton, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { IconCalendarDue, IconCalendarEvent, IconList, IconPlus, IconCalendarMonth, IconSearch } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../../components/useBusy';
import { navigate, replaceQuery, useHashRoute } from '../../app/routes';
import { normalize } from '../../../src-main/domain/search';
import { useSaveFile } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { CasePage } from './CasePage';
import { RIGHTS, StatusBadge, formatDay, type CaseItem } from './common';
import { DeadlineCalculator } from './DeadlineCalculator';
import { DeadlineCalendar } from './DeadlineCalendar';
import { NewRequestForm } from './NewRequestForm';
import { useUiLanguage } from '../../hooks/useUiLanguage';

type StatusFilter = 'all' | 'open' | 'overdue' | 'due-soon' | 'extended' | 'closed' | 'target-missed';
const STATUS_VIEWS = ['open', 'overdue', 'due-soon', 'target-missed', 'extended', 'closed', 'all'] as const;
/** Views the dashboard counters link to: open cases narrowed on the client. */
const EXTRA_VIEWS = ['due-this-week', 'awaiting-identity', 'extension-notice'] as const;
type View = StatusFilter | (typeof EXTRA_VIEWS)[number];
const isView = (v: string | null): v is View => (STATUS_VIEWS as readonly string[]).includes(v ?? '') || (EXTRA_VIEWS as readonly string[]).includes(v ?? '');

function matchesView(c: CaseItem, view: View, today: string): boolean {
  if (view === 'due-this-week') return !c.closed && c.dueDate >= today && c.calendarDaysLeft <= 7;
  if (view === 'awaiting-identity') return c.awaitingIdentity;
  // Same rule as the dashboard counter: extension decided, the person not told yet, the limit not passed.
  if (view === 'extension-notice') return c.extended && !c.closed && !c.extensionNotifiedOn && c.extensionNoticeBy >= today;
  return true;
}

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
  const right = query.get('right');
  const [text, setText] = useState(query.get('q') ?? '');
  const status: StatusFilter = (STATUS_VIEWS as readonly string[]).includes(view) ? (view as StatusFilter) : 'open';
  const setFilters = (f: { view?: View; right?: string | null; q?: string }) => replaceQuery({ view: f.view ?? view, right: f.right === undefined ? right : f.right, q: f.q ?? text });
  const [sort, setSort] = useState<'deadline' | 'received'>('deadline');
  const [error, setError] = useState<unknown>();
  const [icsBusy, runIcs] = useBusy();
  const q = useApi('requests.list', { ...(status !== 'all' ? { status } : {}), ...(right ? { right: right as CaseItem['rights'][number] } : {}) }, [status, right]);
  const items = useMemo(() => {
    const needle = normalize(text);
    const today = q.data?.today ?? '';
    const list = (q.data?.items ?? []).filter((c) => matchesView(c, view, today) && (!needle || normalize(`${c.reference} ${c.requester}`).includes(needle)));
    if (sort === 'received') list.sort((a, b) => b.received.localeCompare(a.received) || b.reference.localeCompare(a.reference));
    return list;
  }, [q.data, sort, view, text]);
  // Virtualized: a DPO may keep thousands of closed cases; only the visible rows are in the page.
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => 66, overscan: 12 });
  const rows = virtualizer.getVirtualItems();
  const padTop = rows.length ? rows[0]!.start : 0;
  const padBottom = rows.length ? virtualizer.getTotalSize() - rows[rows.length - 1]!.end : 0;

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
          <SegmentedControl
            value={sort}
            onChange={(v) => setSort(v as 'deadline' | 'received')}
            data={[
              { value: 'deadline', label: t('dsar.sort.deadline') },
              { value: 'received', label: t('dsar.sort.received') },
            ]}
          />
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
      {q.data && items.length === 0 ? (
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
          <div ref={scrollRef} style={{ maxHeight: 'calc(100vh - 330px)', minHeight: 240, overflow: 'auto' }} data-testid="dsar-scroll" data-count={items.length}>
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
                  const c = items[v.index]!;
                  return (
                  <Table.Tr key={c.id} ref={virtualizer.measureElement} data-index={v.index} style={{ cursor: 'pointer' }} onClick={() => navigate('requests', c.id)} data-testid="dsar-row" data-status={c.status}>
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
