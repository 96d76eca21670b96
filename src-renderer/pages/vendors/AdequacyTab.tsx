import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Group, Select, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { IconTrash, IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../hooks/useApi';
import type { MethodOutput } from '../../../src-main/api/contract';
import { BASIS_COLOR } from './TransfersByCountry';
import { useUiLanguage } from '../../hooks/useUiLanguage';

const today = () => new Date().toISOString().slice(0, 10);

/** « 19 décembre 2025 » / "19 December 2025" for a YYYY-MM-DD date (never an ISO date on screen). */
function longDate(iso: string, lang: 'fr' | 'en'): string {
  const s = new Date(`${iso}T12:00:00Z`).toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return lang === 'fr' ? s.replace(/^1 /, '1er ') : s;
}

/** The transfer check (with the workspace's overrides), the dated adequacy reference, and the DPO's overrides. */
export function AdequacyTab() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const ref = useApi('vendors.reference', {});
  const table = useApi('vendors.adequacy', {});
  const [country, setCountry] = useState<string | null>(null);
  const [dpf, setDpf] = useState(false);
  const [result, setResult] = useState<MethodOutput<'vendors.transferCheck'>>();
  const [error, setError] = useState<unknown>();
  const [ov, setOv] = useState({ code: null as string | null, adequate: false, decision: '', decisionDate: '', note: '', checkedOn: today() });
  const countries = ref.data?.countries ?? [];
  const countryOpts = countries.filter((c) => !c.inEEA).map((c) => ({ value: c.code, label: `${c.name[lang]} (${c.code})` }));
  const overrides = new Map((table.data?.overrides ?? []).map((o) => [o.code, o]));
  const name = (code: string) => countries.find((c) => c.code === code)?.name[lang] ?? code;

  async function saveOverride() {
    if (!ov.code) return;
    setError(undefined);
    try {
      await call('vendors.setOverride', { code: ov.code, adequate: ov.adequate, decision: ov.decision, decisionDate: ov.decisionDate || null, note: ov.note, checkedOn: ov.checkedOn });
      setOv({ code: null, adequate: false, decision: '', decisionDate: '', note: '', checkedOn: today() });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Card withBorder padding="lg">
        <Group gap="xs" mb="xs">
          <IconWorld size={20} />
          <Title order={4}>{t('transfer.title')}</Title>
        </Group>
        <Text size="sm" c="dimmed" mb="md">
          {t('transfer.help')} {t('vendors.overridesApplied')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!country) return;
            setError(undefined);
            void call('vendors.transferCheck', { country, dpfCertified: dpf }).then(setResult, (err) => {
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
              data={countries.map((c) => ({ value: c.code, label: `${c.name[lang]} (${c.code})` }))}
              data-testid="transfer-country"
            />
            <Checkbox label={t('transfer.dpf')} checked={dpf} onChange={(e) => setDpf(e.currentTarget.checked)} mb={8} />
            <Button type="submit" disabled={!country} data-testid="transfer-check">
              {t('transfer.check')}
            </Button>
          </Group>
        </form>
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

        <Title order={5} mt="xl" mb="xs">
          {t('vendors.overridesTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('vendors.overridesHelp')}
        </Text>
        <ErrorAlert error={error ?? table.error} />
        <Group align="end" gap="sm">
          <Select label={t('transfer.country')} searchable w={220} value={ov.code} onChange={(v) => setOv({ ...ov, code: v })} data={countryOpts} data-testid="override-country" />
          <Checkbox label={t('vendors.overrideAdequate')} checked={ov.adequate} onChange={(e) => setOv({ ...ov, adequate: e.currentTarget.checked })} mb={8} data-testid="override-adequate" />
        </Group>
        {ov.adequate && (
          <Group grow mt="xs">
            <TextInput label={t('transfer.decision')} value={ov.decision} onChange={(e) => setOv({ ...ov, decision: e.currentTarget.value })} placeholder="Commission Implementing Decision (EU) …" />
            <DateField label={t('vendors.decisionDate')} value={ov.decisionDate} onChange={(e) => setOv({ ...ov, decisionDate: e.currentTarget.value })} />
          </Group>
        )}
        <Group grow mt="xs" align="end">
          <TextInput label={t('vendors.overrideNote')} value={ov.note} onChange={(e) => setOv({ ...ov, note: e.currentTarget.value })} data-testid="override-note" />
          <DateField label={t('vendors.checkedOnLabel')} value={ov.checkedOn} onChange={(e) => setOv({ ...ov, checkedOn: e.currentTarget.value })} data-testid="override-checked-on" />
          <Button onClick={() => void saveOverride()} disabled={!ov.code} data-testid="override-save">
            {t('vendors.overrideSave')}
          </Button>
        </Group>
        {(table.data?.overrides.length ?? 0) > 0 && (
          <Table mt="md" data-testid="overrides-table">
            <Table.Tbody>
              {table.data!.overrides.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    {name(o.code)} ({o.code})
                  </Table.Td>
                  <Table.Td>
                    <Badge color={o.adequate ? 'blue' : 'orange'} tt="none">
                      {o.adequate ? t('vendors.overrideIsAdequate') : t('vendors.overrideNotAdequate')}
                    </Badge>
                    {o.adequate && (
                      <Text size="xs">
                        {o.decision} — {o.decisionDate}
                      </Text>
                    )}
                    {o.note && (
                      <Text size="xs" c="dimmed">
                        {o.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{t('transfer.checkedOn', { date: o.checkedOn })}</Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={t('vendors.remove')} onClick={() => void call('vendors.removeOverride', { code: o.code }).catch(setError)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="xs">
          <Title order={4}>{t('transfer.adequacyTitle')}</Title>
          {table.data && <Badge variant="light">{t('transfer.checkedOn', { date: longDate(table.data.checkedOn, lang) })}</Badge>}
        </Group>
        <Table.ScrollContainer minWidth={400} mah={560}>
          <Table striped data-testid="adequacy-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('transfer.country')}</Table.Th>
                <Table.Th>{t('transfer.decision')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(table.data?.reference ?? []).map((c) => {
                const o = overrides.get(c.code);
                return (
                  <Table.Tr key={c.code}>
                    <Table.Td>
                      {c.name[lang]} ({c.code})
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" td={o ? 'line-through' : undefined}>
                        {lang === 'fr' ? c.decisionFr.charAt(0).toUpperCase() + c.decisionFr.slice(1) : c.decision}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {longDate(c.date, lang)}
                        {c.scope !== 'full' && ` — ${c.scopeNote[lang]}`}
                      </Text>
                      {!c.verified && (
                        <Badge size="xs" color="yellow" variant="light" tt="none" title={c.verificationNote ?? undefined} data-testid={`adequacy-to-verify-${c.code}`}>
                          {t('vendors.toVerify')}
                        </Badge>
                      )}
                      {o && (
                        <Badge size="xs" color="orange" tt="none">
                          {t('vendors.overridden', { date: o.checkedOn })}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
    </SimpleGrid>
  );
}
