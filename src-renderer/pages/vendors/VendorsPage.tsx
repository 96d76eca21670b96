import { Alert, Badge, Button, Card, Checkbox, Group, Select, Table, Text, Title, SimpleGrid } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import type { MethodOutput } from '../../../src-main/api/contract';

const BASIS_COLOR = { eea: 'teal', adequacy: 'blue', 'adequacy-dpf': 'blue', 'safeguard-required': 'orange' } as const;

/** Vendors and transfers: the Chapter V check against the dated adequacy reference. */
export function VendorsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const countries = useApi('reference.countries', {});
  const [country, setCountry] = useState<string | null>(null);
  const [dpf, setDpf] = useState(false);
  const [result, setResult] = useState<MethodOutput<'tools.transferCheck'>>();
  const [error, setError] = useState<unknown>();
  const items = countries.data?.items ?? [];
  const adequacy = items.filter((c) => c.adequacy);

  return (
    <>
      <PageHeader title={t('nav.vendors')} subtitle={t('vendors.subtitle')} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder padding="lg">
          <Group gap="xs" mb="xs">
            <IconWorld size={20} />
            <Title order={4}>{t('transfer.title')}</Title>
          </Group>
          <Text size="sm" c="dimmed" mb="md">
            {t('transfer.help')}
          </Text>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!country) return;
              setError(undefined);
              void call('tools.transferCheck', { country, dpfCertified: dpf }).then(setResult, (err) => {
                setResult(undefined);
                setError(err);
              });
            }}
          >
            <Group align="end">
              <Select
                label={t('transfer.country')}
                searchable
                w={280}
                value={country}
                onChange={setCountry}
                data={items.map((c) => ({ value: c.code, label: `${c.name[lang]} (${c.code})` }))}
                data-testid="transfer-country"
              />
              <Checkbox label={t('transfer.dpf')} checked={dpf} onChange={(e) => setDpf(e.currentTarget.checked)} mb={8} />
              <Button type="submit" disabled={!country} data-testid="transfer-check">
                {t('transfer.check')}
              </Button>
            </Group>
          </form>
          <ErrorAlert error={error} />
          {result && (
            <Alert mt="md" color={BASIS_COLOR[result.basis]} title={t(`transfer.basis.${result.basis}`)} data-testid="transfer-result" data-basis={result.basis}>
              <Text size="sm">{result.explanation[lang]}</Text>
              {result.adequacy && (
                <Text size="xs" mt={4}>
                  {result.adequacy.decision} — {result.adequacy.date}
                </Text>
              )}
            </Alert>
          )}
        </Card>
        <Card withBorder padding="lg">
          <Group justify="space-between" mb="xs">
            <Title order={4}>{t('transfer.adequacyTitle')}</Title>
            {countries.data && <Badge variant="light">{t('transfer.checkedOn', { date: countries.data.checkedOn })}</Badge>}
          </Group>
          <Table.ScrollContainer minWidth={400} mah={420}>
            <Table striped data-testid="adequacy-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('transfer.country')}</Table.Th>
                  <Table.Th>{t('transfer.decision')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {adequacy.map((c) => (
                  <Table.Tr key={c.code}>
                    <Table.Td>
                      {c.name[lang]} ({c.code})
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{c.adequacy?.decision}</Text>
                      <Text size="xs" c="dimmed">
                        {c.adequacy?.date}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      </SimpleGrid>
    </>
  );
}
