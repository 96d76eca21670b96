import { Badge, Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { IconCalculator, IconFileTypeCsv, IconFileTypeDocx, IconList, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../../components/useBusy';
import { navigate, replaceQuery, useHashRoute } from '../../app/routes';
import { normalize } from '../../../src-main/domain/search';
import { DOCX_MIME, useSaveFile } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { BreachPage } from './BreachPage';
import { Calculators } from './Calculators';
import { LiveCountdown, SeverityBadge, StatusBadge, formatInstant, type BreachItem } from './common';
import { NewBreachForm } from './NewBreachForm';
import { useUiLanguage } from '../../hooks/useUiLanguage';

/** List views; the dashboard counters link to them (#/breaches?view=clocks). */
const VIEWS = ['open', 'clocks', 'overdue', 'closed', 'all'] as const;
type View = (typeof VIEWS)[number];
const matchesView = (b: BreachItem, v: View) =>
  v === 'all' || (v === 'open' ? b.status !== 'closed' : v === 'closed' ? b.status === 'closed' : v === 'clocks' ? b.clockRunning : b.clockRunning && b.overdue);

function SummaryCards() {
  const { t } = useTranslation();
  const s = useApi('breaches.summary', {});
  if (!s.data) return null;
  const cards: Array<[string, number, string, View]> = [
    ['open', s.data.open, 'red', 'open'],
    ['clocksRunning', s.data.clocksRunning.length, 'orange', 'clocks'],
    ['overdue', s.data.overdueNotifications, 'red', 'overdue'],
    ['closed', s.data.byStatus.closed, 'gray', 'closed'],
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} mb="md" data-testid="breach-summary">
      {cards.map(([k, v, color, view]) => (
        <Card withBorder padding="sm" key={k} data-testid={`breach-summary-${k}`} component="button" type="button" className="vigie-card-link" onClick={() => replaceQuery({ view })}>
          <Text size="xs" c="dimmed">
            {t(`breach.summary.${k}`)}
          </Text>
          <Text size="xl" fw={700} c={v > 0 && k !== 'closed' ? color : undefined}>
            {v}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function BreachList() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const saveFile = useSaveFile();
  const q = useApi('breaches.list', {});
  const [error, setError] = useState<unknown>();
  const { query } = useHashRoute();
  const view: View = (VIEWS as readonly string[]).includes(query.get('view') ?? '') ? (query.get('view') as View) : 'all';
  const [text, setText] = useState(query.get('q') ?? '');
  const items = useMemo(() => {
    const needle = normalize(text);
    return (q.data?.items ?? []).filter((b) => matchesView(b, view) && (!needle || normalize(`${b.reference} ${b.title}`).includes(needle)));
  }, [q.data, view, text]);
  const filtered = view !== 'all' || text.trim() !== '';
  const [docxBusy, runDocx] = useBusy();
  const [csvBusy, runCsv] = useBusy();
  const download = (format: 'docx' | 'csv') =>
    void (format === 'docx' ? runDocx : runCsv)(() => saveFile('breaches.register', { format }, format === 'docx' ? DOCX_MIME : 'text/csv').then(() => undefined, setError));
  return (
    <>
      <SummaryCards />
      {q.data && q.data.items.length > 0 && (
        <Card withBorder padding="md" mb="md">
          <Group gap="sm">
            <SegmentedControl value={view} onChange={(v) => replaceQuery({ view: v, q: text })} data-testid="breach-filter-view" data={VIEWS.map((v) => ({ value: v, label: t(`breach.view.${v}`) }))} />
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('breach.search')}
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                replaceQuery({ view, q: e.currentTarget.value });
              }}
              w={240}
              data-testid="breach-search"
            />
          </Group>
        </Card>
      )}
      <JobProgress name="file" active={docxBusy || csvBusy} what={t(docxBusy ? 'reports.breachesDocx' : 'reports.breachesCsv')} testId="breach-register-progress" />
      <ErrorAlert error={q.error ?? error} />
      {q.data && items.length === 0 ? (
        <Card withBorder padding="xl" data-testid="breach-empty">
          <Stack align="flex-start">
            <Title order={4}>{filtered && q.data.items.length > 0 ? t('breach.noMatch') : t('breach.emptyTitle')}</Title>
            <Text size="sm" c="dimmed" maw={680}>
              {t('breach.emptyHelp')}
            </Text>
          </Stack>
        </Card>
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover verticalSpacing="sm" data-testid="breach-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={120}>{t('breach.reference')}</Table.Th>
                  <Table.Th>{t('breach.title')}</Table.Th>
                  <Table.Th w={160} visibleFrom="lg">{t('breach.awareAt')}</Table.Th>
                  <Table.Th w={220}>{t('breach.notifyBy')}</Table.Th>
                  <Table.Th w={130}>{t('breach.severity')}</Table.Th>
                  <Table.Th w={120}>{t('breach.statusLabel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((b) => (
                  <Table.Tr key={b.id} style={{ cursor: 'pointer' }} onClick={() => navigate('breaches', b.id)} data-testid="breach-row" data-reference={b.reference}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {b.reference}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {b.title}
                      </Text>
                      {b.processor && (
                        <Badge size="xs" variant="light" color="grape">
                          {t('breach.processorBadge')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td visibleFrom="lg">
                      <Text size="sm">{formatInstant(b.awareAt, b.timeZone, lang)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {b.deadlineKnown ? formatInstant(b.notifyBy, b.timeZone, lang) : t('breach.processorNoContract')}
                      </Text>
                      {b.clockRunning ? (
                        b.deadlineKnown && <LiveCountdown until={b.notifyBy} testId="breach-row-countdown" />
                      ) : (
                        <Text size="xs" c="dimmed">
                          {b.firstNotifiedAt
                            ? t('breach.notifiedOn', { date: formatInstant(b.firstNotifiedAt, b.timeZone, lang) })
                            : t(`breach.decision.authority.${b.decisions.authority}`)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <SeverityBadge severity={b.severity} />
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={b.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <Group mt="md">
        <Button variant="subtle" leftSection={<IconFileTypeDocx size={16} />} loading={docxBusy} onClick={() => download('docx')} data-testid="breach-register-docx">
          {t('breach.registerDocx')}
        </Button>
        <Button variant="subtle" leftSection={<IconFileTypeCsv size={16} />} loading={csvBusy} onClick={() => download('csv')} data-testid="breach-register-csv">
          {t('breach.registerCsv')}
        </Button>
      </Group>
    </>
  );
}

function BreachesHome() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('breaches');
  return (
    <>
      <PageHeader
        title={t('nav.breaches')}
        subtitle={t('breach.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('breaches', 'new')} data-testid="breach-new">
            {t('breach.new')}
          </Button>
        }
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="breaches" leftSection={<IconList size={16} />} data-testid="tab-breaches">
            {t('breach.tabs.breaches')}
          </Tabs.Tab>
          <Tabs.Tab value="calculators" leftSection={<IconCalculator size={16} />} data-testid="tab-calculators">
            {t('breach.tabs.calculators')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="breaches">
          <BreachList />
        </Tabs.Panel>
        <Tabs.Panel value="calculators">
          <Calculators />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** Breach log (Art. 33(5)): the list with live clocks, a breach page, a new breach, and the calculators. */
export function BreachesPage({ param }: { param?: string }) {
  if (param === 'new') return <NewBreachForm />;
  if (param) return <BreachPage key={param} id={param} />;
  return <BreachesHome />;
}
