import { ActionIcon, Alert, Anchor, Badge, Button, Card, Center, Checkbox, Grid, Loader, Group, List, MultiSelect, NumberInput, RingProgress, SegmentedControl, Select, SimpleGrid, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { call } from '../../api';
import { navigate, setLeaveGuard, useLeaveGuard } from '../../app/routes';
import { limit } from '../../components/limits';
import { PageTitle } from '../../components/PageHeader';
import { SaveBar } from '../../components/SaveBar';
import { SectionIndex } from '../../components/SectionIndex';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors, issuesOf } from '../../components/errors';
import { HistoryTable } from '../../components/HistoryTable';
import { useApi } from '../../hooks/useApi';
import { RecordSelect } from '../../components/RecordSelect';
import type { MethodOutput } from '../../../src-main/api/contract';
import { scoreColor } from './RegisterPage';
import { Section } from '../../components/Section';
import { articleRef } from '../../../src-main/domain/register/article-ref';

type Activity = MethodOutput<'register.get'>['activity'];

/** Article references of each section, as a French DPO writes them (« art. 30, § 1, a) ») and in English. */
const ART: Record<string, { fr: string; en: string }> = {
  general: { fr: 'art. 30, § 1, a)', en: 'Art. 30(1)(a)' },
  clients: { fr: 'art. 30, § 2, a)', en: 'Art. 30(2)(a)' },
  purposes: { fr: 'art. 30, § 1, b) ; art. 6 ; art. 9, § 2', en: 'Art. 30(1)(b), 6, 9(2)' },
  subjects: { fr: 'art. 30, § 1, c)', en: 'Art. 30(1)(c)' },
  categories: { fr: 'art. 30, § 1, c) et f)', en: 'Art. 30(1)(c), (f)' },
  recipients: { fr: 'art. 30, § 1, d)', en: 'Art. 30(1)(d)' },
  processors: { fr: 'art. 28 ; art. 30, § 1, d)', en: 'Art. 28, 30(1)(d)' },
  transfers: { fr: 'art. 30, § 1, e) ; art. 44 à 49', en: 'Art. 30(1)(e), 44–49' },
  security: { fr: 'art. 30, § 1, g) ; art. 32', en: 'Art. 30(1)(g), 32' },
  dpia: { fr: 'art. 35', en: 'Art. 35' },
  processing: { fr: 'art. 30, § 2, b)', en: 'Art. 30(2)(b)' },
};

type Check = MethodOutput<'register.check'>;
type Vocab = MethodOutput<'reference.register'>;
type Period = NonNullable<Activity['dataCategories'][number]['retention']>['activePeriod'];

const EMPTY: Activity = {
  name: '',
  reference: '',
  role: 'controller',
  clientControllers: [],
  purposes: [{ description: '', legalBasis: null }],
  dataSubjects: [],
  dataCategories: [],
  sources: [],
  recipients: [],
  processors: [],
  transfers: [],
  securityMeasures: { catalogue: [] },
  dpia: { criteria: [], cnilListItems: [], art35_3: [] },
  status: 'draft',
} as Activity;

function PeriodInput({ label, value, onChange, optional }: { label: string; value: Period | undefined; onChange: (p: Period | undefined) => void; optional?: boolean }) {
  const { t } = useTranslation();
  const isEvent = value !== undefined && 'kind' in value;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <SegmentedControl
          size="xs"
          value={value === undefined ? 'none' : isEvent ? 'event' : 'duration'}
          onChange={(v) => onChange(v === 'none' ? undefined : v === 'event' ? { kind: 'event', description: '' } : { value: 1, unit: 'years' })}
          data={[...(optional ? [{ value: 'none', label: t('editor.none') }] : []), { value: 'duration', label: t('editor.duration') }, { value: 'event', label: t('editor.event') }]}
        />
      </Group>
      {value !== undefined &&
        ('kind' in value ? (
          <TextInput placeholder={t('editor.eventPlaceholder')} value={value.description} onChange={(e) => onChange({ kind: 'event', description: e.currentTarget.value })} />
        ) : (
          <Group grow>
            <NumberInput min={1} value={value.value} onChange={(v) => onChange({ ...value, value: Math.max(1, Math.round(Number(v) || 1)) })} aria-label={label} />
            <Select
              value={value.unit}
              onChange={(u) => u && onChange({ ...value, unit: u as 'days' | 'months' | 'years' })}
              data={['days', 'months', 'years'].map((u) => ({ value: u, label: t(`editor.units.${u}`) }))}
            />
          </Group>
        ))}
    </Stack>
  );
}

