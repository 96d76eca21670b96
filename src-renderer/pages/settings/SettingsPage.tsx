import { Badge, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconTrash, IconAdjustments, IconDatabase } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call } from '../../api';
import { fieldErrors as issueTexts, issuesOf, validate } from '../../components/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { TopControls } from '../../components/TopControls';
import { useApi } from '../../hooks/useApi';
import { BackupsPanel } from './BackupsPanel';
import type { FieldIssue, MethodOutput } from '../../../src-main/api/contract';
import { profileUpdateInput } from '../../../src-main/api/contracts/workspace';
import { useUiLanguage } from '../../hooks/useUiLanguage';

type Profile = MethodOutput<'profile.get'>['profile'];
type Key = keyof Profile;

const SECTIONS: Array<{ title: string; fields: Key[] }> = [
  { title: 'organisation', fields: ['controller_name', 'legal_form', 'siren', 'sector', 'headcount', 'address', 'postcode', 'city', 'country', 'phone', 'email'] },
  { title: 'legalRep', fields: ['legal_rep_name', 'legal_rep_title'] },
  { title: 'dpo', fields: ['dpo_name', 'dpo_company', 'dpo_email', 'dpo_phone'] },
  { title: 'representative', fields: ['representative'] },
];

const TIME_ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Paris'];
  }
})();

function ProfileForm() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const q = useApi('profile.get', {});
  const jurisdictions = useApi('reference.jurisdictions', {});
  const [draft, setDraft] = useState<Profile>();
  const [error, setError] = useState<unknown>();
  // Problems found before sending, with the contract's own schema (same codes, same sentences).
  const [localIssues, setLocalIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (q.data) setDraft(q.data.profile);
  }, [q.data]);

  const fieldErrors = useMemo(() => issueTexts(t, [...localIssues, ...issuesOf(error)]), [error, localIssues, t]);

  if (!draft || !q.data) return <ErrorAlert error={q.error} />;
  const original = q.data.profile;
  const changes = Object.fromEntries(Object.entries(draft).filter(([k, v]) => v !== original[k as Key])) as Partial<Profile>;
  const dirty = Object.keys(changes).length > 0;
  const set = (k: Key, v: unknown) => setDraft({ ...draft, [k]: v } as Profile);

  async function save() {
    setError(undefined);
    const issues = validate(profileUpdateInput, { values: changes });
    setLocalIssues(issues);
    if (issues.length > 0) return;
    setSaving(true);
    try {
      const r = await call('profile.update', { values: changes });
      notifications.show({ color: 'teal', title: t('settings.saved'), message: t('settings.savedFields', { count: r.changed.length }) });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const input = (k: Key) =>
    k === 'headcount' ? (
      <NumberInput key={k} label={t(`profile.${k}`)} value={draft.headcount ?? ''} min={0} onChange={(v) => set(k, v === '' ? null : Number(v))} error={fieldErrors[k]} data-testid={`profile-${k}`} />
    ) : (
      <TextInput key={k} label={t(`profile.${k}`)} value={String(draft[k] ?? '')} onChange={(e) => set(k, e.currentTarget.value)} error={fieldErrors[k]} data-testid={`profile-${k}`} />
    );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="lg">
        {q.data.missing.length > 0 && (
          <Text size="sm" c="orange" data-testid="profile-missing">
            {t('settings.missing', { fields: q.data.missing.map((f) => t(`profile.${f}`)).join(', ') })}
          </Text>
        )}
        {SECTIONS.map((s) => (
          <Card withBorder padding="lg" key={s.title}>
            <Title order={4} mb="sm">
              {t(`settings.section.${s.title}`)}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>{s.fields.map(input)}</SimpleGrid>
          </Card>
        ))}
        <Card withBorder padding="lg">
          <Title order={4} mb={4}>
            {t('settings.section.deadlines')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('settings.deadlinesHelp')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Select
              label={t('profile.jurisdiction')}
              searchable
              value={draft.jurisdiction}
              onChange={(v) => v && set('jurisdiction', v)}
              data={(jurisdictions.data?.items ?? []).map((j) => ({ value: j.code, label: `${j.code} — ${j.name[lang]}` }))}
              error={fieldErrors.jurisdiction}
              data-testid="profile-jurisdiction"
            />
            <Select label={t('profile.time_zone')} searchable value={draft.time_zone} onChange={(v) => v && set('time_zone', v)} data={TIME_ZONES} error={fieldErrors.time_zone} />
            <Select
              label={t('profile.language')}
              value={draft.language}
              onChange={(v) => v && set('language', v)}
              data={[
                { value: 'fr', label: 'Français' },
                { value: 'en', label: 'English' },
              ]}
            />
            <NumberInput
              label={t('profile.breach_notification_hours')}
              description={t('settings.hoursHelp')}
              min={1}
              max={240}
              value={draft.breach_notification_hours}
              onChange={(v) => set('breach_notification_hours', Number(v))}
              error={fieldErrors.breach_notification_hours}
            />
          </SimpleGrid>
        </Card>
        <ErrorAlert error={error ?? (localIssues.length > 0 ? new ApiCallError({ code: 'invalid_input', message: '', details: { issues: localIssues } }) : undefined)} fieldsShown />
        <Group justify="flex-end" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)">
          <Button variant="default" disabled={!dirty} onClick={() => setDraft(original)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={!dirty} loading={saving} data-testid="profile-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Trash() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const q = useApi('trash.list', {});
  const [error, setError] = useState<unknown>();
  const items = q.data?.items ?? [];
  return (
    <Card withBorder padding="lg">
      <Text size="sm" c="dimmed" mb="md">
        {t('trash.help')}
      </Text>
      <ErrorAlert error={error ?? q.error} />
      {items.length === 0 ? (
        <Text size="sm" data-testid="trash-empty">
          {t('trash.empty')}
        </Text>
      ) : (
        <Table data-testid="trash-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('trash.item')}</Table.Th>
              <Table.Th>{t('trash.deletedAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={`${i.table}/${i.id}`}>
                <Table.Td>
                  <Badge variant="light" mr="xs">
                    {t(`history.table.${i.table}`, { defaultValue: i.table })}
                  </Badge>
                  {i.label}
                </Table.Td>
                <Table.Td>{new Date(i.deletedAt).toLocaleString(lang)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => void call('trash.restore', { table: i.table, id: i.id }).catch(setError)}>
                    {t('trash.restore')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('nav.settings')} subtitle={t('settings.subtitle')} />
      <Tabs defaultValue="profile" keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="profile" leftSection={<IconBuilding size={16} />}>
            {t('settings.tabProfile')}
          </Tabs.Tab>
          <Tabs.Tab value="prefs" leftSection={<IconAdjustments size={16} />}>
            {t('settings.tabPrefs')}
          </Tabs.Tab>
          <Tabs.Tab value="trash" leftSection={<IconTrash size={16} />} data-testid="tab-trash">
            {t('settings.tabTrash')}
          </Tabs.Tab>
          <Tabs.Tab value="backups" leftSection={<IconDatabase size={16} />} data-testid="tab-backups">
            {t('settings.tabBackups')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profile">
          <ProfileForm />
        </Tabs.Panel>
        <Tabs.Panel value="prefs">
          <Card withBorder padding="lg">
            <Text size="sm" c="dimmed" mb="md">
              {t('settings.prefsHelp')}
            </Text>
            <TopControls />
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="trash">
          <Trash />
        </Tabs.Panel>
        <Tabs.Panel value="backups">
          <BackupsPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
