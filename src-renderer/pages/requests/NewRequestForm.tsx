import { Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Switch, TextInput, Textarea, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { call } from '../../api';
import { navigate, setLeaveGuard, useLeaveGuard } from '../../app/routes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { CHANNELS, RIGHTS } from './common';
import { useUiLanguage } from '../../hooks/useUiLanguage';

type Right = (typeof RIGHTS)[number];
type Channel = (typeof CHANNELS)[number];

/** A new rights request: who, which rights, how and when it arrived. Deadlines are computed on save. */
export function NewRequestForm() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const profile = useApi('profile.get', {});
  const jurisdictions = useApi('reference.jurisdictions', {});
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [address, setAddress] = useState('');
  const [viaRep, setViaRep] = useState(false);
  const [repName, setRepName] = useState('');
  const [repCapacity, setRepCapacity] = useState('');
  const [mandateOn, setMandateOn] = useState('');
  const [rights, setRights] = useState<string[]>([]);
  const [ground, setGround] = useState<string | null>(null);
  const [channel, setChannel] = useState<Channel>('email');
  const [receivedOn, setReceivedOn] = useState('');
  const [receivedTime, setReceivedTime] = useState('');
  const [jurisdiction, setJurisdiction] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const profileJurisdiction = profile.data?.profile.jurisdiction ?? 'FR';

  async function save(): Promise<boolean> {
    setError(undefined);
    setSaving(true);
    try {
      const r = await call('requests.create', {
        case: {
          requester: {
            name,
            ...(email ? { email } : {}),
            ...(address ? { address } : {}),
            representative: viaRep ? { name: repName, ...(repCapacity ? { capacity: repCapacity } : {}), mandateReceivedOn: mandateOn || null } : null,
          },
          rights: rights as Right[],
          objectionGround: rights.includes('objection') ? ((ground as 'marketing' | 'legitimate-interest' | null) ?? null) : null,
          channel,
          receivedOn,
          receivedTime: receivedTime || null,
          receivedZone: receivedTime ? (profile.data?.profile.time_zone ?? null) : null,
          jurisdiction: jurisdiction && jurisdiction !== profileJurisdiction ? jurisdiction : null,
          notes,
        },
      });
      // Created: opening the new case is not leaving unsaved work.
      setLeaveGuard(null);
      navigate('requests', r.id);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setSaving(false);
    }
  }
  useLeaveGuard(Boolean(name || email || address || repName || rights.length || receivedOn || notes), save);

  return (
    <>
      <PageHeader
        title={t('dsar.newTitle')}
        subtitle={t('dsar.newHelp')}
        actions={
          <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('requests')}>
            {t('dsar.back')}
          </Button>
        }
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <Card withBorder padding="lg">
            <Title order={5} mb="sm">
              {t('dsar.section.requester')}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <TextInput label={t('dsar.field.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-testid="new-requester" />
              <TextInput label={t('dsar.field.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-testid="new-email" />
              <TextInput label={t('dsar.field.address')} value={address} onChange={(e) => setAddress(e.currentTarget.value)} />
            </SimpleGrid>
            <Switch mt="md" label={t('dsar.field.viaRepresentative')} checked={viaRep} onChange={(e) => setViaRep(e.currentTarget.checked)} />
            {viaRep && (
              <SimpleGrid cols={{ base: 1, md: 3 }} mt="sm">
                <TextInput label={t('dsar.field.repName')} value={repName} onChange={(e) => setRepName(e.currentTarget.value)} required />
                <TextInput label={t('dsar.field.repCapacity')} value={repCapacity} onChange={(e) => setRepCapacity(e.currentTarget.value)} />
                <DateField label={t('dsar.field.mandateOn')} value={mandateOn} onChange={(e) => setMandateOn(e.currentTarget.value)} />
              </SimpleGrid>
            )}
          </Card>
          <Card withBorder padding="lg">
            <Title order={5} mb="sm">
              {t('dsar.section.request')}
            </Title>
            <Checkbox.Group label={t('dsar.rightsLabel')} value={rights} onChange={setRights} withAsterisk>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="xs">
                {RIGHTS.map((r) => (
                  <Checkbox key={r} value={r} label={t(`dsar.rights.${r}`)} data-testid={`new-right-${r}`} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            {rights.includes('objection') && (
              <Select
                mt="sm"
                w={320}
                label={t('dsar.field.objectionGround')}
                value={ground}
                onChange={setGround}
                data={[
                  { value: 'marketing', label: t('dsar.ground.marketing') },
                  { value: 'legitimate-interest', label: t('dsar.ground.legitimate-interest') },
                ]}
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mt="md">
              <Select label={t('dsar.field.channel')} value={channel} onChange={(v) => setChannel((v as Channel) ?? 'email')} data={CHANNELS.map((c) => ({ value: c, label: t(`dsar.channels.${c}`) }))} allowDeselect={false} data-testid="new-channel" />
              <DateField label={t('dsar.field.receivedOn')} value={receivedOn} onChange={(e) => setReceivedOn(e.currentTarget.value)} required data-testid="new-received" />
              <TextInput type="time" label={t('dsar.field.receivedTime')} description={profile.data?.profile.time_zone} value={receivedTime} onChange={(e) => setReceivedTime(e.currentTarget.value)} />
              <Select
                label={t('dsar.field.jurisdiction')}
                description={t('dsar.field.jurisdictionHelp')}
                searchable
                value={jurisdiction ?? profileJurisdiction}
                onChange={setJurisdiction}
                data={(jurisdictions.data?.items ?? []).map((j) => ({ value: j.code, label: `${j.code} — ${j.name[lang]}` }))}
              />
            </SimpleGrid>
            <Textarea mt="md" label={t('dsar.field.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
          </Card>
          <ErrorAlert error={error} />
          <Group>
            <Button type="submit" loading={saving} data-testid="new-save">
              {t('dsar.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
