import { ActionIcon, Alert, Anchor, Badge, Button, Card, FileButton, Grid, Group, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Tabs, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconClipboardCheck, IconDownload, IconPlus, IconTrash, IconUpload, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { call } from '../../api';
import { navigate, setLeaveGuard, useLeaveGuard } from '../../app/routes';
import { limit } from '../../components/limits';
import { PageTitle } from '../../components/PageHeader';
import { EraseButton } from '../../components/EraseButton';
import { SaveBar } from '../../components/SaveBar';
import { SectionIndex } from '../../components/SectionIndex';
import { downloadBase64, fileToBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LocalizedError } from '../../components/errors';
import { HistoryTable } from '../../components/HistoryTable';
import { useApi } from '../../hooks/useApi';
import type { MethodOutput } from '../../../src-main/api/contract';
import { TiaWizard, type Transfer } from './TiaWizard';
import { Section } from '../../components/Section';

type Vendor = MethodOutput<'vendors.get'>['vendor'];
type Check = MethodOutput<'vendors.check'>;
type Warning = Check['warnings'][number];

const EMPTY: Vendor = {
  name: '',
  legalEntity: '',
  country: 'FR',
  role: 'processor',
  services: '',
  activityIds: [],
  dataCategories: [],
  hosting: [],
  subProcessors: [],
  certifications: [],
  contract: { dpaSignedOn: null, version: '', file: null },
  art28: {},
  auditRights: { status: 'unknown', notes: '' },
  breachNotificationHours: null,
  reviewCadenceMonths: null,
  nextReviewOn: null,
  risk: null,
  notes: '',
  contacts: [],
  relationshipEndedOn: null,
  transfers: [],
};

const NEW_TRANSFER: Transfer = {
  id: '',
  country: 'US',
  recipient: '',
  tool: null,
  toolReference: '',
  dpfCheckedOn: null,
  sccModule: null,
  sccSignedOn: null,
  derogation: null,
  derogationReason: '',
  measures: { technical: '', contractual: '', organisational: '' },
  tia: null,
};

/** Same limit as the service (CONTRACT_FILE_MAX_BYTES); checked here too so a huge file never crosses the bridge. */
const CONTRACT_MAX_BYTES = 10 * 1024 * 1024;

const SEVERITY_COLOR = { error: 'red', warning: 'yellow', info: 'blue' } as const;
const ART28_COLOR = { present: 'teal', partial: 'yellow', missing: 'red' } as const;

const dateOrNull = (v: string) => (v ? v : null);

export function VendorEditor({ id }: { id?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const ref = useApi('vendors.reference', {});
  const activities = useApi('register.list', {});
  const vendors = useApi('vendors.list', {});
  const loaded = useApi('vendors.get', { id: id ?? '' }, [id]);
  const [draft, setDraft] = useState<Vendor>(EMPTY);
  const [saved, setSaved] = useState<Vendor>(EMPTY);
  const [check, setCheck] = useState<Check>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [tiaFor, setTiaFor] = useState<number | null>(null);

  useEffect(() => {
    if (id && loaded.data) {
      setDraft(loaded.data.vendor);
      setSaved(loaded.data.vendor);
    }
  }, [id, loaded.data]);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (!draft.name.trim()) return setCheck(undefined);
      call('vendors.check', { vendor: draft }).then(setCheck, () => undefined);
    }, 250);
    return () => clearTimeout(timer);
  }, [draft]);

  const r = ref.data;
  const countryOpts = useMemo(() => (r?.countries ?? []).map((c) => ({ value: c.code, label: `${c.name[lang]} (${c.code})` })), [r, lang]);
  const activityOpts = (activities.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.reference} — ${a.name}` }));
  const vendorOpts = (vendors.data?.items ?? []).filter((v) => v.id !== id).map((v) => ({ value: v.id, label: `${v.name} (${v.country})` }));
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const set = <K extends keyof Vendor>(k: K, value: Vendor[K]) => setDraft((d) => ({ ...d, [k]: value }));
  const setItem = <K extends 'hosting' | 'subProcessors' | 'certifications' | 'transfers'>(k: K, i: number, patch: Partial<Vendor[K][number]>) =>
    setDraft((d) => ({ ...d, [k]: (d[k] as Array<Vendor[K][number]>).map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  const removeItem = (k: 'hosting' | 'subProcessors' | 'certifications' | 'transfers', i: number) => setDraft((d) => ({ ...d, [k]: (d[k] as unknown[]).filter((_, j) => j !== i) }));
  const warnings: Warning[] = check?.warnings ?? loaded.data?.warnings ?? [];
  const processor = draft.role === 'processor' || draft.role === 'sub-processor';

  async function save(next: Vendor = draft) {
    setSaving(true);
    setError(undefined);
    try {
      if (id) {
        await call('vendors.update', { id, vendor: next });
        await loaded.reload();
        notifications.show({ color: 'teal', title: t('vendors.saved'), message: next.name });
      } else {
        const res = await call('vendors.create', { vendor: next });
        notifications.show({ color: 'teal', title: t('vendors.saved'), message: next.name });
        setLeaveGuard(null);
        navigate('vendors', res.id);
      }
    } catch (e) {
      setError(e);
      throw e;
    } finally {
      setSaving(false);
    }
  }

  useLeaveGuard(id ? dirty : dirty && draft.name.trim() !== '', () => save().then(() => true, () => false));

  async function remove() {
    if (!id) return;
    try {
      await call('vendors.remove', { id });
      navigate('vendors');
    } catch (e) {
      setError(e);
    }
  }

  async function upload(file: File | null) {
    if (!file || !id) return;
    setError(undefined);
    if (file.size > CONTRACT_MAX_BYTES) {
      setError(new LocalizedError(t('vendors.fileTooLarge', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1) }), 'file_too_large'));
      return;
    }
    try {
      const contentBase64 = await fileToBase64(file);
      await call('vendors.uploadContract', { id, fileName: file.name, mime: file.type || 'application/octet-stream', contentBase64 });
      await loaded.reload();
    } catch (e) {
      setError(e);
    }
  }

  if (id && loaded.error) return <ErrorAlert error={loaded.error} />;
  if (!r || (id && !loaded.data)) return <Text c="dimmed">{t('vendors.loading')}</Text>;

  const transferWarnings = (tid: string) => warnings.filter((w) => w.transferId && w.transferId === tid);

  return (
    <>
      <Group justify="space-between" mb="md" wrap="nowrap" align="flex-start">
        <Group wrap="nowrap" style={{ minWidth: 0 }}>
          <ActionIcon variant="subtle" onClick={() => navigate('vendors')} aria-label={t('vendors.backToList')}>
            <IconArrowLeft size={18} />
          </ActionIcon>
          <PageTitle>{draft.name || t('vendors.new')}</PageTitle>
          {draft.risk && <Badge color={{ low: 'teal', medium: 'yellow', high: 'orange', critical: 'red' }[draft.risk]}>{t(`vendors.risks.${draft.risk}`)}</Badge>}
        </Group>
        <Group wrap="nowrap" style={{ flexShrink: 0 }}>
          {id && <EraseButton table="vendors" id={id} />}
          {id && (
            <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => void remove()} data-testid="vendor-trash">
              {t('vendors.trash')}
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert error={error} />
      <Grid gap="lg" mt="sm">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Tabs defaultValue="record" keepMounted={false}>
            <Tabs.List mb="md">
              <Tabs.Tab value="record">{t('vendors.record')}</Tabs.Tab>
              {id && (
                <Tabs.Tab value="history" data-testid="tab-history">
                  {t('vendors.history')}
                </Tabs.Tab>
              )}
            </Tabs.List>
            <Tabs.Panel value="record">
              <Stack gap="lg">
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
                  <MultiSelect label={t('vendors.activities')} searchable data={activityOpts} value={draft.activityIds} onChange={(v) => set('activityIds', v)} />
                  <TagsInput label={t('vendors.dataCategories')} description={t('common.pressEnter')} value={draft.dataCategories} onChange={(v) => set('dataCategories', v)} />
                </Section>

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

                <Section
                  title={t('vendors.subProcessors')}
                  article="Art. 28(2)(4)"
                  action={<Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('subProcessors', [...draft.subProcessors, { vendorId: '', name: '', country: null, service: '' }])} data-testid="add-subprocessor">{t('vendors.add')}</Button>}
                >
                  {draft.subProcessors.length === 0 && <Text size="sm" c="dimmed">{t('vendors.noneYet')}</Text>}
                  {draft.subProcessors.map((s, i) => (
                    <Group key={i} grow align="end">
                      <Select label={t('vendors.linkedVendor')} clearable searchable data={vendorOpts} value={s.vendorId || null} onChange={(v) => setItem('subProcessors', i, { vendorId: v ?? '' })} />
                      {!s.vendorId && <TextInput label={t('vendors.name')} value={s.name} onChange={(e) => setItem('subProcessors', i, { name: e.currentTarget.value })} data-testid={`sub-${i}-name`} />}
                      {!s.vendorId && <Select label={t('vendors.country')} searchable data={countryOpts} value={s.country} onChange={(v) => setItem('subProcessors', i, { country: v })} data-testid={`sub-${i}-country`} />}
                      <TextInput label={t('vendors.service')} value={s.service} onChange={(e) => setItem('subProcessors', i, { service: e.currentTarget.value })} />
                      <ActionIcon variant="subtle" color="red" style={{ flexGrow: 0 }} onClick={() => removeItem('subProcessors', i)} aria-label={t('vendors.remove')} mb={6}>
                        <IconX size={16} />
                      </ActionIcon>
                    </Group>
                  ))}
                </Section>

                <Section
                  title={t('vendors.transfers')}
                  article={t('vendors.chapterV')}
                  action={<Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('transfers', [...draft.transfers, { ...NEW_TRANSFER }])} data-testid="add-transfer">{t('vendors.add')}</Button>}
                >
                  {draft.transfers.length === 0 && <Text size="sm" c="dimmed">{t('vendors.noTransferRecorded')}</Text>}
                  {draft.transfers.map((tr, i) => (
                    <Card key={tr.id || `new-${i}`} withBorder padding="md" data-testid={`transfer-${i}`}>
                      <Group grow align="end">
                        <Select label={t('vendors.destination')} searchable data={countryOpts} value={tr.country} onChange={(v) => v && setItem('transfers', i, { country: v })} data-testid={`transfer-${i}-country`} />
                        <TextInput label={t('vendors.recipient')} value={tr.recipient} onChange={(e) => setItem('transfers', i, { recipient: e.currentTarget.value })} />
                        <Select
                          label={t('vendors.tool')}
                          clearable
                          data={r.transferTools.map((x) => ({ value: x, label: t(`vendors.tools.${x}`) }))}
                          value={tr.tool}
                          onChange={(v) => setItem('transfers', i, { tool: (v as Transfer['tool']) ?? null })}
                          data-testid={`transfer-${i}-tool`}
                        />
                        <ActionIcon variant="subtle" color="red" style={{ flexGrow: 0 }} onClick={() => removeItem('transfers', i)} aria-label={t('vendors.remove')} mb={6}>
                          <IconX size={16} />
                        </ActionIcon>
                      </Group>
                      <Group grow mt="xs">
                        {tr.tool === 'scc' && (
                          <Select
                            label={t('vendors.sccModule')}
                            data={r.sccModules.map((m) => ({ value: String(m.module), label: `${t('vendors.module', { n: m.module })} — ${m.label[lang]}` }))}
                            value={tr.sccModule ? String(tr.sccModule) : null}
                            onChange={(v) => setItem('transfers', i, { sccModule: v ? (Number(v) as 1 | 2 | 3 | 4) : null })}
                            data-testid={`transfer-${i}-scc-module`}
                          />
                        )}
                        {tr.tool === 'scc' && <DateField label={t('vendors.sccSignedOn')} value={tr.sccSignedOn ?? ''} onChange={(e) => setItem('transfers', i, { sccSignedOn: dateOrNull(e.currentTarget.value) })} data-testid={`transfer-${i}-scc-signed`} />}
                        {tr.tool === 'dpf' && <DateField label={t('vendors.dpfCheckedOn')} value={tr.dpfCheckedOn ?? ''} onChange={(e) => setItem('transfers', i, { dpfCheckedOn: dateOrNull(e.currentTarget.value) })} data-testid={`transfer-${i}-dpf-checked`} />}
                        {tr.tool === 'derogation' && (
                          <Select
                            label={t('vendors.derogation')}
                            data={r.derogations.map((d) => ({ value: d.id, label: `${d.article} — ${d.label[lang]}` }))}
                            value={tr.derogation}
                            onChange={(v) => setItem('transfers', i, { derogation: (v as Transfer['derogation']) ?? null })}
                          />
                        )}
                        {tr.tool && tr.tool !== 'scc' && tr.tool !== 'dpf' && tr.tool !== 'derogation' && (
                          <TextInput label={t('vendors.toolReference')} value={tr.toolReference} onChange={(e) => setItem('transfers', i, { toolReference: e.currentTarget.value })} />
                        )}
                      </Group>
                      {tr.tool === 'derogation' && <Textarea mt="xs" label={t('vendors.derogationReason')} autosize value={tr.derogationReason} onChange={(e) => setItem('transfers', i, { derogationReason: e.currentTarget.value })} />}
                      <Text size="sm" fw={500} mt="sm">
                        {t('vendors.measures')}
                      </Text>
                      <SimpleGrid cols={3}>
                        {(['technical', 'contractual', 'organisational'] as const).map((k) => (
                          <Textarea key={k} label={t(`vendors.measure.${k}`)} autosize minRows={2} value={tr.measures[k]} onChange={(e) => setItem('transfers', i, { measures: { ...tr.measures, [k]: e.currentTarget.value } })} />
                        ))}
                      </SimpleGrid>
                      <Group justify="space-between" mt="sm">
                        <Group gap={6}>
                          {transferWarnings(tr.id).map((w, j) => (
                            <Badge key={j} color={SEVERITY_COLOR[w.severity]} variant="light" tt="none">
                              {t(`vendors.codes.${w.code}`, { defaultValue: w.code })}
                            </Badge>
                          ))}
                          {tr.tia && (
                            <Badge variant="outline" tt="none" data-testid={`transfer-${i}-tia-outcome`}>
                              {t('vendors.tiaBadge', { outcome: t(`vendors.outcomes.${tr.tia.outcome}`) })}
                              {tr.tia.reevaluateOn ? ` · ${tr.tia.reevaluateOn}` : ''}
                            </Badge>
                          )}
                        </Group>
                        <Button size="xs" variant="light" leftSection={<IconClipboardCheck size={14} />} disabled={!id || !tr.id || dirty} onClick={() => setTiaFor(i)} data-testid={`transfer-${i}-tia`}>
                          {t('vendors.tiaOpen')}
                        </Button>
                      </Group>
                    </Card>
                  ))}
                  {dirty && draft.transfers.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('vendors.saveBeforeTia')}
                    </Text>
                  )}
                </Section>

                <Section title={t('vendors.contract')} article="Art. 28(3), 28(9)">
                  <SimpleGrid cols={3}>
                    <DateField label={t('vendors.dpaSignedOn')} value={draft.contract.dpaSignedOn ?? ''} onChange={(e) => set('contract', { ...draft.contract, dpaSignedOn: dateOrNull(e.currentTarget.value) })} data-testid="vendor-dpa-signed" />
                    <TextInput label={t('vendors.contractVersion')} value={draft.contract.version} onChange={(e) => set('contract', { ...draft.contract, version: e.currentTarget.value })} />
                    <Stack gap={4}>
                      <Text size="sm" fw={500}>
                        {t('vendors.contractFile')}
                      </Text>
                      {draft.contract.file ? (
                        <Anchor size="sm" onClick={() => void call('vendors.downloadContract', { id: id! }).then((f) => downloadBase64(f.fileName, f.contentBase64, f.mime), setError)} data-testid="contract-download">
                          <IconDownload size={14} /> {draft.contract.file.name} ({Math.ceil(draft.contract.file.size / 1024)} Kio)
                        </Anchor>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {t('vendors.noFile')}
                        </Text>
                      )}
                      <FileButton onChange={(f) => void upload(f)} accept="application/pdf,.pdf,.docx,.odt">
                        {(props) => (
                          <Button {...props} size="xs" variant="default" leftSection={<IconUpload size={14} />} disabled={!id} data-testid="contract-upload">
                            {t('vendors.upload')}
                          </Button>
                        )}
                      </FileButton>
                    </Stack>
                  </SimpleGrid>
                </Section>

                {processor && (
                  <Section title={t('vendors.art28')} article="Art. 28(3)">
                    <Table data-testid="art28-table">
                      <Table.Tbody>
                        {[...r.art28]
                          .sort((a, b) => Number(b.mandatory) - Number(a.mandatory))
                          .map((item) => {
                            const entry = draft.art28[item.id];
                            return (
                              <Table.Tr key={item.id} data-testid={`art28-${item.id}`}>
                                <Table.Td w="45%">
                                  <Text size="sm" title={item.explanation[lang]}>
                                    {item.label[lang]}
                                  </Text>
                                  <Group gap={6}>
                                    <Text size="xs" c="dimmed">
                                      {item.article}
                                    </Text>
                                    {!item.mandatory && (
                                      <Badge size="xs" variant="light" color="gray" tt="none">
                                        {t('vendors.goodPractice')}
                                      </Badge>
                                    )}
                                  </Group>
                                </Table.Td>
                                <Table.Td>
                                  <SegmentedControl
                                    size="xs"
                                    value={entry?.status ?? ''}
                                    color={entry ? ART28_COLOR[entry.status] : undefined}
                                    onChange={(v) => set('art28', { ...draft.art28, [item.id]: { status: v as 'present' | 'partial' | 'missing', evidence: entry?.evidence ?? '' } })}
                                    data={(['present', 'partial', 'missing'] as const).map((s) => ({ value: s, label: t(`vendors.art28Status.${s}`) }))}
                                  />
                                </Table.Td>
                                <Table.Td>
                                  <TextInput
                                    size="xs"
                                    placeholder={t('vendors.evidence')}
                                    value={entry?.evidence ?? ''}
                                    disabled={!entry}
                                    onChange={(e) => entry && set('art28', { ...draft.art28, [item.id]: { ...entry, evidence: e.currentTarget.value } })}
                                  />
                                </Table.Td>
                              </Table.Tr>
                            );
                          })}
                      </Table.Tbody>
                    </Table>
                    <SimpleGrid cols={2}>
                      <Select
                        label={t('vendors.auditRights')}
                        data={['unknown', 'full', 'limited', 'none'].map((x) => ({ value: x, label: t(`vendors.audit.${x}`) }))}
                        value={draft.auditRights.status}
                        onChange={(v) => v && set('auditRights', { ...draft.auditRights, status: v as Vendor['auditRights']['status'] })}
                      />
                      <NumberInput
                        label={t('vendors.breachHours')}
                        min={0}
                        max={8760}
                        value={draft.breachNotificationHours ?? ''}
                        onChange={(v) => set('breachNotificationHours', v === '' ? null : Math.round(Number(v)))}
                        data-testid="vendor-breach-hours"
                      />
                    </SimpleGrid>
                    <TextInput label={t('vendors.auditNotes')} value={draft.auditRights.notes} onChange={(e) => set('auditRights', { ...draft.auditRights, notes: e.currentTarget.value })} {...limit(draft.auditRights.notes, 2000)} />
                  </Section>
                )}

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
              </Stack>
            </Tabs.Panel>
            {id && (
              <Tabs.Panel value="history">
                <HistoryTable table="vendors" rowId={id} />
              </Tabs.Panel>
            )}
          </Tabs>
          <SaveBar
            dirty={dirty}
            saving={saving}
            onSave={() => void save().catch(() => undefined)}
            onDiscard={id ? () => setDraft(saved) : undefined}
            disabled={id ? !dirty : !draft.name.trim()}
            saveLabel={t('vendors.save')}
            testId="vendor-save"
            newRecord={!id}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
<div style={{ position: 'sticky', top: 72, maxHeight: 'calc(100vh - 88px)', overflowY: 'auto' }}>
            <SectionIndex deps={[draft.role, draft.transfers.length, id]} />
                      <Card withBorder padding="lg" data-testid="vendor-warnings-panel" data-count={warnings.filter((w) => w.severity !== 'info').length}>
            <Title order={4} mb="sm">
              {t('vendors.toCheck')}
            </Title>
            {check?.art28.applicable && (
              <Text size="sm" mb="sm" data-testid="art28-score">
                {t('vendors.art28Score', { score: check.art28.score, count: check.art28.present, total: check.art28.total })}
              </Text>
            )}
            {warnings.length === 0 ? (
              <Alert color="teal">{t('vendors.nothingToCheck')}</Alert>
            ) : (
              <Stack gap="xs">
                {warnings.map((w, i) => (
                  <Alert key={i} color={SEVERITY_COLOR[w.severity]} p="xs" data-testid="vendor-warning" data-code={w.code} data-severity={w.severity}>
                    <Text size="sm">{w.message[lang]}</Text>
                    <Text size="xs" c="dimmed">
                      {w.article}
                    </Text>
                  </Alert>
                ))}
              </Stack>
            )}
          </Card>
          </div>
        </Grid.Col>
      </Grid>
      {tiaFor !== null && id && draft.transfers[tiaFor] && (
        <TiaWizard
          opened
          onClose={() => setTiaFor(null)}
          reference={r}
          vendorId={id}
          transfer={draft.transfers[tiaFor]}
          onSave={async (tia) => {
            const next = { ...draft, transfers: draft.transfers.map((x, j) => (j === tiaFor ? { ...x, tia } : x)) };
            setDraft(next);
            await save(next);
            setTiaFor(null);
          }}
        />
      )}
    </>
  );
}
