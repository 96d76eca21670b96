import {
  Accordion,
  Alert,
  Anchor,
  Button,
  Card,
  FileInput,
  Grid,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconFileTypeDocx, IconInfoCircle, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { ApiCallError, call } from '../../api';
import { navigate } from '../../app/routes';
import { limit } from '../../components/limits';
import { DateExplanation } from '../../components/DateExplanation';
import { DOCX_MIME, downloadBase64, fileToBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LocalizedError } from '../../components/errors';
import { HistoryTable } from '../../components/HistoryTable';
import { PageHeader } from '../../components/PageHeader';
import { CaseDetailsForm } from './CaseDetailsForm';
import { EraseButton } from '../../components/EraseButton';
import { useApi } from '../../hooks/useApi';
import { localizeEventSummary } from '../../../src-main/domain/requests/event-summary';
import { LETTERS, StatusBadge, formatDay, type CaseDetail } from './common';
import { useUiLanguage } from '../../hooks/useUiLanguage';

const MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024;
const EVENT_KINDS = ['letter-in', 'letter-out', 'call', 'note', 'clarification', 'identity-received'] as const;

/** The deadlines, always on top of the case, each with its "why this date?". */
function DeadlinesCard({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const s = data.summary;
  const d = data.deadlines;
  const tiles: Array<{ key: 'oneMonth' | 'extensionNoticeBy' | 'threeMonths' | 'threeMonthsPrudent'; date: string; active: boolean }> = [
    { key: 'oneMonth', date: d.oneMonth, active: s.dueDate === d.oneMonth },
    { key: 'extensionNoticeBy', date: d.extensionNoticeBy, active: !s.extended && !s.closed },
    { key: 'threeMonths', date: d.threeMonths, active: s.dueDate === d.threeMonths },
  ];
  if (d.threeMonthsPrudent !== d.threeMonths) tiles.push({ key: 'threeMonthsPrudent', date: d.threeMonthsPrudent, active: s.dueDate === d.threeMonths });
  return (
    <Card withBorder padding="md" mb="md" data-testid="case-deadlines" style={{ position: 'sticky', top: 'var(--app-shell-header-offset, 0px)', zIndex: 3 }}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <StatusBadge status={s.status} testId="case-status" />
          <Text size="sm" c={s.calendarDaysLeft < 0 && !s.closed ? 'red' : 'dimmed'} data-testid="case-days-left">
            {s.closed ? t('dsar.closedOn', { date: formatDay(s.responseSentOn, lang) }) : s.calendarDaysLeft < 0 ? t('dsar.daysLate', { count: -s.calendarDaysLeft }) : t('dsar.workingDaysLeft', { count: s.workingDaysLeft })}
          </Text>
        </Group>
        <Group gap="xs">
          {s.target && (
            <Text size="xs" c={s.targetMissed ? 'orange' : 'dimmed'} fw={s.targetMissed ? 700 : undefined} data-testid="case-target" data-missed={s.targetMissed}>
              {t('retention.target', { date: formatDay(s.target.on, lang) })}
              {s.targetMissed ? ` — ${t('retention.targetMissed')}` : ''}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t('dsar.calendarOf', { code: s.jurisdiction })} · {t(`dsar.jurisdictionSource.${data.jurisdictionSource}`)}
          </Text>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, md: tiles.length }}>
        {tiles.map((tile) => (
          <div key={tile.key} data-testid={`case-deadline-${tile.key}`} data-date={tile.date}>
            <Text size="xs" c="dimmed">
              {t(`dsar.deadline.${tile.key}`)}
            </Text>
            <Text fw={700} size="lg" c={tile.active ? undefined : 'dimmed'}>
              {formatDay(tile.date, lang, true)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {d.paused && (
        <Alert mt="sm" color="yellow" variant="light" icon={<IconInfoCircle />} data-testid="case-paused" p="xs">
          <Text size="xs">{t('dsar.paused', { count: d.paused.days, date: formatDay(d.paused.oneMonth, lang), requested: formatDay(d.paused.infoRequestedOn, lang), received: formatDay(d.paused.infoReceivedOn, lang) })}</Text>
        </Alert>
      )}
    </Card>
  );
}

/** Storage limitation on this case: what a retention purge kept, and any hold that postpones it. */
function RetentionNotes({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const purge = data.case.purge;
  return (
    <>
      {purge && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle />} mb="sm" data-testid="case-purged">
          {t('retention.casePurged', { date: formatDay(purge.on, lang), by: purge.by, rule: t(`retention.rule.${purge.rule}`), keeps: t('retention.keptCase') })}
        </Alert>
      )}
      {data.holds.map((h) => (
        <Alert key={h.id} color="orange" variant="light" icon={<IconInfoCircle />} mb="sm" data-testid="case-hold">
          {t('retention.caseHeld', { date: formatDay(h.placedOn, lang), reason: h.reason })}
        </Alert>
      ))}
    </>
  );
}

/** "Why this date?" for each deadline (outside the sticky card so it never hides the form). */
function WhyCard({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const d = data.deadlines;
  return (
    <Accordion mb="md" variant="contained" chevronPosition="left">
      <Accordion.Item value="why">
        <Accordion.Control data-testid="case-why">{t('deadlines.why')}</Accordion.Control>
        <Accordion.Panel>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <div>
              <Text size="sm" fw={600} mb={4}>
                {t('dsar.deadline.oneMonth')}
              </Text>
              <DateExplanation explanation={d.explanation.oneMonth} />
            </div>
            <div>
              <Text size="sm" fw={600} mb={4}>
                {t('dsar.deadline.threeMonths')}
              </Text>
              <DateExplanation explanation={d.explanation.threeMonths} />
              {d.threeMonthsPrudent !== d.threeMonths && (
                <>
                  <Text size="sm" fw={600} mt="sm" mb={4}>
                    {t('dsar.deadline.threeMonthsPrudent')}
                  </Text>
                  <DateExplanation explanation={d.explanation.threeMonthsPrudent} />
                </>
              )}
            </div>
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="sm">
            {t('deadlines.source')}
          </Text>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

function CaseTimeline({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const [occurredOn, setOccurredOn] = useState(data.today);
  const [kind, setKind] = useState<(typeof EVENT_KINDS)[number]>('letter-in');
  const [direction, setDirection] = useState<'in' | 'out' | 'internal'>('in');
  const [summary, setSummary] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const attachments = new Map(data.attachments.map((a) => [a.id, a]));

  async function download(id: string) {
    try {
      const a = await call('requests.attachment', { id });
      downloadBase64(a.fileName, a.contentBase64, a.mediaType);
    } catch (e) {
      setError(e);
    }
  }

  async function add() {
    setError(undefined);
    if (file && file.size > MAX_ATTACHMENT_BYTES) {
      setError(new LocalizedError(t('dsar.tooLarge', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1) }), 'attachment_too_large'));
      return;
    }
    setBusy(true);
    try {
      await call('requests.addEvent', { id: data.id, occurredOn, kind, direction, summary, ...(file ? { attachment: { fileName: file.name, contentBase64: await fileToBase64(file), mediaType: file.type || undefined } } : {}) });
      setSummary('');
      setFile(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack>
      <Timeline bulletSize={18} lineWidth={2} active={data.events.length} data-testid="case-timeline">
        {data.events.map((e) => {
          const a = e.attachmentId ? attachments.get(e.attachmentId) : undefined;
          return (
            <Timeline.Item key={e.id} title={`${formatDay(e.occurredOn, lang)} — ${t(`dsar.eventKinds.${e.kind}`, { defaultValue: e.kind })}`} data-testid="case-event" data-kind={e.kind}>
              <Text size="sm" data-testid="case-event-summary">
                {localizeEventSummary(e.summary, lang)}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`dsar.directions.${e.direction}`)}
              </Text>
              {a && (
                <Anchor size="sm" component="button" type="button" onClick={() => void download(a.id)} data-testid="case-event-attachment">
                  <IconPaperclip size={12} /> {a.fileName} ({Math.max(1, Math.round(a.size / 1024))} Kio)
                </Anchor>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
      <Card withBorder padding="md">
        <Title order={6} mb="xs">
          {t('dsar.addEvent')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <DateField label={t('dsar.field.occurredOn')} value={occurredOn} onChange={(e) => setOccurredOn(e.currentTarget.value)} />
          <Select label={t('dsar.field.eventKind')} value={kind} allowDeselect={false} onChange={(v) => v && setKind(v as (typeof EVENT_KINDS)[number])} data={EVENT_KINDS.map((k) => ({ value: k, label: t(`dsar.eventKinds.${k}`) }))} />
          <Select label={t('dsar.field.direction')} value={direction} allowDeselect={false} onChange={(v) => v && setDirection(v as 'in' | 'out' | 'internal')} data={(['in', 'out', 'internal'] as const).map((d) => ({ value: d, label: t(`dsar.directions.${d}`) }))} />
        </SimpleGrid>
        <Textarea mt="sm" label={t('dsar.field.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} {...limit(summary, 4000)} autosize minRows={2} data-testid="event-summary" />
        <FileInput mt="sm" label={t('dsar.field.attachment')} description={t('dsar.attachmentHelp')} value={file} onChange={setFile} clearable leftSection={<IconPaperclip size={14} />} data-testid="event-file" />
        <ErrorAlert error={error} />
        <Group mt="sm">
          <Button onClick={() => void add()} loading={busy} disabled={!summary.trim() && !file} data-testid="event-add">
            {t('dsar.addEventButton')}
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}

function LettersCard({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const ui = useUiLanguage();
  const [lang, setLang] = useState<'fr' | 'en'>(ui);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  // A letter refused for missing content can still be produced as a draft marked « PROJET » on every page.
  const [incomplete, setIncomplete] = useState<{ type: (typeof LETTERS)[number]; missing: string[] }>();
  const refusalReady = data.case.outcome.result === 'refused' || data.case.outcome.result === 'partly';
  async function generate(type: (typeof LETTERS)[number], draft = false) {
    setError(undefined);
    setIncomplete(undefined);
    setBusy(type);
    try {
      const r = await call('requests.letter', { id: data.id, type, lang, ...(draft ? { draft: true } : {}) });
      downloadBase64(r.fileName, r.contentBase64, DOCX_MIME);
    } catch (e) {
      const details = e instanceof ApiCallError ? (e.error.details as { missing?: string[] } | undefined) : undefined;
      if (e instanceof ApiCallError && e.code === 'letter_incomplete' && details?.missing) setIncomplete({ type, missing: details.missing });
      else setError(e);
    } finally {
      setBusy(undefined);
    }
  }
  return (
    <Card withBorder padding="md" data-testid="case-letters">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('dsar.letters.title')}</Title>
        <SegmentedControl
          size="xs"
          value={lang}
          onChange={(v) => setLang(v as 'fr' | 'en')}
          data={[
            { value: 'fr', label: 'FR' },
            { value: 'en', label: 'EN' },
          ]}
          data-testid="letter-lang"
        />
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('dsar.letters.help')}
      </Text>
      <Stack gap="xs">
        {LETTERS.map((type) => (
          <Button
            key={type}
            variant="light"
            justify="flex-start"
            leftSection={<IconFileTypeDocx size={16} />}
            loading={busy === type}
            disabled={(type === 'refusal' && !refusalReady) || (type === 'response-cover' && !data.case.outcome.result)}
            onClick={() => void generate(type)}
            data-testid={`letter-${type}`}
          >
            {t(`dsar.letters.${type}`)}
          </Button>
        ))}
      </Stack>
      {incomplete && (
        <Alert mt="sm" color="orange" icon={<IconAlertTriangle size={18} />} title={t('dsar.letters.incompleteTitle')} data-testid="letter-incomplete">
          <Text size="sm">{t('dsar.letters.incompleteHelp')}</Text>
          <ul>
            {incomplete.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          <Button size="xs" variant="light" color="orange" onClick={() => void generate(incomplete.type, true)} data-testid="letter-draft">
            {t('dsar.letters.makeDraft')}
          </Button>
        </Alert>
      )}
      <ErrorAlert error={error} />
    </Card>
  );
}

/** One case file: deadlines always in view, the details, the timeline, the letters and the history. */
export function CasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const q = useApi('requests.get', { id, lang }, [id, lang]);
  const [tab, setTab] = useState<string | null>('details');
  const [error, setError] = useState<unknown>();
  const data = q.data;

  if (!data) return <ErrorAlert error={q.error} />;
  return (
    <div data-testid="case-page" data-reference={data.reference}>
      <PageHeader
        title={`${data.reference} — ${data.case.requester.name}`}
        subtitle={data.case.rights.map((r) => t(`dsar.rights.${r}`)).join(' · ')}
        actions={
          <Group>
            <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('requests')} data-testid="case-back">
              {t('dsar.back')}
            </Button>
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => void call('requests.delete', { id }).then(() => navigate('requests'), setError)}
              data-testid="case-trash"
            >
              {t('dsar.trash')}
            </Button>
            <EraseButton table="requests" id={id} />
          </Group>
        }
      />
      <ErrorAlert error={error ?? q.error} />
      <DeadlinesCard data={data} />
      <WhyCard data={data} />
      <RetentionNotes data={data} />
      {data.warnings.map((w) => (
        <Alert key={w.code} color={w.code === 'awaiting-identity' ? 'grape' : 'red'} variant="light" icon={<IconAlertTriangle />} mb="sm" data-testid={`case-warning-${w.code}`}>
          {w.message[lang]}
        </Alert>
      ))}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Tabs value={tab} onChange={setTab}>
            <Tabs.List mb="md">
              <Tabs.Tab value="details" data-testid="tab-details">
                {t('dsar.tabs.details')}
              </Tabs.Tab>
              <Tabs.Tab value="timeline" data-testid="tab-timeline">
                {t('dsar.tabs.timeline')} ({data.events.length})
              </Tabs.Tab>
              <Tabs.Tab value="history" data-testid="tab-history">
                {t('dsar.tabs.history')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="details">
              <CaseDetailsForm data={data} />
            </Tabs.Panel>
            <Tabs.Panel value="timeline">
              <CaseTimeline data={data} />
            </Tabs.Panel>
            <Tabs.Panel value="history">{tab === 'history' && <HistoryTable table="requests" rowId={id} />}</Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <LettersCard data={data} />
            <Card withBorder padding="md" data-testid="case-attachments">
              <Title order={5} mb="xs">
                {t('dsar.attachments')}
              </Title>
              {data.attachments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('dsar.noAttachments')}
                </Text>
              ) : (
                <Stack gap={4}>
                  {data.attachments.map((a) =>
                    a.purged ? (
                      <Text key={a.id} size="sm" c="dimmed" td="line-through" title={`SHA-256 ${a.sha256}`} data-testid="case-attachment-purged">
                        {a.fileName} — {t('retention.filePurged')}
                      </Text>
                    ) : (
                    <Anchor
                      key={a.id}
                      size="sm"
                      component="button"
                      type="button"
                      ta="left"
                      onClick={() => void call('requests.attachment', { id: a.id }).then((f) => downloadBase64(f.fileName, f.contentBase64, f.mediaType), setError)}
                      data-testid="case-attachment"
                    >
                      {a.fileName}
                    </Anchor>
                    ),
                  )}
                </Stack>
              )}
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </div>
  );
}
