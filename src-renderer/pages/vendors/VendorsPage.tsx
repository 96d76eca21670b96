import { Badge, Button, Card, Group, Stack, Table, Tabs, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconBuildingStore, IconPlus, IconScale, IconSearch, IconWorld } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/routes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { AdequacyTab } from './AdequacyTab';
import { TransfersByCountry } from './TransfersByCountry';
import { VendorEditor } from './VendorEditor';

/** Badges in table cells keep their whole label (Mantine truncates by default). */
const FULL = { styles: { root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } } } as const;

export const RISK_COLOR: Record<string, string> = { low: 'teal', medium: 'yellow', high: 'orange', critical: 'red' };

function VendorList() {
  const { t, i18n } = useTranslation();
  const q = useApi('vendors.list', {});
  const [filter, setFilter] = useState('');
  const items = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return (q.data?.items ?? []).filter((v) => !f || `${v.name} ${v.legalEntity} ${v.country}`.toLowerCase().includes(f));
  }, [q.data, filter]);

  return (
    <>
      <ErrorAlert error={q.error} />
      {q.data && q.data.items.length === 0 ? (
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
        q.data && (
          <Card withBorder padding={0}>
            <Group p="sm" justify="flex-end">
              <TextInput leftSection={<IconSearch size={16} />} placeholder={t('vendors.search')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
            </Group>
            <Table.ScrollContainer minWidth={820}>
              <Table highlightOnHover verticalSpacing="sm" data-testid="vendors-table">
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
                        <Text size="xs" c={v.nextReviewOn && q.data && v.nextReviewOn < q.data.today ? 'red' : 'dimmed'}>
                          {v.nextReviewOn ? new Date(`${v.nextReviewOn}T12:00:00Z`).toLocaleDateString(i18n.language) : '—'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
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
