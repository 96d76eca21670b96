import { ActionIcon, Alert, Button, MultiSelect, NumberInput, Select, SimpleGrid, Text, TextInput, Textarea, TagsInput, Group } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { limit } from '../../components/limits';
import { RecordSelect } from '../../components/RecordSelect';
import { Section } from '../../components/Section';
import { useRecordOptions } from '../../hooks/useRecordOptions';
import { dateOrNull, type Vendor, type VendorForm, type VendorSectionProps } from './vendor-form';

// The vendor editor's smaller sections (VendorEditor lays them out; the section index lists them).

/** Identity and services: who the vendor is, its role, the activities it serves. */
export function IdentitySection({ form, ctx }: VendorSectionProps) {
  const { t } = useTranslation();
  const { draft, set } = form;
  const { countryOpts } = ctx;
  const [activitySearch, setActivitySearch] = useState('');
  const activities = useRecordOptions('register.list', draft.activityIds, activitySearch, (a) => `${a.reference} — ${a.name}`);
  return (
    <Section title={t('vendors.identity')}>
      <SimpleGrid cols={2}>
        <TextInput label={t('vendors.name')} required value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} data-testid="vendor-name" {...limit(draft.name, 200)} />
        <TextInput label={t('vendors.legalEntity')} value={draft.legalEntity} onChange={(e) => set('legalEntity', e.currentTarget.value)} data-testid="vendor-legal-entity" {...limit(draft.legalEntity, 200)} />
        <Select label={t('vendors.country')} searchable data={countryOpts} value={draft.country} onChange={(v) => v && set('country', v)} data-testid="vendor-country" />
        <Select
          label={t('vendors.role')}
          data={['processor', 'sub-processor', 'joint-controller', 'independent-recipient'].map((x) => ({ value: x, label: t(`vendors.roles.${x}`) }))}
          value={draft.role}
          onChange={(v) => v && set('role', v as Vendor['role'])}
          data-testid="vendor-role"
        />
      </SimpleGrid>
      <Textarea label={t('vendors.services')} autosize minRows={2} value={draft.services} onChange={(e) => set('services', e.currentTarget.value)} {...limit(draft.services, 2000)} />
      <MultiSelect
        label={t('vendors.activities')}
        searchable
        searchValue={activitySearch}
        onSearchChange={setActivitySearch}
        // The server already matched what was typed (accents aside): no second filter here.
        filter={({ options }) => options}
        data={activities.options}
        description={activities.more ? t('common.typeToNarrow') : undefined}
        value={draft.activityIds}
        onChange={(v) => set('activityIds', v)}
        data-testid="vendor-activities"
      />
      <TagsInput label={t('vendors.dataCategories')} description={t('common.pressEnter')} value={draft.dataCategories} onChange={(v) => set('dataCategories', v)} />
    </Section>
  );
}

