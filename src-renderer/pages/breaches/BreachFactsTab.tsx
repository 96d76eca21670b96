import { ActionIcon, Anchor, Button, Card, Checkbox, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { navigate } from '../../app/routes';
import { limit } from '../../components/limits';
import { useRecordsById } from '../../hooks/useRecordOptions';
import { RecordSelect } from '../../components/RecordSelect';
import { useUiLanguage } from '../../hooks/useUiLanguage';
import { toLocalInput, type BreachData, type BreachDetail, type BreachReference } from './common';

/** What every section of the breach record gets: the draft and the function that patches it. */
export interface BreachSectionProps {
  b: BreachData;
  set: (patch: Partial<BreachData>) => void;
}
type Vocab = keyof BreachReference['vocabularies'];
type Option = { value: string; label: string };

/** The options of one of the breach vocabularies, labelled in the UI language. */
function useVocab(refData?: BreachReference): (k: Vocab) => Option[] {
  const lang = useUiLanguage();
  return (k: Vocab) => (refData?.vocabularies[k] ?? []).map((v) => ({ value: v.id, label: v[lang] }));
}

/** When it happened, when it was discovered and when the organisation became aware of it (the clock starts then). */
export function WhenSection({ b, set }: BreachSectionProps) {
  const { t } = useTranslation();
  const tz = b.timeZone;
  return (
    <Card withBorder padding="md">
      <Title order={5} mb="sm">
        {t('breach.sections.when')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TextInput label={t('breach.title')} value={b.title} onChange={(e) => set({ title: e.currentTarget.value })} {...limit(b.title, 200)} data-testid="breach-title" />
        <Select
          label={t('breach.statusLabel')}
          value={b.status}
          onChange={(v) => v && set({ status: v as BreachData['status'] })}
          data={(['open', 'contained', 'closed'] as const).map((s) => ({ value: s, label: t(`breach.status.${s}`) }))}
          data-testid="breach-status-select"
        />
        <DateField withTime label={t('breach.discoveredAt')} value={toLocalInput(b.discoveredAt, tz)} onChange={(e) => set({ discoveredAt: e.currentTarget.value || null })} />
        <DateField withTime label={t('breach.awareAt')} description={t('breach.awareHelp')} value={toLocalInput(b.awareAt, tz)} onChange={(e) => set({ awareAt: e.currentTarget.value })} data-testid="breach-aware" />
        <Checkbox label={t('breach.occurredUnknown')} checked={b.occurred.unknown} onChange={(e) => set({ occurred: { ...b.occurred, unknown: e.currentTarget.checked } })} mt="md" />
        <Checkbox label={t('breach.ongoing')} checked={b.occurred.ongoing} onChange={(e) => set({ occurred: { ...b.occurred, ongoing: e.currentTarget.checked } })} mt="md" />
        {!b.occurred.unknown && (
          <>
            <DateField withTime label={t('breach.occurredFrom')} value={toLocalInput(b.occurred.from, tz)} onChange={(e) => set({ occurred: { ...b.occurred, from: e.currentTarget.value || null } })} />
            <DateField withTime label={t('breach.occurredTo')} value={toLocalInput(b.occurred.to, tz)} onChange={(e) => set({ occurred: { ...b.occurred, to: e.currentTarget.value || null } })} />
          </>
        )}
        <TextInput label={t('breach.reportedBy')} value={b.reportedBy} onChange={(e) => set({ reportedBy: e.currentTarget.value })} {...limit(b.reportedBy, 200)} />
      </SimpleGrid>
      <Textarea mt="sm" label={t('breach.discoveryCircumstances')} autosize minRows={2} value={b.discoveryCircumstances} onChange={(e) => set({ discoveryCircumstances: e.currentTarget.value })} {...limit(b.discoveryCircumstances, 4000)} />
    </Card>
  );
}

/** What happened: description, nature, cause, systems, activities and the vendors involved (linked to vendor records). */
export function WhatSection({ b, set, data, opts }: BreachSectionProps & { data: BreachDetail; opts: (k: Vocab) => Option[] }) {
  const { t } = useTranslation();
  // Vendors are picked from the vendor register (linked by id); older records named them in free text.
  // Only the linked vendors are read (to show their current names); the pickers ask the server as the DPO types.
  const linkedVendors = useRecordsById('vendors.list', b.vendors.flatMap((v) => (v.vendorId ? [v.vendorId] : []))).items;
  const tz = b.timeZone;
  return (
    <Card withBorder padding="md">
      <Title order={5} mb="sm">
        {t('breach.sections.what')}
      </Title>
      <Textarea label={t('breach.description')} autosize minRows={3} value={b.description} onChange={(e) => set({ description: e.currentTarget.value })} {...limit(b.description, 8000)} data-testid="breach-description" />
      <Group mt="sm">
        {(['confidentiality', 'integrity', 'availability'] as const).map((n) => (
          <Checkbox key={n} label={t(`breach.natures.${n}`)} checked={b.nature.includes(n)} onChange={(e) => set({ nature: e.currentTarget.checked ? [...b.nature, n] : b.nature.filter((x) => x !== n) })} data-testid={`breach-nature-${n}`} />
        ))}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }} mt="sm">
        <Select label={t('breach.intent')} value={b.cause.intent} onChange={(v) => v && set({ cause: { ...b.cause, intent: v as BreachData['cause']['intent'] } })} data={(['accidental', 'malicious', 'unknown'] as const).map((x) => ({ value: x, label: t(`breach.intents.${x}`) }))} />
        <Select label={t('breach.source')} value={b.cause.source} onChange={(v) => v && set({ cause: { ...b.cause, source: v as BreachData['cause']['source'] } })} data={(['internal', 'external', 'unknown'] as const).map((x) => ({ value: x, label: t(`breach.sources.${x}`) }))} />
        <Select label={t('breach.origin')} clearable value={b.cause.origin} onChange={(v) => set({ cause: { ...b.cause, origin: v as never } })} data={opts('origin')} />
      </SimpleGrid>
      <TagsInput mt="sm" label={t('breach.affectedSystems')} description={t('common.pressEnter')} value={b.affectedSystems} onChange={(v) => set({ affectedSystems: v })} />
      <MultiSelect
        mt="sm"
        label={t('breach.activities')}
        value={b.activityIds}
        onChange={(v) => set({ activityIds: v })}
        data={data.activities.map((a) => ({ value: a.id, label: `${a.reference} — ${a.name}${a.role === 'processor' ? ` (${t('breach.asProcessor')})` : ''}` }))}
        data-testid="breach-activities"
      />
      <Switch mt="sm" label={t('breach.actingAsProcessor')} checked={b.actingAsProcessor} onChange={(e) => set({ actingAsProcessor: e.currentTarget.checked })} />
      <Text size="sm" fw={500} mt="sm">
        {t('breach.vendors')}
      </Text>
      {b.vendors.map((v, i) => {
        const linked = v.vendorId ? linkedVendors.find((x) => x.id === v.vendorId) : undefined;
        return (
          <Stack key={i} gap={2}>
            <Group align="end" gap="xs">
              <RecordSelect
                method="vendors.list"
                format={(x) => x.name}
                label={t('breach.vendorName')}
                placeholder={t('breach.vendorPick')}
                w={320}
                value={v.vendorId ?? null}
                // The linked record may be in the trash (not listed): keep it selectable under the name recorded.
                gone={{ label: v.name }}
                nothingFoundMessage={t('breach.vendorNone')}
                onChange={(vendorId, picked) => {
                  set({ vendors: b.vendors.map((x, j) => (j === i ? { ...x, vendorId: picked ? picked.id : null, name: picked ? picked.name : x.name } : x)) });
                }}
                data-testid={`breach-vendor-${i}`}
              />
              <DateField withTime label={t('breach.vendorInformedUs')} value={toLocalInput(v.informedUsAt, tz)} onChange={(e) => set({ vendors: b.vendors.map((x, j) => (j === i ? { ...x, informedUsAt: e.currentTarget.value || null } : x)) })} />
              <ActionIcon variant="subtle" color="red" onClick={() => set({ vendors: b.vendors.filter((_, j) => j !== i) })} aria-label={t('breach.remove')}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            {v.vendorId ? (
              <Anchor size="xs" component="button" type="button" w="fit-content" onClick={() => navigate('vendors', v.vendorId!)} data-testid={`breach-vendor-link-${i}`}>
                {t('breach.vendorOpen', { name: linked?.name ?? v.name })}
              </Anchor>
            ) : (
              v.name && (
                <Text size="xs" c="dimmed" data-testid={`breach-vendor-free-${i}`}>
                  {t('breach.vendorFreeText', { name: v.name })}
                </Text>
              )
            )}
          </Stack>
        );
      })}
      <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => set({ vendors: [...b.vendors, { name: '', role: '', informedUsAt: null, vendorId: null }] })} w="fit-content">
        {t('breach.addVendor')}
      </Button>
    </Card>
  );
}

