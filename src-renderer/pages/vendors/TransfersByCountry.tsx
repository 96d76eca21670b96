import { Alert, Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/routes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../hooks/useApi';
import { useUiLanguage } from '../../hooks/useUiLanguage';

export const BASIS_COLOR = { eea: 'teal', adequacy: 'blue', 'adequacy-dpf': 'blue', 'safeguard-required': 'orange' } as const;

/** Every third country the vendors' data reach, with the tool relied on for each vendor. */
export function TransfersByCountry() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const q = useApi('vendors.transfersByCountry', {});
  const ref = useApi('vendors.reference', {});
  const names = new Map((ref.data?.countries ?? []).map((c) => [c.code, c.name[lang]]));
  return (
    <Stack data-testid="transfers-by-country">
      <ErrorAlert error={q.error} />
      {q.data && q.data.items.length === 0 && <Alert color="teal">{t('vendors.noTransfers')}</Alert>}
      {q.data?.items.map((c) => (
        <Card withBorder key={c.country} data-testid="country-card" data-country={c.country}>
          <Group justify="space-between" mb="xs">
            <Title order={5}>
              {names.get(c.country) ?? c.country} ({c.country})
            </Title>
            <Badge color={BASIS_COLOR[c.basis]} variant="light" tt="none">
              {t(`transfer.basis.${c.basis}`)}
            </Badge>
          </Group>
          {c.adequacy && (
            <Text size="xs" c="dimmed" mb="xs">
              {c.adequacy.decision} — {c.adequacy.date}
            </Text>
          )}
          <Table>
            <Table.Tbody>
              {c.vendors.map((v, i) => (
                <Table.Tr key={`${v.id}-${v.transferId ?? i}`}>
                  <Table.Td>
                    <Anchor size="sm" onClick={() => navigate('vendors', v.id)}>
                      {v.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {v.tool ? (
                      <Badge variant="outline" tt="none">
                        {t(`vendors.tools.${v.tool}`)}
                        {v.sccModule ? ` · ${t('vendors.module', { n: v.sccModule })}` : ''}
                      </Badge>
                    ) : (
                      <Badge color="red" tt="none">
                        {t('vendors.noTool')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{v.tiaOutcome && <Text size="xs">{t(`vendors.outcomes.${v.tiaOutcome}`)}</Text>}</Table.Td>
                  <Table.Td>
                    {v.problems > 0 ? (
                      <Badge color="yellow">{t('vendors.warningsCount', { count: v.problems })}</Badge>
                    ) : (
                      <Badge color="teal" variant="light">
                        {t('vendors.ok')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
    </Stack>
  );
}