/** Where the data is hosted. */
export function HostingSection({ form, ctx }: VendorSectionProps) {
  const { t } = useTranslation();
  const { draft, set, setItem, removeItem } = form;
  const { countryOpts } = ctx;
  return (
    <Section title={t('vendors.hosting')} action={<Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('hosting', [...draft.hosting, { country: 'FR', region: '' }])} data-testid="add-hosting">{t('vendors.add')}</Button>}>
      {draft.hosting.length === 0 && <Text size="sm" c="dimmed">{t('vendors.noneYet')}</Text>}
      {draft.hosting.map((h, i) => (
        <Group key={i} grow align="end">
          <Select label={t('vendors.country')} searchable data={countryOpts} value={h.country} onChange={(v) => v && setItem('hosting', i, { country: v })} data-testid={`hosting-${i}-country`} />
          <TextInput label={t('vendors.region')} value={h.region} onChange={(e) => setItem('hosting', i, { region: e.currentTarget.value })} placeholder="eu-west-3, France Central…" />
          <ActionIcon variant="subtle" color="red" style={{ flexGrow: 0 }} onClick={() => removeItem('hosting', i)} aria-label={t('vendors.remove')} mb={6}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
    </Section>
  );
}

/** The vendor's sub-processors (art. 28(2) and (4)). */
export function SubProcessorsSection({ form, ctx }: VendorSectionProps) {
  const { t } = useTranslation();
  const { draft, set, setItem, removeItem } = form;
  const { id, countryOpts } = ctx;
  return (
    <Section
      title={t('vendors.subProcessors')}
      article="Art. 28(2)(4)"
      action={<Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('subProcessors', [...draft.subProcessors, { vendorId: '', name: '', country: null, service: '' }])} data-testid="add-subprocessor">{t('vendors.add')}</Button>}
    >
      {draft.subProcessors.length === 0 && <Text size="sm" c="dimmed">{t('vendors.noneYet')}</Text>}
      {draft.subProcessors.map((s, i) => (
        <Group key={i} grow align="end">
          <RecordSelect method="vendors.list" label={t('vendors.linkedVendor')} clearable format={(v) => `${v.name} (${v.country})`} exclude={id} value={s.vendorId || null} onChange={(v) => setItem('subProcessors', i, { vendorId: v ?? '' })} />
          {!s.vendorId && <TextInput label={t('vendors.name')} value={s.name} onChange={(e) => setItem('subProcessors', i, { name: e.currentTarget.value })} data-testid={`sub-${i}-name`} />}
          {!s.vendorId && <Select label={t('vendors.country')} searchable data={countryOpts} value={s.country} onChange={(v) => setItem('subProcessors', i, { country: v })} data-testid={`sub-${i}-country`} />}
          <TextInput label={t('vendors.service')} value={s.service} onChange={(e) => setItem('subProcessors', i, { service: e.currentTarget.value })} />
          <ActionIcon variant="subtle" color="red" style={{ flexGrow: 0 }} onClick={() => removeItem('subProcessors', i)} aria-label={t('vendors.remove')} mb={6}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
    </Section>
  );
}

/** Certifications and their expiry. */
export function CertificationsSection({ form, ctx }: VendorSectionProps) {
  const { t } = useTranslation();
  const { draft, set, setItem, removeItem } = form;
  const { reference: r } = ctx;
  return (
    <Section
      title={t('vendors.certifications')}
      action={<Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('certifications', [...draft.certifications, { kind: 'iso27001', label: '', expiresOn: null, reference: '' }])} data-testid="add-certification">{t('vendors.add')}</Button>}
    >
      {draft.certifications.length === 0 && <Text size="sm" c="dimmed">{t('vendors.noneYet')}</Text>}
      {draft.certifications.map((c, i) => (
        <Group key={i} grow align="end">
          <Select label={t('vendors.certification')} data={r.certifications.map((x) => ({ value: x.id, label: x.id === 'other' ? t('vendors.otherCert') : x.label }))} value={c.kind} onChange={(v) => v && setItem('certifications', i, { kind: v as typeof c.kind })} />
          {c.kind === 'other' && <TextInput label={t('vendors.name')} value={c.label} onChange={(e) => setItem('certifications', i, { label: e.currentTarget.value })} />}
          <DateField label={t('vendors.expiresOn')} value={c.expiresOn ?? ''} onChange={(e) => setItem('certifications', i, { expiresOn: dateOrNull(e.currentTarget.value) })} data-testid={`cert-${i}-expires`} />
          <TextInput label={t('vendors.reference')} value={c.reference} onChange={(e) => setItem('certifications', i, { reference: e.currentTarget.value })} />
          <ActionIcon variant="subtle" color="red" style={{ flexGrow: 0 }} onClick={() => removeItem('certifications', i)} aria-label={t('vendors.remove')} mb={6}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
    </Section>
  );
}

/** Review cadence, next review and risk. */
export function ReviewRiskSection({ form }: { form: VendorForm }) {
  const { t } = useTranslation();
  const { draft, set } = form;
  return (
    <Section title={t('vendors.reviewRisk')}>
      <SimpleGrid cols={3}>
        <NumberInput label={t('vendors.reviewCadence')} min={1} max={120} value={draft.reviewCadenceMonths ?? ''} onChange={(v) => set('reviewCadenceMonths', v === '' ? null : Math.round(Number(v)))} />
        <DateField label={t('vendors.nextReview')} value={draft.nextReviewOn ?? ''} onChange={(e) => set('nextReviewOn', dateOrNull(e.currentTarget.value))} data-testid="vendor-next-review" />
        <Select
          label={t('vendors.risk')}
          clearable
          data={['low', 'medium', 'high', 'critical'].map((x) => ({ value: x, label: t(`vendors.risks.${x}`) }))}
          value={draft.risk}
          onChange={(v) => set('risk', (v as Vendor['risk']) ?? null)}
          data-testid="vendor-risk-select"
        />
      </SimpleGrid>
      <Textarea label={t('vendors.notes')} autosize minRows={2} value={draft.notes} onChange={(e) => set('notes', e.currentTarget.value)} {...limit(draft.notes, 8000)} />
    </Section>
  );
}

/** Contacts at the vendor and the end of the relationship (contacts are purged under the retention rule). */
export function ContactsSection({ form, ctx }: VendorSectionProps) {
  const { t } = useTranslation();
  const { draft, set } = form;
  const { lang } = ctx;
  return (
    <Section
      title={t('vendors.contacts')}
      action={
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('contacts', [...draft.contacts, { name: '', role: '', email: '', phone: '' }])} data-testid="add-contact">
          {t('vendors.add')}
        </Button>
      }
    >
      {draft.purge && (
        <Alert color="gray" variant="light" mb="xs" data-testid="vendor-contacts-purged">
          {t('vendors.contactsPurged', { date: new Date(`${draft.purge.on}T12:00:00Z`).toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) })}
        </Alert>
      )}
      {draft.contacts.map((c, i) => (
        <Group key={i} grow align="flex-end" mb="xs" wrap="nowrap">
          <TextInput label={t('vendors.contactName')} value={c.name} maxLength={200} onChange={(e) => set('contacts', draft.contacts.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))} />
          <TextInput label={t('vendors.contactRole')} value={c.role} maxLength={200} onChange={(e) => set('contacts', draft.contacts.map((x, j) => (j === i ? { ...x, role: e.currentTarget.value } : x)))} />
          <TextInput label={t('vendors.contactEmail')} value={c.email} maxLength={200} onChange={(e) => set('contacts', draft.contacts.map((x, j) => (j === i ? { ...x, email: e.currentTarget.value } : x)))} />
          <TextInput label={t('vendors.contactPhone')} value={c.phone} maxLength={60} onChange={(e) => set('contacts', draft.contacts.map((x, j) => (j === i ? { ...x, phone: e.currentTarget.value } : x)))} />
          <ActionIcon variant="subtle" color="red" aria-label={t('vendors.remove')} onClick={() => set('contacts', draft.contacts.filter((_, j) => j !== i))} style={{ flex: 'none' }}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
      <TextInput
        type="date"
        label={t('vendors.relationshipEndedOn')}
        description={t('vendors.relationshipEndedHint')}
        value={draft.relationshipEndedOn ?? ''}
        onChange={(e) => set('relationshipEndedOn', dateOrNull(e.currentTarget.value))}
        maw={260}
      />
    </Section>
  );
}