export function ActivityEditor({ id }: { id?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const vocab = useApi('reference.register', {});
  const countries = useApi('reference.countries', {});
  const loaded = useApi('register.get', { id: id ?? '' }, [id]);
  const [draft, setDraft] = useState<Activity>(EMPTY);
  const [saved, setSaved] = useState<Activity>(EMPTY);
  const [check, setCheck] = useState<Check>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (id && loaded.data) {
      setDraft(loaded.data.activity);
      setSaved(loaded.data.activity);
    }
  }, [id, loaded.data]);

  useEffect(() => {
    const timer = setTimeout(() => {
      call('register.check', { activity: draft, ...(id ? { id } : {}) }).then(setCheck, () => undefined);
    }, 250);
    return () => clearTimeout(timer);
  }, [draft, id]);

  const v: Vocab = vocab.data ?? {};
  const opts = (key: string) => (v[key] ?? []).map((e) => ({ value: e.id, label: e.article ? `${e.label[lang]} — ${articleRef(e.article, lang)}` : e.label[lang] }));
  const fromVendorFile = (loaded.data?.links.processors ?? []).filter((p) => p.kind === 'linked' && p.index === null && !draft.processors.some((d) => d.vendorId === p.vendorId));
  const vendorTransfers = (loaded.data?.links.transfers ?? []).filter((tr) => tr.source === 'vendor');
  const countryOpts = useMemo(() => (countries.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.name[lang]} (${c.code})` })), [countries.data, lang]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const set = <K extends keyof Activity>(k: K, value: Activity[K]) => setDraft((d) => ({ ...d, [k]: value }));
  const setItem = <K extends 'purposes' | 'dataCategories' | 'recipients' | 'processors' | 'transfers' | 'clientControllers' | 'sources'>(k: K, i: number, patch: Partial<Activity[K][number]>) =>
    setDraft((d) => ({ ...d, [k]: (d[k] as Array<Activity[K][number]>).map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  const removeItem = (k: 'purposes' | 'dataCategories' | 'recipients' | 'processors' | 'transfers' | 'clientControllers' | 'sources', i: number) => setDraft((d) => ({ ...d, [k]: (d[k] as unknown[]).filter((_, j) => j !== i) }));
  // Each field's problem in the person's language, keyed by path ("purposes.0.label") and by name.
  const issuePaths = useMemo(() => fieldErrors(t, issuesOf(error)), [error, t]);

  async function save(): Promise<boolean> {
    setSaving(true);
    setError(undefined);
    try {
      if (id) {
        await call('register.update', { id, activity: draft });
        await loaded.reload();
      } else {
        const r = await call('register.create', { activity: draft });
        // Saved: opening the new record is not "leaving unsaved work".
        setLeaveGuard(null);
        navigate('register', r.id);
      }
      notifications.show({ color: 'teal', title: t('editor.saved'), message: draft.name });
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setSaving(false);
    }
  }
  useLeaveGuard(id ? dirty : dirty && draft.name.trim() !== '', save);

  async function remove() {
    if (!id) return;
    try {
      await call('register.delete', { id });
      notifications.show({ color: 'gray', title: t('editor.trashed'), message: t('editor.trashedHelp') });
      navigate('register');
    } catch (e) {
      setError(e);
    }
  }

  if (id && loaded.error) return <ErrorAlert error={loaded.error} />;
  const isProcessor = draft.role === 'processor';
  const score = check?.completeness.score ?? 0;
  const nextCatId = () => `cat-${draft.dataCategories.reduce((m, c) => Math.max(m, Number(/(\d+)$/.exec(c.id)?.[1] ?? 0)), 0) + 1}`;

  const form = (
    <Stack gap="lg">
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

      {isProcessor && (
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
      )}

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

      {!isProcessor && (
        <Section title={t('editor.dataSubjects')} article={ART['subjects'][lang]}>
          <MultiSelect searchable value={draft.dataSubjects} onChange={(x) => set('dataSubjects', x)} data={[...opts('dataSubjects'), ...draft.dataSubjects.filter((d) => !(v.dataSubjects ?? []).some((e) => e.id === d)).map((d) => ({ value: d, label: d }))]} data-testid="activity-subjects" />
        </Section>
      )}

      <Section
        title={t('editor.dataCategories')}
        article={ART['categories'][lang]}
        action={
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('dataCategories', [...draft.dataCategories, { id: nextCatId(), label: '', family: null, special: null, retention: null }])} data-testid="add-category">
            {t('editor.add')}
          </Button>
        }
      >
        {draft.dataCategories.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('editor.noCategories')}
          </Text>
        )}
        {draft.dataCategories.map((c, i) => (
          <Card key={c.id} withBorder padding="sm" bg="var(--mantine-color-default-hover)">
            <Group align="start" wrap="nowrap">
              <Stack gap="xs" style={{ flex: 1 }}>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <TextInput label={t('editor.categoryLabel')} value={c.label} onChange={(e) => setItem('dataCategories', i, { label: e.currentTarget.value })} data-testid={`category-${i}-label`} />
                  <Select label={t('editor.family')} clearable value={c.family ?? null} onChange={(f) => setItem('dataCategories', i, { family: (f ?? null) as never })} data={opts('families')} />
                  <Select label={t('editor.special')} clearable value={c.special ?? null} onChange={(f) => setItem('dataCategories', i, { special: (f ?? null) as never })} data={opts('specialCategories')} />
                </SimpleGrid>
                <Checkbox
                  label={t('editor.hasRetention')}
                  checked={c.retention !== null}
                  onChange={(e) => setItem('dataCategories', i, { retention: e.currentTarget.checked ? { activePeriod: { value: 1, unit: 'years' }, activeTrigger: '', finalFate: 'deletion' } : null })}
                  data-testid={`category-${i}-retention`}
                />
                {c.retention && (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <PeriodInput label={t('editor.activePeriod')} value={c.retention.activePeriod} onChange={(p) => p && setItem('dataCategories', i, { retention: { ...c.retention!, activePeriod: p } })} />
                    <TextInput label={t('editor.trigger')} value={c.retention.activeTrigger} onChange={(e) => setItem('dataCategories', i, { retention: { ...c.retention!, activeTrigger: e.currentTarget.value } })} />
                    <PeriodInput optional label={t('editor.intermediatePeriod')} value={c.retention.intermediatePeriod} onChange={(p) => setItem('dataCategories', i, { retention: { ...c.retention!, intermediatePeriod: p } })} />
                    <Select label={t('editor.finalFate')} value={c.retention.finalFate} onChange={(f) => f && setItem('dataCategories', i, { retention: { ...c.retention!, finalFate: f as never } })} data={opts('finalFates')} />
                    <TextInput label={t('editor.legalReference')} value={c.retention.legalReference ?? ''} onChange={(e) => setItem('dataCategories', i, { retention: { ...c.retention!, legalReference: e.currentTarget.value } })} />
                  </SimpleGrid>
                )}
              </Stack>
              <ActionIcon variant="subtle" color="red" mt={24} onClick={() => removeItem('dataCategories', i)} aria-label={t('editor.remove')}>
                <IconX size={16} />
              </ActionIcon>
            </Group>
          </Card>
        ))}
      </Section>

      {!isProcessor && (
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
      )}

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

      <Section title={t('editor.processors')} article={ART['processors'][lang]} action={<Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('processors', [...draft.processors, { name: '' }])}>{t('editor.add')}</Button>}>
        {draft.processors.map((p, i) => (
          <Stack key={i} gap={4}>
            <Group align="end" wrap="nowrap">
              <RecordSelect
                method="vendors.list"
                format={(x) => x.name}
                style={{ flex: 1 }}
                label={t('editorLinks.vendor')}
                placeholder={t('editorLinks.vendorPlaceholder')}
                value={p.vendorId ?? null}
                onChange={(x, item) => setItem('processors', i, x ? { vendorId: x, name: item?.name ?? p.name ?? '' } : { vendorId: undefined })}
                gone={{ label: `${p.name || p.vendorId} — ${t('editorLinks.vendorGone')}`, error: t('editorLinks.vendorGone') }}
              />
              <TextInput style={{ flex: 1 }} label={t('editorLinks.detail')} value={p.detail ?? ''} onChange={(e) => setItem('processors', i, { detail: e.currentTarget.value })} />
              {p.vendorId && (
                <Anchor size="sm" onClick={() => navigate('vendors', p.vendorId)}>
                  {t('editorLinks.open')}
                </Anchor>
              )}
              <ActionIcon variant="subtle" color="red" onClick={() => removeItem('processors', i)} aria-label={t('editor.remove')}>
                <IconX size={16} />
              </ActionIcon>
            </Group>
            {!p.vendorId && p.name && (
              <Text size="xs" c="orange" data-testid="processor-not-linked">
                {t('editorLinks.notLinked', { name: p.name })}
              </Text>
            )}
          </Stack>
        ))}
        {fromVendorFile.length > 0 && (
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t('editorLinks.fromVendorFile')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('editorLinks.fromVendorFileHelp')}
            </Text>
            {fromVendorFile.map((p) => (
              <Anchor key={p.vendorId} size="sm" onClick={() => navigate('vendors', p.vendorId)}>
                {p.name}
              </Anchor>
            ))}
          </Stack>
        )}
      </Section>

      <Section title={t('editor.transfers')} article={ART['transfers'][lang]} action={<Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('transfers', [...draft.transfers, { recipient: '', country: 'US', tool: null }])}>{t('editor.add')}</Button>}>
        {draft.transfers.map((tr, i) => (
          <Group key={i} align="end" wrap="nowrap">
            <TextInput style={{ flex: 1 }} label={t('editor.transferRecipient')} value={tr.recipient} onChange={(e) => setItem('transfers', i, { recipient: e.currentTarget.value })} />
            <Select searchable label={t('transfer.country')} value={tr.country} onChange={(x) => x && setItem('transfers', i, { country: x })} data={countryOpts} w={220} />
            <Select clearable label={t('editor.transferTool')} value={tr.tool ?? null} onChange={(x) => setItem('transfers', i, { tool: (x ?? null) as never })} data={opts('transferTools')} w={260} />
            {tr.tool === 'derogation' && <Select label={t('editor.derogation')} value={tr.derogation ?? null} onChange={(x) => setItem('transfers', i, { derogation: (x ?? null) as never })} data={opts('derogations')} w={240} />}
            <ActionIcon variant="subtle" color="red" onClick={() => removeItem('transfers', i)} aria-label={t('editor.remove')}>
              <IconX size={16} />
            </ActionIcon>
          </Group>
        ))}
        {vendorTransfers.length > 0 && (
          <Stack gap={2} data-testid="vendor-transfers">
            <Text size="sm" fw={500}>
              {t('editorLinks.vendorTransfers')}
            </Text>
            <List size="sm">
              {vendorTransfers.map((tr, i) => (
                <List.Item key={i}>
                  {tr.recipient} — {tr.countryName[lang]} — {tr.toolLabel?.[lang] ?? t('editorLinks.notSet')} (
                  <Anchor size="sm" onClick={() => navigate('vendors', tr.vendorId)}>
                    {t('editorLinks.via', { name: tr.vendorName })}
                  </Anchor>
                  )
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Section>

      <Section title={t('editor.security')} article={ART['security'][lang]}>
        <Checkbox.Group value={draft.securityMeasures.catalogue} onChange={(x) => set('securityMeasures', { ...draft.securityMeasures, catalogue: x as never })}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing={6}>
            {(v.securityMeasures ?? []).map((m) => (
              <Checkbox key={m.id} value={m.id} label={m.label[lang]} data-testid={`security-${m.id}`} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Textarea label={t('editor.securityOther')} autosize minRows={2} value={draft.securityMeasures.other ?? ''} onChange={(e) => set('securityMeasures', { ...draft.securityMeasures, other: e.currentTarget.value })} />
      </Section>

      <Section title={t('editor.dpia')} article={ART['dpia'][lang]}>
        {check && (
          <Alert color={check.dpia.result === 'required' ? 'red' : check.dpia.result === 'likely' ? 'orange' : check.dpia.result === 'to-examine' ? 'yellow' : 'teal'} title={t(`editor.dpiaResult.${check.dpia.result}`)} data-testid="dpia-result" data-result={check.dpia.result}>
            <List size="sm">
              {check.dpia.reasons[lang].map((r, k) => (
                <List.Item key={k}>{r}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Text size="sm" fw={600}>
          {t('editor.wp248')}
        </Text>
        <Checkbox.Group value={draft.dpia.criteria} onChange={(x) => set('dpia', { ...draft.dpia, criteria: x as never })}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6}>
            {(v.wp248 ?? []).map((m) => (
              <Checkbox key={m.id} value={m.id} label={m.label[lang]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <MultiSelect label={t('editor.cnilList')} value={draft.dpia.cnilListItems} onChange={(x) => set('dpia', { ...draft.dpia, cnilListItems: x as never })} data={opts('cnilDpia')} />
        <MultiSelect label={t('editor.art35_3')} value={draft.dpia.art35_3} onChange={(x) => set('dpia', { ...draft.dpia, art35_3: x as never })} data={opts('art35_3')} />
        <Group>
          <Checkbox label={t('editor.dpiaDone')} checked={Boolean(draft.dpia.done)} onChange={(e) => set('dpia', { ...draft.dpia, done: e.currentTarget.checked })} />
          <DateField label={t('editor.dpiaDoneOn')} value={draft.dpia.doneOn ?? ''} onChange={(e) => set('dpia', { ...draft.dpia, doneOn: e.currentTarget.value || undefined })} />
        </Group>
        <Textarea label={t('editor.dpiaNote')} autosize minRows={2} value={draft.dpia.note ?? ''} onChange={(e) => set('dpia', { ...draft.dpia, note: e.currentTarget.value })} />
      </Section>
    </Stack>
  );

  return (
    <>
      <Group justify="space-between" mb="lg" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <ActionIcon variant="default" size="lg" onClick={() => navigate('register')} aria-label={t('editor.back')}>
            <IconArrowLeft size={18} />
          </ActionIcon>
          <div style={{ minWidth: 0 }}>
            <PageTitle>{draft.name || t('editor.newTitle')}</PageTitle>
            <Text size="sm" c="dimmed">
              {draft.reference || t('editor.referenceAuto')} · {t(`register.roles.${draft.role}`)}
            </Text>
          </div>
        </Group>
        <Group wrap="nowrap" style={{ flexShrink: 0 }}>
          {id && (
            <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => void remove()} data-testid="activity-trash">
              {t('editor.moveToTrash')}
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert error={error} />
      <Grid gap="lg" mt="sm">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {id ? (
            <Tabs defaultValue="record" keepMounted={false}>
              <Tabs.List mb="md">
                <Tabs.Tab value="record">{t('editor.record')}</Tabs.Tab>
                <Tabs.Tab value="history" data-testid="tab-history">
                  {t('editor.history')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="record">{form}</Tabs.Panel>
              <Tabs.Panel value="history">
                <Card withBorder padding="lg">
                  <HistoryTable table="activities" rowId={id} />
                </Card>
              </Tabs.Panel>
            </Tabs>
          ) : (
            form
          )}
          <SaveBar
            dirty={dirty}
            saving={saving}
            onSave={() => void save()}
            onDiscard={id ? () => setDraft(saved) : undefined}
            disabled={id ? !dirty : !draft.name.trim()}
            saveLabel={id ? t('common.save') : t('editor.create')}
            testId="activity-save"
            newRecord={!id}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <div style={{ position: 'sticky', top: 72, maxHeight: 'calc(100vh - 88px)', overflowY: 'auto' }}>
            <SectionIndex deps={[draft.role, id]} />
            <Card withBorder padding="lg" data-testid="completeness-panel" data-score={check ? score : undefined}>
            <Group mb="sm">
              <RingProgress size={88} thickness={9} sections={[{ value: score, color: scoreColor(score) }]} label={check ? <Text ta="center" fw={700} data-testid="completeness-score">{score}</Text> : <Center><Loader size="xs" /></Center>} />
              <div>
                <Title order={4}>{t('register.completeness')}</Title>
                <Text size="xs" c="dimmed">
                  {t('editor.completenessHelp')}
                </Text>
              </div>
            </Group>
            <Stack gap={6} mah="60vh" style={{ overflowY: 'auto' }}>
              {(check?.completeness.issues ?? []).map((iss, k) => (
                <Group key={k} gap={6} wrap="nowrap" align="start" data-testid="completeness-issue" data-code={iss.code}>
                  <Badge size="xs" color={iss.severity === 'error' ? 'red' : 'yellow'} mt={3} tt="none" style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
                    {articleRef(iss.article, lang)}
                  </Badge>
                  <Text size="sm">{iss.message[lang]}</Text>
                </Group>
              ))}
              {check && check.completeness.issues.length === 0 && (
                <Text size="sm" c="teal">
                  {t('editor.complete')}
                </Text>
              )}
            </Stack>
            {dirty && id && (
              <Anchor size="xs" mt="sm" onClick={() => setDraft(saved)}>
                {t('editor.discard')}
              </Anchor>
            )}
          </Card>
          </div>
        </Grid.Col>
      </Grid>
    </>
  );
}
