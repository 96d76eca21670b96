import { Badge, Card, Checkbox, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { limit } from '../../components/limits';
import { useApi } from '../../hooks/useApi';
import { useRecordOptions } from '../../hooks/useRecordOptions';
import type { EditorDraft } from '../../hooks/useEditorDraft';
import { useUiLanguage } from '../../hooks/useUiLanguage';
import { taskLabel } from '../../../src-main/domain/requests/tasks';
import { CHANNELS, RIGHTS, formatDay, type CaseData, type CaseDetail } from './common';

// The sections of a case's details form (CaseDetailsForm lays them out and holds the draft).

export type CaseForm = EditorDraft<CaseData>;
export interface CaseSectionProps {
  form: CaseForm;
  data: CaseDetail;
}

const date = (v: string) => (v ? v : null);

/** Who asks, and their representative's mandate. */
export function RequesterSection({ form }: CaseSectionProps) {
  const { t } = useTranslation();
  const { draft, update: set } = form;
  return (
    <Card withBorder padding="md">
      <Title order={5} mb="sm">
        {t('dsar.section.requester')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <TextInput label={t('dsar.field.name')} value={draft.requester.name} onChange={(e) => set({ requester: { ...draft.requester, name: e.currentTarget.value } })} {...limit(draft.requester.name, 200)} />
        <TextInput label={t('dsar.field.email')} value={draft.requester.email ?? ''} onChange={(e) => set({ requester: { ...draft.requester, email: e.currentTarget.value } })} {...limit(draft.requester.email, 200)} />
        <TextInput label={t('dsar.field.phone')} value={draft.requester.phone ?? ''} onChange={(e) => set({ requester: { ...draft.requester, phone: e.currentTarget.value } })} {...limit(draft.requester.phone, 60)} />
        <TextInput label={t('dsar.field.address')} value={draft.requester.address ?? ''} onChange={(e) => set({ requester: { ...draft.requester, address: e.currentTarget.value } })} {...limit(draft.requester.address, 500)} />
        <TextInput label={t('dsar.field.repName')} value={draft.requester.representative?.name ?? ''} onChange={(e) => set({ requester: { ...draft.requester, representative: e.currentTarget.value ? { ...draft.requester.representative, name: e.currentTarget.value } : null } })} />
        <DateField
          label={t('dsar.field.mandateOn')}
          disabled={!draft.requester.representative}
          value={draft.requester.representative?.mandateReceivedOn ?? ''}
          onChange={(e) => draft.requester.representative && set({ requester: { ...draft.requester, representative: { ...draft.requester.representative, mandateReceivedOn: date(e.currentTarget.value) } } })}
        />
      </SimpleGrid>
    </Card>
  );
}

/** The rights exercised, the channel, the day (and hour) of receipt and the calendar that applies. */
export function RequestSection({ form, data }: CaseSectionProps) {
  const { t } = useTranslation();
  const { draft, update: set } = form;
  const lang = useUiLanguage();
  const jurisdictions = useApi('reference.jurisdictions', {});
  return (
    <Card withBorder padding="md">
      <Title order={5} mb="sm">
        {t('dsar.section.request')}
      </Title>
      <Checkbox.Group value={draft.rights} onChange={(v) => v.length && set({ rights: v as CaseData['rights'] })} label={t('dsar.rightsLabel')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="xs">
          {RIGHTS.map((r) => (
            <Checkbox key={r} value={r} label={t(`dsar.rights.${r}`)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      {draft.rights.includes('objection') && (
        <Select
          mt="sm"
          w={320}
          label={t('dsar.field.objectionGround')}
          value={draft.objectionGround ?? null}
          onChange={(v) => set({ objectionGround: v as CaseData['objectionGround'] })}
          data={[
            { value: 'marketing', label: t('dsar.ground.marketing') },
            { value: 'legitimate-interest', label: t('dsar.ground.legitimate-interest') },
          ]}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mt="md">
        <Select label={t('dsar.field.channel')} value={draft.channel} allowDeselect={false} onChange={(v) => v && set({ channel: v as CaseData['channel'] })} data={CHANNELS.map((c) => ({ value: c, label: t(`dsar.channels.${c}`) }))} />
        <DateField label={t('dsar.field.receivedOn')} value={draft.receivedOn} onChange={(e) => set({ receivedOn: e.currentTarget.value })} data-testid="case-received" />
        <TextInput type="time" label={t('dsar.field.receivedTime')} description={draft.receivedZone ?? undefined} value={draft.receivedTime ?? ''} onChange={(e) => set({ receivedTime: e.currentTarget.value || null })} />
        <Select
          label={t('dsar.field.jurisdiction')}
          description={t('dsar.field.jurisdictionHelp')}
          searchable
          clearable
          placeholder={t('dsar.field.jurisdictionProfile', { code: data.summary.jurisdiction })}
          value={draft.jurisdiction ?? null}
          onChange={(v) => set({ jurisdiction: v })}
          data={(jurisdictions.data?.items ?? []).map((j) => ({ value: j.code, label: `${j.code} — ${j.name[lang]}` }))}
        />
      </SimpleGrid>
    </Card>
  );
}

/** Proof of identity asked and received (the clock waits for it when it is needed). */
export function IdentitySection({ form }: CaseSectionProps) {
  const { t } = useTranslation();
  const { draft, update: set } = form;
  return (
    <Card withBorder padding="md" data-testid="case-identity">
      <Title order={5} mb={4}>
        {t('dsar.section.identity')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('dsar.identityHelp')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <DateField label={t('dsar.field.identityRequestedOn')} value={draft.identity.requestedOn ?? ''} onChange={(e) => set({ identity: { ...draft.identity, requestedOn: date(e.currentTarget.value) } })} data-testid="case-identity-requested" />
        <TextInput label={t('dsar.field.identityMethod')} value={draft.identity.method ?? ''} onChange={(e) => set({ identity: { ...draft.identity, method: e.currentTarget.value } })} {...limit(draft.identity.method, 300)} />
        <DateField label={t('dsar.field.identityReceivedOn')} value={draft.identity.receivedOn ?? ''} onChange={(e) => set({ identity: { ...draft.identity, receivedOn: date(e.currentTarget.value) } })} data-testid="case-identity-received" />
        <Select
          label={t('dsar.field.identityOutcome')}
          clearable
          value={draft.identity.outcome ?? null}
          onChange={(v) => set({ identity: { ...draft.identity, outcome: v as CaseData['identity']['outcome'] } })}
          data={(['pending', 'verified', 'not-needed', 'failed'] as const).map((o) => ({ value: o, label: t(`dsar.identityOutcomes.${o}`) }))}
        />
      </SimpleGrid>
    </Card>
  );
}

/** The extension by two more months: decided, notified within the first month, and why (art. 12(3)). */
export function ExtensionSection({ form, data }: CaseSectionProps) {
  const { t } = useTranslation();
  const { draft, update: set } = form;
  const lang = useUiLanguage();
  return (
    <Card withBorder padding="md" data-testid="case-extension">
      <Title order={5} mb={4}>
        {t('dsar.section.extension')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('dsar.extensionHelp', { date: formatDay(data.deadlines.extensionNoticeBy, lang) })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField label={t('dsar.field.extensionDecidedOn')} value={draft.extension.decidedOn ?? ''} onChange={(e) => set({ extension: { ...draft.extension, decidedOn: date(e.currentTarget.value) } })} data-testid="case-extension-decided" />
        <DateField label={t('dsar.field.extensionNotifiedOn')} value={draft.extension.notifiedOn ?? ''} onChange={(e) => set({ extension: { ...draft.extension, notifiedOn: date(e.currentTarget.value) } })} data-testid="case-extension-notified" />
      </SimpleGrid>
      <Textarea mt="sm" label={t('dsar.field.extensionReasons')} value={draft.extension.reasons ?? ''} onChange={(e) => set({ extension: { ...draft.extension, reasons: e.currentTarget.value } })} {...limit(draft.extension.reasons, 4000)} autosize minRows={2} data-testid="case-extension-reasons" />
    </Card>
  );
}

/** The answer: outcome, reply date and means, reasons for a refusal, fee, recipients informed (art. 19). */
export function OutcomeSection({ form }: CaseSectionProps) {
  const { t } = useTranslation();
  const { draft, update: set } = form;
  const lang = useUiLanguage();
  return (
    <Card withBorder padding="md" data-testid="case-outcome">
      <Title order={5} mb="sm">
        {t('dsar.section.outcome')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('dsar.field.outcome')}
          clearable
          value={draft.outcome.result ?? null}
          onChange={(v) => set({ outcome: { ...draft.outcome, result: v as CaseData['outcome']['result'] } })}
          data={(['fulfilled', 'partly', 'refused', 'no-data', 'transferred'] as const).map((o) => ({ value: o, label: t(`dsar.outcomes.${o}`) }))}
          data-testid="case-outcome-result"
        />
        <DateField label={t('dsar.field.responseSentOn')} value={draft.response.sentOn ?? ''} onChange={(e) => set({ response: { ...draft.response, sentOn: date(e.currentTarget.value) } })} data-testid="case-response-sent" />
        <TextInput label={t('dsar.field.responseHow')} value={draft.response.how ?? ''} onChange={(e) => set({ response: { ...draft.response, how: e.currentTarget.value } })} {...limit(draft.response.how, 200)} />
      </SimpleGrid>
      {(draft.outcome.result === 'refused' || draft.outcome.result === 'partly') && (
        <Textarea mt="sm" label={t('dsar.field.outcomeReasons')} description={t('dsar.outcomeReasonsHelp')} value={draft.outcome.reasons ?? ''} onChange={(e) => set({ outcome: { ...draft.outcome, reasons: e.currentTarget.value } })} {...limit(draft.outcome.reasons, 4000)} autosize minRows={2} required />
      )}
      {(draft.outcome.result === 'refused' || !draft.outcome.result) && (
        <NumberInput
          mt="sm"
          label={t('dsar.field.fee')}
          description={t('dsar.field.feeHelp')}
          min={0}
          decimalScale={2}
          decimalSeparator={lang === 'fr' ? ',' : '.'}
          suffix=" €"
          value={draft.outcome.fee ?? ''}
          onChange={(v) => set({ outcome: { ...draft.outcome, fee: typeof v === 'number' && v > 0 ? v : null } })}
          data-testid="case-outcome-fee"
        />
      )}
      {draft.outcome.result === 'transferred' && (
        <TextInput mt="sm" label={t('dsar.field.transferredTo')} value={draft.outcome.transferredTo ?? ''} onChange={(e) => set({ outcome: { ...draft.outcome, transferredTo: e.currentTarget.value } })} required data-testid="case-outcome-transferred-to" />
      )}
      {draft.rights.some((r) => r === 'rectification' || r === 'erasure' || r === 'restriction') && (
        <TextInput
          mt="sm"
          label={t('dsar.field.recipients')}
          description={t('dsar.field.recipientsHelp')}
          value={(draft.recipients ?? []).join(', ')}
          onChange={(e) => set({ recipients: e.currentTarget.value.split(',').map((x) => x.trim()).filter(Boolean) })}
          data-testid="case-recipients"
        />
      )}
    </Card>
  );
}

/** What the request covers (register activities, systems) and the tasks each right calls for. */
export function ScopeSection({ form, data }: CaseSectionProps) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const { draft, update: set } = form;
  const [activitySearch, setActivitySearch] = useState('');
  const activities = useRecordOptions('register.list', draft.scope.activityIds, activitySearch, (a) => `${a.reference} — ${a.name}`);
  return (
    <Card withBorder padding="md">
      <Title order={5} mb="sm">
        {t('dsar.section.scope')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <MultiSelect
          label={t('dsar.field.activities')}
          searchable
          searchValue={activitySearch}
          onSearchChange={setActivitySearch}
          // The server already matched what was typed (accents aside): no second filter here.
          filter={({ options }) => options}
          value={draft.scope.activityIds}
          onChange={(v) => set({ scope: { ...draft.scope, activityIds: v } })}
          data={activities.options}
          description={activities.more ? t('common.typeToNarrow') : undefined}
          data-testid="case-activities"
        />
        <TagsInput label={t('dsar.field.systems')} description={t('dsar.field.systemsHelp')} value={draft.scope.systems} onChange={(v) => set({ scope: { ...draft.scope, systems: v } })} />
      </SimpleGrid>
      <Title order={6} mt="md" mb="xs">
        {t('dsar.section.tasks')}
      </Title>
      <Stack gap={6} data-testid="case-tasks">
        {draft.tasks.map((task, i) => (
          <Group key={`${task.right}-${task.id}`} gap="xs" wrap="nowrap">
            <Checkbox
              checked={task.done}
              onChange={(e) => {
                const done = e.currentTarget.checked;
                set({ tasks: draft.tasks.map((x, j) => (j === i ? { ...x, done, doneOn: done ? data.today : null } : x)) });
              }}
              // A standard task is stored without words: the catalogue's, in the UI language; a task the DPO wrote keeps hers.
              label={taskLabel(task, lang)}
              data-task={`${task.right}/${task.id}`}
            />
            <Badge size="xs" variant="outline" color="indigo">
              {t(`dsar.rightsShort.${task.right}`)}
            </Badge>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** Free notes on the case. */
export function NotesSection({ form }: CaseSectionProps) {
  const { t } = useTranslation();
  const { draft, update: set } = form;
  return (
    <Card withBorder padding="md">
      <Textarea label={t('dsar.field.notes')} value={draft.notes} onChange={(e) => set({ notes: e.currentTarget.value })} {...limit(draft.notes, 20000)} autosize minRows={3} />
    </Card>
  );
}