/** The data and the people concerned. */
export function WhoSection({ b, set, opts }: BreachSectionProps & { opts: (k: Vocab) => Option[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <Title order={5} mb="sm">
        {t('breach.sections.who')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <MultiSelect label={t('breach.dataCategories')} value={b.dataCategories} onChange={(v) => set({ dataCategories: v as never })} data={opts('dataCategories')} data-testid="breach-data-categories" />
        <MultiSelect label={t('breach.sensitiveData')} value={b.sensitiveData} onChange={(v) => set({ sensitiveData: v as never })} data={opts('sensitiveData')} />
        <Checkbox label={t('breach.noSensitiveData')} checked={b.noSensitiveData} onChange={(e) => set({ noSensitiveData: e.currentTarget.checked })} />
        <TextInput label={t('breach.otherData')} value={b.otherData} onChange={(e) => set({ otherData: e.currentTarget.value })} {...limit(b.otherData, 1000)} />
        <MultiSelect label={t('breach.personCategories')} value={b.personCategories} onChange={(v) => set({ personCategories: v as never })} data={opts('personCategories')} />
        <Group grow>
          <NumberInput label={t('breach.peopleCount')} min={0} value={b.peopleCount ?? ''} onChange={(v) => set({ peopleCount: v === '' ? null : Number(v) })} data-testid="breach-people-count" />
          <NumberInput label={t('breach.recordsCount')} min={0} value={b.recordsCount ?? ''} onChange={(v) => set({ recordsCount: v === '' ? null : Number(v) })} />
        </Group>
      </SimpleGrid>
    </Card>
  );
}

/** Consequences, measures taken and planned, advice to the people, other authorities. */
export function EffectsSection({ b, set, opts }: BreachSectionProps & { opts: (k: Vocab) => Option[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <Title order={5} mb="sm">
        {t('breach.sections.effects')}
      </Title>
      <Textarea label={t('breach.priorMeasures')} autosize minRows={2} value={b.priorMeasures} onChange={(e) => set({ priorMeasures: e.currentTarget.value })} {...limit(b.priorMeasures, 4000)} />
      <Textarea mt="sm" label={t('breach.consequences')} autosize minRows={2} value={b.consequences} onChange={(e) => set({ consequences: e.currentTarget.value })} {...limit(b.consequences, 4000)} data-testid="breach-consequences" />
      <MultiSelect mt="sm" label={t('breach.harms')} value={b.harms} onChange={(v) => set({ harms: v as never })} data={opts('harms')} />
      <Textarea mt="sm" label={t('breach.measuresTaken')} autosize minRows={2} value={b.measuresTaken} onChange={(e) => set({ measuresTaken: e.currentTarget.value })} {...limit(b.measuresTaken, 4000)} data-testid="breach-measures-taken" />
      <Textarea mt="sm" label={t('breach.measuresPlanned')} autosize minRows={2} value={b.measuresPlanned} onChange={(e) => set({ measuresPlanned: e.currentTarget.value })} {...limit(b.measuresPlanned, 4000)} />
      <Textarea mt="sm" label={t('breach.adviceToPeople')} autosize minRows={2} value={b.adviceToPeople} onChange={(e) => set({ adviceToPeople: e.currentTarget.value })} {...limit(b.adviceToPeople, 4000)} />
      <SimpleGrid cols={{ base: 1, md: 2 }} mt="sm">
        <Select label={t('breach.otherMemberStates')} value={b.otherMemberStates} onChange={(v) => v && set({ otherMemberStates: v as BreachData['otherMemberStates'] })} data={(['unknown', 'yes', 'no'] as const).map((x) => ({ value: x, label: t(`breach.yesNo.${x}`) }))} />
        <TextInput label={t('breach.otherAuthorities')} value={b.otherAuthorities} onChange={(e) => set({ otherAuthorities: e.currentTarget.value })} {...limit(b.otherAuthorities, 1000)} />
      </SimpleGrid>
    </Card>
  );
}

/** Lessons learned and follow-up actions. */
export function AfterSection({ b, set }: BreachSectionProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <Title order={5} mb="sm">
        {t('breach.sections.after')}
      </Title>
      <Textarea label={t('breach.lessonsLearned')} autosize minRows={2} value={b.lessonsLearned} onChange={(e) => set({ lessonsLearned: e.currentTarget.value })} {...limit(b.lessonsLearned, 4000)} />
      <Text size="sm" fw={500} mt="sm">
        {t('breach.followUps')}
      </Text>
      {b.followUps.map((f, i) => (
        <Group key={i} align="end" gap="xs">
          <Checkbox checked={f.done} onChange={(e) => set({ followUps: b.followUps.map((x, j) => (j === i ? { ...x, done: e.currentTarget.checked } : x)) })} mb={8} aria-label={t('breach.done')} />
          <TextInput style={{ flex: 1 }} label={t('breach.action')} value={f.action} onChange={(e) => set({ followUps: b.followUps.map((x, j) => (j === i ? { ...x, action: e.currentTarget.value } : x)) })} {...limit(f.action, 500)} />
          <TextInput label={t('breach.owner')} value={f.owner} onChange={(e) => set({ followUps: b.followUps.map((x, j) => (j === i ? { ...x, owner: e.currentTarget.value } : x)) })} {...limit(f.owner, 200)} />
          <DateField label={t('breach.due')} value={f.due ?? ''} onChange={(e) => set({ followUps: b.followUps.map((x, j) => (j === i ? { ...x, due: e.currentTarget.value || null } : x)) })} />
          <ActionIcon variant="subtle" color="red" mb={6} onClick={() => set({ followUps: b.followUps.filter((_, j) => j !== i) })} aria-label={t('breach.remove')}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => set({ followUps: [...b.followUps, { action: '', owner: '', due: null, done: false }] })} w="fit-content">
        {t('breach.addFollowUp')}
      </Button>
    </Card>
  );
}

/** The breach record's facts tab: its sections in order. */
export function FactsTab({ b, set, data, refData }: BreachSectionProps & { data: BreachDetail; refData?: BreachReference }) {
  const opts = useVocab(refData);
  return (
    <Stack>
      <WhenSection b={b} set={set} />
      <WhatSection b={b} set={set} data={data} opts={opts} />
      <WhoSection b={b} set={set} opts={opts} />
      <EffectsSection b={b} set={set} opts={opts} />
      <AfterSection b={b} set={set} />
    </Stack>
  );
}
