import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Modal, NumberInput, Select, Stack, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconCalendarDown, IconClockPause, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { navigate } from '../../app/routes';
import { useSaveFile } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { formatDay } from '../requests/common';
import type { MethodOutput } from '../../../src-main/api/contract';
import { useUiLanguage } from '../../hooks/useUiLanguage';

type DueItem = MethodOutput<'retention.due'>['items'][number];
type Rule = MethodOutput<'retention.rules'>['rules'][number];
type Period = Rule['period'];

function usePeriodText() {
  const { t } = useTranslation();
  return (p: Period) => (p.value === 0 ? t('retention.immediately') : t(`retention.unit.${p.unit}`, { count: p.value }));
}

/** Storage limitation practised: what Vigie must forget, holds, its rules, the register's purge calendar and response targets. */
export function RetentionPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('due');
  return (
    <Stack data-testid="retention-page">
      <PageHeader title={t('retention.title')} subtitle={t('retention.subtitle')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="due" data-testid="retention-tab-due">
            {t('retention.tabs.due')}
          </Tabs.Tab>
          <Tabs.Tab value="schedule" data-testid="retention-tab-schedule">
            {t('retention.tabs.schedule')}
          </Tabs.Tab>
          <Tabs.Tab value="rules" data-testid="retention-tab-rules">
            {t('retention.tabs.rules')}
          </Tabs.Tab>
          <Tabs.Tab value="targets" data-testid="retention-tab-targets">
            {t('retention.tabs.targets')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="due" pt="md">
          <DueList />
        </Tabs.Panel>
        <Tabs.Panel value="schedule" pt="md">
          <Schedule />
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="md">
          <Rules />
        </Tabs.Panel>
        <Tabs.Panel value="targets" pt="md">
          <Targets />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function DueList() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const q = useApi('retention.due', { includeHeld: true });
  const [selected, setSelected] = useState<string[]>([]);
  const [confirm, setConfirm] = useState(false);
  const [holdFor, setHoldFor] = useState<DueItem | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string | null>(null);
  const items = q.data?.items ?? [];
  const purgeable = items.filter((i) => !i.hold);
  const chosen = purgeable.filter((i) => selected.includes(i.id));

  const purge = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await call('retention.purge', { ids: chosen.map((i) => i.id), reason });
      setDone(t('retention.purged', { count: r.purged.length }));
      setSelected([]);
      setConfirm(false);
      setReason('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const hold = async () => {
    if (!holdFor) return;
    setBusy(true);
    setError(undefined);
    try {
      await call('retention.hold', { id: holdFor.id, reason });
      setHoldFor(null);
      setReason('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <ErrorAlert error={q.error ?? error} />
      {done && (
        <Alert color="teal" data-testid="retention-done" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      {q.data && items.length === 0 && (
        <Alert color="teal" data-testid="retention-nothing">
          {t('retention.nothingDue')}
        </Alert>
      )}
      {items.length > 0 && (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('retention.dueIntro', { count: purgeable.length })}
            </Text>
            <Button color="red" leftSection={<IconTrash size={16} />} disabled={chosen.length === 0} onClick={() => setConfirm(true)} data-testid="retention-purge-selected">
              {t('retention.purgeSelected', { count: chosen.length })}
            </Button>
          </Group>
          <Table striped data-testid="retention-due-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label={t('retention.selectAll')}
                    checked={purgeable.length > 0 && chosen.length === purgeable.length}
                    indeterminate={chosen.length > 0 && chosen.length < purgeable.length}
                    onChange={(e) => setSelected(e.currentTarget.checked ? purgeable.map((i) => i.id) : [])}
                  />
                </Table.Th>
                <Table.Th>{t('retention.col.record')}</Table.Th>
                <Table.Th>{t('retention.col.rule')}</Table.Th>
                <Table.Th>{t('retention.col.dueOn')}</Table.Th>
                <Table.Th>{t('retention.col.keeps')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id} data-testid="retention-due-row" data-rule={i.rule} data-id={i.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={i.reference}
                      disabled={Boolean(i.hold)}
                      checked={selected.includes(i.id)}
                      onChange={(e) => setSelected((s) => (e.currentTarget.checked ? [...s, i.id] : s.filter((x) => x !== i.id)))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Anchor size="sm" onClick={() => navigate(i.link.area, i.link.id)}>
                      {i.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`retention.rule.${i.rule}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDay(i.dueOn, lang)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" maw={360}>
                      {i.keeps[lang]}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {i.hold ? (
                      <Badge color="orange" variant="light" tt="none" title={i.hold.reason} data-testid="retention-held">
                        {t('retention.heldSince', { date: formatDay(i.hold.placedOn, lang) })}
                      </Badge>
                    ) : (
                      <Button size="compact-sm" variant="subtle" leftSection={<IconClockPause size={14} />} onClick={() => setHoldFor(i)} data-testid="retention-hold">
                        {t('retention.hold')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {items.some((i) => i.hold) && (
            <Text size="xs" c="dimmed">
              {t('retention.heldNote')}
            </Text>
          )}
        </>
      )}
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('retention.confirmTitle', { count: chosen.length })} size="lg">
        <Stack>
          <Text size="sm">{t('retention.confirmText')}</Text>
          <Stack gap={4}>
            {chosen.map((i) => (
              <Text size="sm" key={i.id}>
                • {i.reference} — {t(`retention.rule.${i.rule}`)}
              </Text>
            ))}
          </Stack>
          <Textarea label={t('retention.reason')} placeholder={t('retention.reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={2000} required data-testid="retention-reason" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={busy} disabled={!reason.trim()} onClick={() => void purge()} data-testid="retention-confirm-purge">
              {t('retention.confirmPurge')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={holdFor !== null} onClose={() => setHoldFor(null)} title={t('retention.holdTitle', { reference: holdFor?.reference ?? '' })}>
        <Stack>
          <Text size="sm">{t('retention.holdText')}</Text>
          <Textarea label={t('retention.reason')} placeholder={t('retention.holdPlaceholder')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={2000} required data-testid="retention-hold-reason" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setHoldFor(null)}>
              {t('common.cancel')}
            </Button>
            <Button loading={busy} disabled={!reason.trim()} onClick={() => void hold()} data-testid="retention-confirm-hold">
              {t('retention.confirmHold')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Schedule() {
  const { t } = useTranslation();
  const saveFile = useSaveFile();
  const lang = useUiLanguage();
  const q = useApi('retention.schedule', {});
  const [record, setRecord] = useState<{ activityId: string; categoryId: string; label: string } | null>(null);
  const [form, setForm] = useState({ performedOn: '', performedBy: '', system: '', note: '' });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!record) return;
    setBusy(true);
    setError(undefined);
    try {
      await call('retention.recordPurge', { activityId: record.activityId, categoryId: record.categoryId, ...form });
      setRecord(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const ics = async () => {
    try {
      await saveFile('retention.scheduleIcs', {}, 'text/calendar');
    } catch (e) {
      setError(e);
    }
  };
  const items = q.data?.items ?? [];
  return (
    <Stack>
      <ErrorAlert error={q.error ?? error} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={760}>
          {t('retention.scheduleIntro')}
        </Text>
        <Button variant="default" leftSection={<IconCalendarDown size={16} />} onClick={() => void ics()} disabled={items.length === 0} data-testid="retention-ics">
          {t('retention.ics')}
        </Button>
      </Group>
      {q.data && items.length === 0 && <Alert color="gray">{t('retention.noSchedule')}</Alert>}
      {items.length > 0 && (
        <Table striped data-testid="retention-schedule-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('retention.col.activity')}</Table.Th>
              <Table.Th>{t('retention.col.category')}</Table.Th>
              <Table.Th>{t('retention.col.action')}</Table.Th>
              <Table.Th>{t('retention.col.dueOn')}</Table.Th>
              <Table.Th>{t('retention.col.last')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={`${i.activityId}-${i.categoryId}`} data-testid="retention-schedule-row" data-overdue={i.overdue}>
                <Table.Td>
                  <Anchor size="sm" onClick={() => navigate('register', i.activityId)}>
                    {i.activityReference} — {i.activityName}
                  </Anchor>
                  {i.owner && (
                    <Text size="xs" c="dimmed">
                      {i.owner}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{i.categoryLabel}</Table.Td>
                <Table.Td>{t(`retention.action.${i.action}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={i.overdue ? 'red' : undefined} fw={i.overdue ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
                    {formatDay(i.dueOn, lang)}
                    {i.overdue ? ` — ${t('retention.overdue')}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{i.lastPerformed ? t('retention.lastDone', { date: formatDay(i.lastPerformed.performedOn, lang), by: i.lastPerformed.performedBy, system: i.lastPerformed.system }) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="light" onClick={() => setRecord({ activityId: i.activityId, categoryId: i.categoryId, label: `${i.activityReference} — ${i.categoryLabel}` })}>
                    {t('retention.recordDone')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={record !== null} onClose={() => setRecord(null)} title={t('retention.recordTitle', { label: record?.label ?? '' })}>
        <Stack>
          <TextInput type="date" label={t('retention.performedOn')} value={form.performedOn} onChange={(e) => setForm({ ...form, performedOn: e.currentTarget.value })} required />
          <TextInput label={t('retention.performedBy')} value={form.performedBy} onChange={(e) => setForm({ ...form, performedBy: e.currentTarget.value })} maxLength={200} required />
          <TextInput label={t('retention.system')} value={form.system} onChange={(e) => setForm({ ...form, system: e.currentTarget.value })} maxLength={200} required />
          <Textarea label={t('retention.note')} value={form.note} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} maxLength={2000} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRecord(null)}>
              {t('common.cancel')}
            </Button>
            <Button loading={busy} disabled={!form.performedOn || !form.performedBy.trim() || !form.system.trim()} onClick={() => void save()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Rules() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const periodText = usePeriodText();
  const q = useApi('retention.rules', {});
  const [edit, setEdit] = useState<Rule | null>(null);
  const [period, setPeriod] = useState<Period>({ value: 0, unit: 'years' });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const sources = new Map((q.data?.sources ?? []).map((s) => [s.id, s]));
  const save = async () => {
    if (!edit) return;
    setError(undefined);
    try {
      await call('retention.setRule', { ruleId: edit.id, period, reason });
      setEdit(null);
    } catch (e) {
      setError(e);
    }
  };
  const reset = async (r: Rule) => {
    try {
      await call('retention.resetRule', { ruleId: r.id, reason: t('retention.resetReason') });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Stack>
      <ErrorAlert error={q.error ?? error} />
      {q.data && (
        <Text size="xs" c="dimmed">
          {t('retention.referenceVersion', { date: formatDay(q.data.checkedOn, lang) })}
        </Text>
      )}
      {q.data?.rules.map((r) => (
        <Card withBorder key={r.id} data-testid="retention-rule" data-rule={r.id}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4}>
              <Title order={5}>{t(`retention.rule.${r.id}`)}</Title>
              <Text size="sm">{r.what[lang]}</Text>
              <Text size="sm">
                <b>{t('retention.period')} :</b> {periodText(r.period)} — {t('retention.after', { event: r.triggerLabel[lang] })}
                {r.overridden && (
                  <Badge ml="xs" color="orange" variant="light" tt="none">
                    {t('retention.changed', { period: periodText(r.defaultPeriod) })}
                  </Badge>
                )}
              </Text>
              {r.overridden && r.overrideReason && (
                <Text size="xs" c="dimmed">
                  {t('retention.changeReason')} : {r.overrideReason}
                </Text>
              )}
              <Text size="sm">
                <b>{t('retention.keeps')} :</b> {r.keeps[lang]}
              </Text>
              <Text size="xs" c="dimmed">
                {t('retention.sources')} :{' '}
                {r.sources.map((s) => {
                  const src = sources.get(s);
                  return (
                    <span key={s}>
                      {src?.title ?? s}
                      {src?.verified === false ? ` (${t('retention.toVerify')})` : ''}.{' '}
                    </span>
                  );
                })}
              </Text>
              {r.alternatives.map((a, i) => (
                <Text size="xs" key={i}>
                  {t('retention.alternative', { period: periodText(a.period) })} {a.note[lang]}
                </Text>
              ))}
            </Stack>
            <Stack gap={6}>
              <Button
                size="compact-sm"
                variant="light"
                onClick={() => {
                  setEdit(r);
                  setPeriod(r.period);
                  setReason('');
                }}
              >
                {t('retention.change')}
              </Button>
              {r.overridden && (
                <Button size="compact-sm" variant="subtle" onClick={() => void reset(r)}>
                  {t('retention.reset')}
                </Button>
              )}
            </Stack>
          </Group>
        </Card>
      ))}
      <Modal opened={edit !== null} onClose={() => setEdit(null)} title={edit ? t(`retention.rule.${edit.id}`) : ''}>
        <Stack>
          <Group grow>
            <NumberInput label={t('retention.period')} min={0} max={1200} value={period.value} onChange={(v) => setPeriod({ ...period, value: typeof v === 'number' ? v : 0 })} />
            <Select
              label={t('retention.unitLabel')}
              value={period.unit}
              allowDeselect={false}
              data={(['days', 'months', 'years'] as const).map((u) => ({ value: u, label: t(`retention.units.${u}`) }))}
              onChange={(v) => setPeriod({ ...period, unit: (v ?? 'years') as Period['unit'] })}
            />
          </Group>
          <Textarea label={t('retention.changeReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={2000} required />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEdit(null)}>
              {t('common.cancel')}
            </Button>
            <Button disabled={!reason.trim()} onClick={() => void save()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

const RIGHT_IDS = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'consent-withdrawal', 'post-mortem', 'automated-decision'] as const;

function Targets() {
  const { t } = useTranslation();
  const q = useApi('retention.targets', {});
  const [draft, setDraft] = useState<MethodOutput<'retention.targets'> | null>(null);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const value = draft ?? q.data;
  const save = async () => {
    if (!value) return;
    setError(undefined);
    try {
      await call('retention.setTargets', value);
      setDraft(null);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  if (!value) return <ErrorAlert error={q.error} />;
  return (
    <Stack maw={620}>
      <ErrorAlert error={q.error ?? error} />
      <Text size="sm" c="dimmed">
        {t('retention.targetsIntro')}
      </Text>
      <NumberInput
        label={t('retention.defaultTarget')}
        description={t('retention.noTargetHint')}
        min={1}
        max={90}
        value={value.defaultDays ?? ''}
        onChange={(v) => {
          setSaved(false);
          setDraft({ ...value, defaultDays: typeof v === 'number' ? v : null });
        }}
        data-testid="retention-default-target"
      />
      <Table>
        <Table.Tbody>
          {RIGHT_IDS.map((r) => (
            <Table.Tr key={r}>
              <Table.Td>{t(`requests.rights.${r}`)}</Table.Td>
              <Table.Td w={160}>
                <NumberInput
                  size="xs"
                  aria-label={t(`requests.rights.${r}`)}
                  min={1}
                  max={90}
                  placeholder={value.defaultDays ? String(value.defaultDays) : '—'}
                  value={value.perRight[r] ?? ''}
                  onChange={(v) => {
                    setSaved(false);
                    const perRight = { ...value.perRight };
                    if (typeof v === 'number') perRight[r] = v;
                    else delete perRight[r];
                    setDraft({ ...value, perRight });
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button onClick={() => void save()} disabled={!draft} data-testid="retention-save-targets">
          {t('common.save')}
        </Button>
        {saved && <Text size="sm" c="teal">{t('retention.targetsSaved')}</Text>}
      </Group>
    </Stack>
  );
}
