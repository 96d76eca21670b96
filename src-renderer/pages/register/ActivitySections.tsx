import { ActionIcon, Button, Card, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/Section';
import { DateField } from '../../components/DateField';
import { limit } from '../../components/limits';
import { ART, type Activity, type ActivitySectionProps } from './activity-form';

// The activity editor's sections on who processes what and why (art. 30(1)(a) to (d)).

/** Name, reference, role, status, owner and review date (art. 30(1)(a)). */
export function GeneralSection({ form, ctx }: ActivitySectionProps) {
  const { t } = useTranslation();
  const { draft, set } = form;
  const { lang, opts, issuePaths } = ctx;
  return (
    <Section title={t('editor.general')} article={ART['general'][lang]}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('register.name')} required value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={issuePaths.name} data-testid="activity-name" {...limit(draft.name, 200)} />
        <TextInput label={t('register.reference')} placeholder={t('editor.referenceAuto')} value={draft.reference} onChange={(e) => set('reference', e.currentTarget.value)} data-testid="activity-reference" {...limit(draft.reference, 40)} />
        <Select label={t('register.role')} value={draft.role} onChange={(r) => r && set('role', r as Activity['role'])} data={opts('roles')} data-testid="activity-role" />
        <Select label={t('register.status')} value={draft.status} onChange={(s) => s && set('status', s as Activity['status'])} data={opts('statuses')} />
        <TextInput label={t('editor.owner')} value={draft.owner ?? ''} onChange={(e) => set('owner', e.currentTarget.value)} {...limit(draft.owner, 200)} />
        <TextInput label={t('editor.department')} value={draft.department ?? ''} onChange={(e) => set('department', e.currentTarget.value)} />
        <DateField label={t('editor.reviewDate')} value={draft.reviewDate ?? ''} onChange={(e) => set('reviewDate', e.currentTarget.value || undefined)} />
        {draft.role === 'joint-controller' && <TextInput label={t('editor.jointController')} value={draft.jointControllerName ?? ''} onChange={(e) => set('jointControllerName', e.currentTarget.value)} />}
      </SimpleGrid>
    </Section>
  );
}

/** The controllers a processor acts for (art. 30(2)(a)). */
export function ClientsSection({ form, ctx }: ActivitySectionProps) {
  const { t } = useTranslation();
  const { draft, set, setItem, removeItem } = form;
  const { lang } = ctx;
  return (
    <Section title={t('editor.clients')} article={ART['clients'][lang]} action={<Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('clientControllers', [...draft.clientControllers, { name: '', contact: '' }])}>{t('editor.add')}</Button>}>
      {draft.clientControllers.map((c, i) => (
        <Card key={i} withBorder padding="sm" bg="var(--mantine-color-default-hover)">
          <Group align="start" wrap="nowrap">
            <SimpleGrid cols={{ base: 1, sm: 2 }} style={{ flex: 1 }}>
              <TextInput label={t('editor.clientName')} value={c.name} onChange={(e) => setItem('clientControllers', i, { name: e.currentTarget.value })} />
              <TextInput label={t('editor.clientContact')} value={c.contact} onChange={(e) => setItem('clientControllers', i, { contact: e.currentTarget.value })} />
              <TextInput label={t('editor.clientRepresentative')} value={c.representative ?? ''} onChange={(e) => setItem('clientControllers', i, { representative: e.currentTarget.value })} />
              <TextInput label={t('editor.clientDpo')} value={c.dpo ?? ''} onChange={(e) => setItem('clientControllers', i, { dpo: e.currentTarget.value })} />
              <NumberInput
                label={t('editorLinks.clientBreachHours')}
                description={t('editorLinks.clientBreachHoursHelp')}
                min={1}
                max={720}
                allowDecimal={false}
                value={c.breachNotificationHours ?? ''}
                onChange={(v) => setItem('clientControllers', i, { breachNotificationHours: typeof v === 'number' && v >= 1 ? Math.round(v) : null })}
                data-testid={`client-breach-hours-${i}`}
              />
            </SimpleGrid>
            <ActionIcon variant="subtle" color="red" mt={24} onClick={() => removeItem('clientControllers', i)} aria-label={t('editor.remove')}>
              <IconX size={16} />
            </ActionIcon>
          </Group>
        </Card>
      ))}
    </Section>
  );
}

