import { ActionIcon, Alert, Anchor, Badge, Button, Card, Checkbox, Code, CopyButton, Grid, Group, List, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Tabs, TagsInput, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { IconArrowLeft, IconCopy, IconFileTypeDocx, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../../components/useBusy';
import { DateField } from '../../components/DateField';
import { call } from '../../api';
import { navigate, useLeaveGuard } from '../../app/routes';
import { limit } from '../../components/limits';
import { SaveBar } from '../../components/SaveBar';
import { DOCX_MIME, downloadBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HistoryTable } from '../../components/HistoryTable';
import { PageHeader } from '../../components/PageHeader';
import { EraseButton } from '../../components/EraseButton';
import { useApi } from '../../hooks/useApi';
import type { MethodOutput } from '../../../src-main/api/contract';
import { SeverityCard, type SeverityFactors } from './Calculators';
import { EvidenceCard } from './EvidenceCard';
import { LiveCountdown, SeverityBadge, StatusBadge, formatInstant, toLocalInput, useLang, type BreachData, type BreachDetail, type BreachReference } from './common';

type Draft = MethodOutput<'breaches.draft'>;
type Vocab = keyof BreachReference['vocabularies'];

const DEFAULT_FACTORS: SeverityFactors = { dpc: 1, dpcAdjustment: 0, ei: 'limited', confidentiality: 'none', integrity: 'none', availability: 'none', malicious: false };

/** Current wall time in `tz`, for "decided at" defaults. */
function nowLocal(tz: string): string {
  return toLocalInput(new Date().toISOString(), tz);
}

function ClockCard({ data }: { data: BreachDetail }) {
  const { t, i18n } = useTranslation();
  const c = data.computed;
  const tz = data.breach.timeZone;
  return (
    <Card withBorder padding="md" mb="md" data-testid="breach-clock" data-notify-by={c.notifyBy} data-running={c.clockRunning}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <StatusBadge status={data.breach.status} testId="breach-status" />
            <SeverityBadge severity={data.summary.severity} />
            {c.processor && (
              <Badge color="grape" variant="light" data-testid="breach-processor">
                {t('breach.processorBadge')}
              </Badge>
            )}
          </Group>
          <Text size="sm">
            {t('breach.awareAtLine')} <b>{formatInstant(data.breach.awareAt, tz, i18n.language, true)}</b>
          </Text>
          {c.clock === 'controller' ? (
            <>
              <Text size="sm" data-testid="breach-processor-duty">
                {t('breach.processorDuty')}
              </Text>
              {!c.clockRunning ? null : c.hours > 0 ? (
                <Text size="lg">
                  {t('breach.processorDeadline')} <b data-testid="breach-notify-by">{formatInstant(c.notifyBy, tz, i18n.language, true)}</b>
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({t('breach.processorContract', { hours: c.hours })})
                  </Text>
                </Text>
              ) : (
                <Text size="lg" fw={600} data-testid="breach-notify-asap">
                  {t('breach.processorNoContract')}
                </Text>
              )}
              {c.controllerNotices.length > 0 && (
                <Stack gap={2} data-testid="breach-controller-notices">
                  <Text size="sm" fw={500}>
                    {t('breach.controllerNotices')}
                  </Text>
                  {c.controllerNotices.map((n) => (
                    <Text size="sm" key={n.name}>
                      <b>{n.name}</b> — {n.informedAt ? t('breach.controllerInformedOn', { date: formatInstant(n.informedAt, tz, i18n.language, true) }) : t('breach.controllerNotInformed')} —{' '}
                      {n.contractHours && n.informBy ? t('breach.controllerContractHours', { hours: n.contractHours, date: formatInstant(n.informBy, tz, i18n.language, true) }) : t('breach.controllerNoContractHours')}
                      {n.controllerNotifyBy && <> — {t('breach.controllerClock', { date: formatInstant(n.controllerNotifyBy, tz, i18n.language, true) })}</>}
                      {n.late && (
                        <Badge ml={6} size="xs" color="red" variant="light">
                          {t('breach.controllerLate')}
                        </Badge>
                      )}
                    </Text>
                  ))}
                </Stack>
              )}
            </>
          ) : (
            <>
              <Text size="lg">
                {t('clock.notifyBy')} <b data-testid="breach-notify-by">{formatInstant(c.notifyBy, tz, i18n.language, true)}</b>
              </Text>
              <Text size="xs" c="dimmed">
                {t('breach.clockHelp', { count: c.hours, tz })}
              </Text>
            </>
          )}
        </Stack>
        <Stack align="flex-end" gap={4}>
          {c.clockRunning && c.clock === 'controller' && c.hours === 0 ? (
            <Badge size="lg" color="orange" variant="light" data-testid="breach-clock-asap">
              {t('breach.processorNoContract')}
            </Badge>
          ) : c.clockRunning ? (
            <LiveCountdown until={c.notifyBy} />
          ) : (
            <Badge size="lg" color="gray" variant="light" data-testid="breach-clock-stopped">
              {c.firstNotifiedAt ? t(c.clock === 'controller' ? 'breach.controllersInformedOn' : 'breach.notifiedOn', { date: formatInstant(c.firstNotifiedAt, tz, i18n.language) }) : t('breach.clockStopped')}
            </Badge>
          )}
          {c.notifiedLate && (
            <Badge color="red" variant="light">
              {t('breach.notifiedLate')}
            </Badge>
          )}
        </Stack>
      </Group>
      {c.warnings.length > 0 && (
        <Group gap={6} mt="xs">
          {c.warnings.map((w) => (
            <Badge key={w} color="orange" variant="outline" size="sm" data-testid={`breach-warning-${w}`}>
              {t(`breach.warnings.${w}`)}
            </Badge>
          ))}
        </Group>
      )}
    </Card>
  );
}

function FactsTab({ b, set, data, refData }: { b: BreachData; set: (p: Partial<BreachData>) => void; data: BreachDetail; refData?: BreachReference }) {
  // Vendors are picked from the vendor register (linked by id); older records named them in free text.
  const vendorList = useApi('vendors.list', {});
  const vendorItems = vendorList.data?.items ?? [];
  const { t } = useTranslation();
  const lang = useLang();
  const tz = b.timeZone;
  const opts = (k: Vocab) => (refData?.vocabularies[k] ?? []).map((v) => ({ value: v.id, label: v[lang] }));
  return (
    <Stack>
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
          const linked = v.vendorId ? vendorItems.find((x) => x.id === v.vendorId) : undefined;
          // The linked record may be in the trash (not listed): keep it selectable under the name recorded.
          const options = vendorItems.map((x) => ({ value: x.id, label: x.name }));
          if (v.vendorId && !linked) options.push({ value: v.vendorId, label: v.name });
          return (
            <Stack key={i} gap={2}>
              <Group align="end" gap="xs">
                <Select
                  label={t('breach.vendorName')}
                  placeholder={t('breach.vendorPick')}
                  w={320}
                  searchable
                  value={v.vendorId ?? null}
                  data={options}
                  nothingFoundMessage={t('breach.vendorNone')}
                  onChange={(vendorId) => {
                    const picked = vendorItems.find((x) => x.id === vendorId);
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
    </Stack>
  );
}

function SeverityTab({ b, set, actor }: { b: BreachData; set: (p: Partial<BreachData>) => void; actor: string }) {
  const { t, i18n } = useTranslation();
  const s = b.severity;
  const initial: SeverityFactors | undefined = s ? { dpc: s.dpc, dpcAdjustment: s.dpcAdjustment, ei: s.ei, confidentiality: s.confidentiality, integrity: s.integrity, availability: s.availability, malicious: s.malicious } : undefined;
  const [justification, setJustification] = useState(s?.justification ?? '');
  const [factors, setFactors] = useState<SeverityFactors | undefined>(initial);
  useEffect(() => {
    if (!factors) return;
    const same = (x?: SeverityFactors) => Boolean(x) && (Object.keys(factors) as Array<keyof SeverityFactors>).every((k) => x?.[k] === factors[k]);
    // Opening the tab must not mark the breach as changed: only a new factor or justification does.
    if (s ? same(initial) && justification === s.justification : justification.trim() === '' && same(DEFAULT_FACTORS)) return;
    set({
      severity: {
        ...factors,
        ei: factors.ei as never,
        confidentiality: factors.confidentiality as never,
        integrity: factors.integrity as never,
        availability: factors.availability as never,
        justification,
        assessedBy: s?.assessedBy || actor,
        assessedAt: undefined,
      },
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [factors, justification]);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <SeverityCard initial={initial} onChange={(f) => setFactors(f)} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Card withBorder padding="lg">
          <Title order={5} mb="xs">
            {t('breach.justificationTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('breach.justificationHelp')}
          </Text>
          <Textarea autosize minRows={5} value={justification} onChange={(e) => setJustification(e.currentTarget.value)} {...limit(justification, 4000)} data-testid="severity-justification" />
          {s?.score !== undefined && s.level && (
            <Text size="sm" mt="sm" data-testid="severity-stored">
              {t('breach.storedScore', { score: s.score.toLocaleString(i18n.language), level: t(`severity.level.${s.level}`) })}
            </Text>
          )}
        </Card>
      </Grid.Col>
    </Grid>
  );
}

function DecisionsTab({ b, set, data, actor }: { b: BreachData; set: (p: Partial<BreachData>) => void; data: BreachDetail; actor: string }) {
  const { t, i18n } = useTranslation();
  const a = b.decisions.authority;
  const p = b.decisions.people;
  const tz = b.timeZone;
  const setA = (x: Partial<typeof a>) => set({ decisions: { ...b.decisions, authority: { ...a, ...x } } });
  const setP = (x: Partial<typeof p>) => set({ decisions: { ...b.decisions, people: { ...p, ...x } } });
  const level = b.severity?.level;
  return (
    <Stack>
      {level && (
        <Alert color={level === 'high' || level === 'very-high' ? 'orange' : 'blue'} title={t('breach.hintTitle')}>
          {t(`breach.hint.${level}`)}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder padding="lg" data-testid="decision-authority">
          <Title order={5} mb="xs">
            {data.computed.processor ? t('breach.decideControllers') : t('breach.decideAuthority')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {data.computed.processor ? t('breach.decideControllersHelp') : t('breach.decideAuthorityHelp')}
          </Text>
          {!data.computed.processor && (
          <SegmentedControl
            value={a.decision}
            onChange={(v) => setA({ decision: v as typeof a.decision, decidedBy: a.decidedBy || actor, decidedAt: a.decidedAt ?? nowLocal(tz) })}
            data={(['pending', 'notify', 'not-notify'] as const).map((x) => ({ value: x, label: t(`breach.decision.authority.${x}`) }))}
            data-testid="decision-authority-choice"
          />
          )}
          {a.decision === 'not-notify' && <Textarea mt="sm" label={t('breach.noRiskReason')} autosize minRows={3} value={a.reason} onChange={(e) => setA({ reason: e.currentTarget.value })} {...limit(a.reason, 4000)} data-testid="decision-authority-reason" />}
          {a.decision !== 'pending' && (
            <Group grow mt="sm">
              <TextInput label={t('breach.decidedBy')} value={a.decidedBy} onChange={(e) => setA({ decidedBy: e.currentTarget.value })} data-testid="decision-authority-by" />
              <DateField withTime label={t('breach.decidedAt')} value={toLocalInput(a.decidedAt, tz)} onChange={(e) => setA({ decidedAt: e.currentTarget.value || undefined })} />
            </Group>
          )}
        </Card>
        <Card withBorder padding="lg" data-testid="decision-people">
          <Title order={5} mb="xs">
            {t('breach.decidePeople')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('breach.decidePeopleHelp')}
          </Text>
          <Switch label={t('breach.highRisk')} checked={p.highRisk} onChange={(e) => setP({ highRisk: e.currentTarget.checked })} mb="sm" data-testid="decision-people-high-risk" />
          <SegmentedControl
            value={p.decision}
            onChange={(v) => setP({ decision: v as typeof p.decision, decidedBy: p.decidedBy || actor, decidedAt: p.decidedAt ?? nowLocal(tz) })}
            data={(['pending', 'communicate', 'not-communicate'] as const).map((x) => ({ value: x, label: t(`breach.decision.people.${x}`) }))}
            data-testid="decision-people-choice"
          />
          {p.decision === 'not-communicate' && (
            <>
              <Select
                mt="sm"
                label={t('breach.exemption')}
                clearable
                value={p.exemption}
                onChange={(v) => setP({ exemption: v as typeof p.exemption })}
                data={(['34-3-a', '34-3-b', '34-3-c'] as const).map((x) => ({ value: x, label: t(`breach.exemptions.${x}`) }))}
                data-testid="decision-people-exemption"
              />
              <Textarea mt="sm" label={t('breach.peopleReason')} autosize minRows={2} value={p.reason} onChange={(e) => setP({ reason: e.currentTarget.value })} />
            </>
          )}
          {p.decision === 'communicate' && (
            <Group grow mt="sm">
              <DateField withTime label={t('breach.communicatedAt')} value={toLocalInput(p.communicatedAt, tz)} onChange={(e) => setP({ communicatedAt: e.currentTarget.value || undefined })} />
              <TextInput label={t('breach.means')} value={p.means} onChange={(e) => setP({ means: e.currentTarget.value })} />
            </Group>
          )}
          {p.decision !== 'pending' && (
            <Group grow mt="sm">
              <TextInput label={t('breach.decidedBy')} value={p.decidedBy} onChange={(e) => setP({ decidedBy: e.currentTarget.value })} />
              <DateField withTime label={t('breach.decidedAt')} value={toLocalInput(p.decidedAt, tz)} onChange={(e) => setP({ decidedAt: e.currentTarget.value || undefined })} />
            </Group>
          )}
        </Card>
      </SimpleGrid>
      {data.computed.processor && (
        <Card withBorder padding="lg" data-testid="controllers-informed">
          <Title order={5} mb="xs">
            {t('breach.controllersInformed')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('breach.controllersInformedHelp')}
          </Text>
          {b.controllersInformed.map((x, i) => (
            <Group key={i} align="end" gap="xs" mb="xs">
              <TextInput label={t('breach.controllerName')} value={x.name} onChange={(e) => set({ controllersInformed: b.controllersInformed.map((y, j) => (j === i ? { ...y, name: e.currentTarget.value } : y)) })} />
              <DateField withTime label={t('breach.informedAt')} value={toLocalInput(x.informedAt, tz)} onChange={(e) => set({ controllersInformed: b.controllersInformed.map((y, j) => (j === i ? { ...y, informedAt: e.currentTarget.value } : y)) })} />
              <TextInput label={t('breach.means')} value={x.means} onChange={(e) => set({ controllersInformed: b.controllersInformed.map((y, j) => (j === i ? { ...y, means: e.currentTarget.value } : y)) })} />
              <ActionIcon variant="subtle" color="red" mb={6} onClick={() => set({ controllersInformed: b.controllersInformed.filter((_, j) => j !== i) })} aria-label={t('breach.remove')}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group gap="xs">
            {[...data.clientControllers.filter((n) => !b.controllersInformed.some((x) => x.name === n)), ''].map((name) => (
              <Button
                key={name || '_other'}
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => set({ controllersInformed: [...b.controllersInformed, { name, informedAt: nowLocal(tz), means: '', contact: '' }] })}
              >
                {name || t('breach.addController')}
              </Button>
            ))}
          </Group>
          {b.controllersInformed.length > 0 && (
            <Text size="xs" c="dimmed" mt="xs">
              {b.controllersInformed.map((x) => `${x.name} — ${formatInstant(x.informedAt, tz, i18n.language)}`).join(' · ')}
            </Text>
          )}
        </Card>
      )}
    </Stack>
  );
}

function NotificationsTab({ b, set, data }: { b: BreachData; set: (p: Partial<BreachData>) => void; data: BreachDetail }) {
  const { t } = useTranslation();
  const tz = b.timeZone;
  const upd = (i: number, x: Partial<BreachData['notifications'][number]>) => set({ notifications: b.notifications.map((n, j) => (j === i ? { ...n, ...x } : n)) });
  return (
    <Card withBorder padding="lg">
      <Text size="sm" c="dimmed" mb="sm">
        {t('breach.notificationsHelp', { hours: data.computed.hours })}
      </Text>
      <Stack>
        {b.notifications.map((n, i) => (
          <Card key={i} withBorder padding="sm" data-testid="notification" data-phase={n.phase}>
            <Group align="end" gap="xs">
              <Select w={190} label={t('breach.phase')} value={n.phase} onChange={(v) => v && upd(i, { phase: v as typeof n.phase })} data={(['initial', 'complementary'] as const).map((x) => ({ value: x, label: t(`breach.phases.${x}`) }))} />
              <DateField withTime label={t('breach.sentAt')} value={toLocalInput(n.sentAt, tz)} onChange={(e) => upd(i, { sentAt: e.currentTarget.value })} data-testid={`notification-${i}-sent`} />
              <TextInput label={t('breach.authorityReference')} value={n.authorityReference} onChange={(e) => upd(i, { authorityReference: e.currentTarget.value })} data-testid={`notification-${i}-reference`} />
              <ActionIcon variant="subtle" color="red" mb={6} onClick={() => set({ notifications: b.notifications.filter((_, j) => j !== i) })} aria-label={t('breach.remove')}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            {n.phase === 'initial' && <Textarea mt="xs" label={t('breach.delayReasons')} description={t('breach.delayReasonsHelp')} autosize minRows={2} value={n.delayReasons} onChange={(e) => upd(i, { delayReasons: e.currentTarget.value })} {...limit(n.delayReasons, 4000)} data-testid={`notification-${i}-delay`} />}
          </Card>
        ))}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          w="fit-content"
          onClick={() => set({ notifications: [...b.notifications, { phase: b.notifications.length ? 'complementary' : 'initial', sentAt: nowLocal(tz), authorityReference: b.notifications[0]?.authorityReference ?? '', delayReasons: '', notes: '' }] })}
          data-testid="notification-add"
        >
          {b.notifications.length ? t('breach.addComplementary') : t('breach.addInitial')}
        </Button>
      </Stack>
    </Card>
  );
}

function DocumentsTab({ data, dirty }: { data: BreachDetail; dirty: boolean }) {
  const [drafting, runDraft] = useBusy();
  const [lettering, runLetter] = useBusy();
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>();
  const [error, setError] = useState<unknown>();
  const processor = data.computed.processor;
  return (
    <Stack>
      {dirty && (
        <Alert color="yellow" data-testid="documents-unsaved">
          {t('breach.saveFirst')}
        </Alert>
      )}
      <Group>
        <Button
          loading={drafting}
          onClick={() => {
            setError(undefined);
            void runDraft(() => call('breaches.draft', { id: data.id }).then(setDraft, setError));
          }}
          data-testid="draft-generate"
        >
          {processor ? t('breach.controllerNotice') : t('breach.cnilDraft')}
        </Button>
        {(['fr', 'en'] as const).map((l) => (
          <Button
            key={l}
            variant="light"
            leftSection={<IconFileTypeDocx size={16} />}
            disabled={lettering}
            onClick={() => void runLetter(() => call('breaches.letter', { id: data.id, lang: l }).then((r) => downloadBase64(r.fileName, r.contentBase64, DOCX_MIME), setError))}
            data-testid={`letter-${l}`}
          >
            {t(`breach.letter.${l}`)}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={error} />
      {draft && (
        <Card withBorder padding="lg" data-testid="draft" data-kind={draft.kind} data-missing={draft.missing.length}>
          <Group justify="space-between" mb="sm">
            <Title order={5}>{draft.title}</Title>
            <Group gap="xs">
              <CopyButton value={draft.text}>
                {({ copied, copy }) => (
                  <Button variant="light" size="xs" leftSection={<IconCopy size={14} />} onClick={copy}>
                    {copied ? t('breach.copied') : t('breach.copy')}
                  </Button>
                )}
              </CopyButton>
              <Button size="xs" leftSection={<IconFileTypeDocx size={14} />} onClick={() => downloadBase64(draft.fileName, draft.contentBase64, DOCX_MIME)} data-testid="draft-docx">
                {t('breach.downloadDocx')}
              </Button>
            </Group>
          </Group>
          {draft.missing.length > 0 ? (
            <Alert color="red" title={t('breach.missingTitle', { count: draft.missing.length })} mb="sm" data-testid="draft-missing">
              <List size="sm">
                {draft.missing.map((m) => (
                  <List.Item key={m.field} data-testid="draft-missing-field" data-field={m.field}>
                    {m.sectionNumber}. {m.section} — {m.label}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <Alert color="teal" mb="sm">
              {t('breach.nothingMissing')}
            </Alert>
          )}
          <Code block data-testid="draft-text" style={{ whiteSpace: 'pre-wrap' }}>
            {draft.text.split(/(\[À COMPLÉTER : [^\]]+\]|\[TO COMPLETE: [^\]]+\])/).map((part, k) =>
              part.startsWith('[') ? (
                <span key={k} style={{ color: 'var(--mantine-color-red-7)', fontWeight: 700 }}>
                  {part}
                </span>
              ) : (
                part
              ),
            )}
          </Code>
        </Card>
      )}
    </Stack>
  );
}

function TimelineTab({ b, data }: { b: BreachData; data: BreachDetail }) {
  const { t, i18n } = useTranslation();
  const tz = b.timeZone;
  const events = useMemo(() => {
    const e: Array<{ at: string; key: string; text?: string; color?: string }> = [];
    if (b.occurred.from) e.push({ at: b.occurred.from, key: 'occurredFrom' });
    if (b.occurred.to) e.push({ at: b.occurred.to, key: 'occurredTo' });
    for (const v of b.vendors) if (v.informedUsAt) e.push({ at: v.informedUsAt, key: 'vendorInformedUs', text: v.name });
    if (b.discoveredAt) e.push({ at: b.discoveredAt, key: 'discovered', text: b.reportedBy });
    e.push({ at: b.awareAt, key: 'aware', color: 'blue' });
    if (b.severity?.assessedAt) e.push({ at: b.severity.assessedAt, key: 'severity', text: b.severity.level ? `SE = ${(b.severity.score ?? 0).toLocaleString(i18n.language)} (${t(`severity.level.${b.severity.level}`)})` : '' });
    if (b.decisions.authority.decidedAt) e.push({ at: b.decisions.authority.decidedAt, key: 'authorityDecision', text: `${t(`breach.decision.authority.${b.decisions.authority.decision}`)} — ${b.decisions.authority.decidedBy}` });
    if (b.decisions.people.decidedAt) e.push({ at: b.decisions.people.decidedAt, key: 'peopleDecision', text: `${t(`breach.decision.people.${b.decisions.people.decision}`)} — ${b.decisions.people.decidedBy}` });
    if (b.decisions.people.communicatedAt) e.push({ at: b.decisions.people.communicatedAt, key: 'communicated', text: b.decisions.people.means });
    for (const n of b.notifications) e.push({ at: n.sentAt, key: n.phase === 'initial' ? 'notifiedInitial' : 'notifiedComplementary', text: n.authorityReference, color: 'teal' });
    for (const c of b.controllersInformed) e.push({ at: c.informedAt, key: 'controllerInformed', text: `${c.name} — ${c.means}`, color: 'teal' });
    const deadline = new Date(data.computed.notifyBy).toISOString();
    e.push({ at: deadline, key: 'deadline', color: data.computed.overdue ? 'red' : 'orange' });
    return e.sort((x, y) => new Date(x.at).getTime() - new Date(y.at).getTime());
  }, [b, data, t, i18n.language]);
  return (
    <Card withBorder padding="lg">
      <Timeline bulletSize={16} lineWidth={2}>
        {events.map((ev, i) => (
          <Timeline.Item key={i} color={ev.color} title={t(`breach.timeline.${ev.key}`)} data-testid="timeline-event" data-kind={ev.key}>
            <Text size="xs" c="dimmed">
              {formatInstant(ev.at, tz, i18n.language, true)}
            </Text>
            {ev.text && <Text size="sm">{ev.text}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

/** One breach: the clock on top, then its record, severity, decisions, notifications, documents and timeline. */
export function BreachPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useApi('breaches.get', { id }, [id]);
  const ref = useApi('breaches.reference', {});
  const profile = useApi('profile.get', {});
  const [b, setB] = useState<BreachData>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [tab, setTab] = useState<string | null>('record');
  // Evidence files are saved on their own (not with the record), so adding one never discards unsaved edits.
  const [files, setFiles] = useState<BreachDetail['files']>([]);
  // A refetch (the cache refreshes this record after any breach change, e.g. an evidence file)
  // never overwrites unsaved edits: the record is reseeded only when it is clean.
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;
  const loadedBreach = q.data?.breach;
  const loadedFiles = q.data?.files;
  useEffect(() => {
    if (loadedBreach && !dirtyRef.current) {
      setB(loadedBreach);
      setDirty(false);
    }
  }, [loadedBreach]);
  useEffect(() => {
    if (loadedFiles) setFiles(loadedFiles);
  }, [loadedFiles]);
  const set = (p: Partial<BreachData>) => {
    setB((cur) => (cur ? { ...cur, ...p } : cur));
    setDirty(true);
    setSaved(false);
  };
  const actor = profile.data?.profile.dpo_name ?? '';
  const [saving, setSaving] = useState(false);
  const save = async (): Promise<boolean> => {
    if (!b) return false;
    setError(undefined);
    setSaving(true);
    try {
      await call('breaches.update', { id, breach: b });
      dirtyRef.current = false;
      setDirty(false);
      await q.reload();
      setSaved(true);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setSaving(false);
    }
  };
  useLeaveGuard(dirty, save);
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data || !b) return null;
  return (
    <div data-testid="breach-page" data-reference={q.data.breach.reference}>
      <PageHeader
        title={`${q.data.breach.reference} — ${q.data.breach.title}`}
        actions={
          <Group>
            <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('breaches')} data-testid="breach-back">
              {t('breach.back')}
            </Button>
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => {
                if (window.confirm(t('breach.confirmTrash'))) void call('breaches.delete', { id }).then(() => navigate('breaches'), setError);
              }}
            >
              {t('breach.trash')}
            </Button>
            <EraseButton table="breaches" id={id} />
          </Group>
        }
      />
      <ClockCard data={q.data} />
      <ErrorAlert error={error} />
      <Tabs value={tab} onChange={setTab} keepMounted={false} mt="sm">
        <Tabs.List mb="md">
          {(['record', 'severity', 'decisions', 'notifications', 'documents', 'evidence', 'timeline', 'history'] as const).map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`tab-${k}`}>
              {t(`breach.tabs.${k}`)}
              {k === 'evidence' && files.length > 0 ? ` (${files.length})` : ''}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="record">
          <FactsTab b={b} set={set} data={q.data} refData={ref.data} />
        </Tabs.Panel>
        <Tabs.Panel value="severity">
          <SeverityTab b={b} set={set} actor={actor} />
        </Tabs.Panel>
        <Tabs.Panel value="decisions">
          <DecisionsTab b={b} set={set} data={q.data} actor={actor} />
        </Tabs.Panel>
        <Tabs.Panel value="notifications">
          <NotificationsTab b={b} set={set} data={q.data} />
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <DocumentsTab data={q.data} dirty={dirty} />
        </Tabs.Panel>
        <Tabs.Panel value="evidence">
          <EvidenceCard breachId={id} files={files} onChange={setFiles} tz={b.timeZone} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <TimelineTab b={b} data={q.data} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <HistoryTable table="breaches" rowId={id} />
        </Tabs.Panel>
      </Tabs>
      <SaveBar dirty={dirty} saving={saving} onSave={() => void save()} onDiscard={() => {
          // Back to the last loaded record (the cache keeps it fresh after any change).
          if (loadedBreach) setB(loadedBreach);
          dirtyRef.current = false;
          setDirty(false);
        }} disabled={!dirty} saveLabel={t('breach.save')} testId="breach-save">
        {saved && !dirty && (
          <Text size="sm" c="teal" data-testid="breach-saved">
            {t('breach.saved')}
          </Text>
        )}
      </SaveBar>
    </div>
  );
}
