import { Badge, Button, Card, CloseButton, Group, Stack, Table, Tabs, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconBuildingStore, IconPlus, IconScale, IconSearch, IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { navigate, replaceQuery, useHashRoute } from '../../app/routes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useInfiniteApi } from '../../hooks/useInfiniteApi';
import { LoadMoreRow } from '../../components/LoadMoreRow';
import { AdequacyTab } from './AdequacyTab';
import { TransfersByCountry } from './TransfersByCountry';
import { VendorEditor } from './VendorEditor';
import { useUiLanguage } from '../../hooks/useUiLanguage';

/** Badges in table cells keep their whole label (Mantine truncates by default). */
const FULL = { styles: { root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } } } as const;

export const RISK_COLOR: Record<string, string> = { low: 'teal', medium: 'yellow', high: 'orange', critical: 'red' };

/** Views the dashboard counters link to (#/vendors?view=review-overdue). */
const VIEWS = ['warnings', 'review-overdue', 'no-tool'] as const;
type View = (typeof VIEWS)[number];
/** Vendors asked per page; the next page comes as the last row scrolls into view. */
const PAGE_SIZE = 100;

function VendorList() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const { query } = useHashRoute();
  const view = (VIEWS as readonly string[]).includes(query.get('view') ?? '') ? (query.get('view') as View) : null;
  const [filter, setFilter] = useState(query.get('q') ?? '');
  // View and search are applied by the server, one page at a time.
  const [needle] = useDebouncedValue(filter.trim(), 250);
  const q = useInfiniteApi('vendors.list', { ...(view ? { view } : {}), ...(needle ? { text: needle.slice(0, 200) } : {}), limit: PAGE_SIZE });
  const items = q.items;
  // The register is empty only when nothing matches without any filter.
  const empty = q.last !== undefined && q.total === 0 && !view && !needle && !q.loading;

  return (
    <>
      <ErrorAlert error={q.error} />
      {empty ? (
        <Card withBorder padding="xl" data-testid="vendors-empty">
          <Stack align="flex-start">
            <Title order={4}>{t('vendors.emptyTitle')}</Title>
            <Text size="sm" c="dimmed" maw={640}>
              {t('vendors.emptyHelp')}
            </Text>
            <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('vendors', 'new')}>
              {t('vendors.new')}
            </Button>
          </Stack>
        </Card>
      ) : (
        q.last && (
          <Card withBorder padding={0}>
            <Group p="sm" justify={view ? 'space-between' : 'flex-end'}>
              {view && (
                <Badge size="lg" variant="light" color="orange" tt="none" data-testid="vendors-view" data-view={view} rightSection={<CloseButton size="xs" aria-label={t('vendors.clearView')} onClick={() => replaceQuery({ q: filter })} />}>
                  {t(`vendors.view.${view}`)}
                </Badge>
              )}
              <TextInput
                leftSection={<IconSearch size={16} />}
                placeholder={t('vendors.search')}
                value={filter}
                data-testid="vendors-search"
                onChange={(e) => {
                  setFilter(e.currentTarget.value);
                  replaceQuery({ view, q: e.currentTarget.value });
                }}
              />
            </Group>
            <Table.ScrollContainer minWidth={820}>
              <Table highlightOnHover verticalSpacing="sm" data-testid="vendors-table" data-count={items.length} data-total={q.total ?? ''}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('vendors.name')}</Table.Th>
                    <Table.Th>{t('vendors.role')}</Table.Th>
                    <Table.Th>{t('vendors.country')}</Table.Th>
                    <Table.Th>{t('vendors.transfersCol')}</Table.Th>
                    <Table.Th>{t('vendors.risk')}</Table.Th>
                    <Table.Th>{t('vendors.warnings')}</Table.Th>
                    <Table.Th>{t('vendors.nextReview')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((v) => (
                    <Table.Tr key={v.id} style={{ cursor: 'pointer' }} onClick={() => navigate('vendors', v.id)} data-testid="vendor-row" data-errors={v.errors} data-warnings={v.warnings}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {v.name}
                        </Text>
                        {v.legalEntity && (
                          <Text size="xs" c="dimmed">
                            {v.legalEntity}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color="grape" tt="none" {...FULL}>
                          {t(`vendors.roles.${v.role}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{v.country}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {v.thirdCountries.map((c) => (
                            <Badge key={c} size="sm" variant="outline" color="gray">
                              {c}
                            </Badge>
                          ))}
                          {v.thirdCountries.length === 0 && (
                            <Text size="xs" c="dimmed">
                              {t('vendors.euOnly')}
                            </Text>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {v.risk ? (
                          <Badge color={RISK_COLOR[v.risk]} variant="filled" tt="none" data-testid="vendor-risk" {...FULL}>
                            {t(`vendors.risks.${v.risk}`)}
                          </Badge>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {t('vendors.notRated')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          {v.errors > 0 && (
                            <Tooltip label={v.warningCodes.map((c) => t(`vendors.codes.${c}`, { defaultValue: c })).join(' · ')}>
                              <Badge color="red" tt="none" data-testid="vendor-errors" {...FULL}>
                                {t('vendors.errorsCount', { count: v.errors })}
                              </Badge>
                            </Tooltip>
                          )}
                          {v.warnings > 0 && (
                            <Tooltip label={v.warningCodes.map((c) => t(`vendors.codes.${c}`, { defaultValue: c })).join(' · ')}>
                              <Badge color="yellow" tt="none" data-testid="vendor-warnings" {...FULL}>
                                {t('vendors.warningsCount', { count: v.warnings })}
                              </Badge>
                            </Tooltip>
                          )}
                          {v.errors === 0 && v.warnings === 0 && (
                            <Badge color="teal" variant="light" {...FULL}>
                              {t('vendors.ok')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c={v.nextReviewOn && q.last && v.nextReviewOn < q.last.today ? 'red' : 'dimmed'}>
                          {v.nextReviewOn ? new Date(`${v.nextReviewOn}T12:00:00Z`).toLocaleDateString(lang) : '—'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  <LoadMoreRow colSpan={7} shown={items.length} total={q.total} hasMore={q.hasMore} loading={q.loadingMore} onMore={q.loadMore} testId="vendors-more" />
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        )
      )}
    </>
  );
}

/** Vendors and transfers: the vendor register, transfers by country, and the adequacy reference with its overrides. */
export function VendorsPage({ param }: { param?: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('vendors');
  if (param) return <VendorEditor key={param} id={param === 'new' ? undefined : param} />;
  return (
    <>
      <PageHeader
        title={t('nav.vendors')}
        subtitle={t('vendors.pageSubtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('vendors', 'new')} data-testid="vendor-new">
            {t('vendors.new')}
          </Button>
        }
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="vendors" leftSection={<IconBuildingStore size={16} />} data-testid="tab-vendors">
            {t('vendors.tabVendors')}
          </Tabs.Tab>
          <Tabs.Tab value="countries" leftSection={<IconWorld size={16} />} data-testid="tab-countries">
            {t('vendors.tabCountries')}
          </Tabs.Tab>
          <Tabs.Tab value="adequacy" leftSection={<IconScale size={16} />} data-testid="tab-adequacy">
            {t('vendors.tabAdequacy')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="vendors">
          <VendorList />
        </Tabs.Panel>
        <Tabs.Panel value="countries">
          <TransfersByCountry />
        </Tabs.Panel>
        <Tabs.Panel value="adequacy">
          <AdequacyTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