/** Purposes and legal bases, or the categories of processing for a processor (art. 30(1)(b), 30(2)(b)). */
export function PurposesSection({ form, ctx }: ActivitySectionProps) {
  const { t } = useTranslation();
  const { draft, set, setItem, removeItem } = form;
  const { lang, opts, isProcessor } = ctx;
  return (
    <Section title={isProcessor ? t('editorLinks.processingCategories') : t('editor.purposes')} article={isProcessor ? ART['processing']![lang] : ART['purposes']![lang]} action={<Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('purposes', [...draft.purposes, { description: '', legalBasis: null }])} data-testid="add-purpose">{t('editor.add')}</Button>}>
      {draft.purposes.map((p, i) => (
        <Card key={i} withBorder padding="sm" bg="var(--mantine-color-default-hover)">
          <Group align="start" wrap="nowrap">
            <Stack gap="xs" style={{ flex: 1 }}>
              <TextInput label={isProcessor ? t('editorLinks.processingCategory') : t('editor.purpose')} value={p.description} onChange={(e) => setItem('purposes', i, { description: e.currentTarget.value })} data-testid={`purpose-${i}-description`} />
              {/* Art. 30(2): the legal basis is the client controller's record, not the processor's. */}
              {!isProcessor && <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select label={t('editor.legalBasis')} clearable value={p.legalBasis ?? null} onChange={(b) => setItem('purposes', i, { legalBasis: (b ?? null) as never })} data={opts('legalBases')} data-testid={`purpose-${i}-basis`} />
                <Select label={t('editor.art9')} clearable value={p.art9Condition ?? null} onChange={(b) => setItem('purposes', i, { art9Condition: (b ?? null) as never })} data={opts('art9Conditions')} />
              </SimpleGrid>}
              {!isProcessor && p.legalBasis === 'legitimate-interests' && <TextInput label={t('editor.legitimateInterest')} value={p.legitimateInterest ?? ''} onChange={(e) => setItem('purposes', i, { legitimateInterest: e.currentTarget.value })} />}
            </Stack>
            <ActionIcon variant="subtle" color="red" mt={24} onClick={() => removeItem('purposes', i)} aria-label={t('editor.remove')}>
              <IconX size={16} />
            </ActionIcon>
          </Group>
        </Card>
      ))}
    </Section>
  );
}

/** The categories of data subjects (art. 30(1)(c)). */
export function DataSubjectsSection({ form, ctx }: ActivitySectionProps) {
  const { t } = useTranslation();
  const { draft, set } = form;
  const { lang, vocab: v, opts } = ctx;
  return (
    <Section title={t('editor.dataSubjects')} article={ART['subjects'][lang]}>
      <MultiSelect searchable value={draft.dataSubjects} onChange={(x) => set('dataSubjects', x)} data={[...opts('dataSubjects'), ...draft.dataSubjects.filter((d) => !(v.dataSubjects ?? []).some((e) => e.id === d)).map((d) => ({ value: d, label: d }))]} data-testid="activity-subjects" />
    </Section>
  );
}

/** Where the data comes from. */
export function SourcesSection({ form, ctx }: ActivitySectionProps) {
  const { t } = useTranslation();
  const { draft, set, setItem, removeItem } = form;
  const { opts } = ctx;
  return (
    <Section title={t('editor.sources')} action={<Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('sources', [...draft.sources, { kind: 'direct', detail: '' }])}>{t('editor.add')}</Button>}>
      {draft.sources.map((src, i) => (
        <Group key={i} align="end" wrap="nowrap">
          <Select label={t('editor.sourceKind')} value={src.kind} onChange={(x) => x && setItem('sources', i, { kind: x as 'direct' | 'indirect' })} data={opts('sourceKinds')} w={300} />
          <TextInput style={{ flex: 1 }} label={t('editor.sourceDetail')} value={src.detail} onChange={(e) => setItem('sources', i, { detail: e.currentTarget.value })} />
          <ActionIcon variant="subtle" color="red" onClick={() => removeItem('sources', i)} aria-label={t('editor.remove')}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
    </Section>
  );
}

/** The recipients (art. 30(1)(d)). */
export function RecipientsSection({ form, ctx }: ActivitySectionProps) {
  const { t } = useTranslation();
  const { draft, set, setItem, removeItem } = form;
  const { lang, opts } = ctx;
  return (
    <Section title={t('editor.recipients')} article={ART['recipients'][lang]} action={<Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('recipients', [...draft.recipients, { type: 'internal-service', name: '' }])}>{t('editor.add')}</Button>}>
      {draft.recipients.map((r, i) => (
        <Group key={i} align="end" wrap="nowrap">
          <Select label={t('editor.recipientType')} value={r.type} onChange={(x) => x && setItem('recipients', i, { type: x as never })} data={opts('recipientTypes')} w={260} />
          <TextInput style={{ flex: 1 }} label={t('editor.recipientName')} value={r.name} onChange={(e) => setItem('recipients', i, { name: e.currentTarget.value })} />
          <ActionIcon variant="subtle" color="red" onClick={() => removeItem('recipients', i)} aria-label={t('editor.remove')}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
    </Section>
  );
}
