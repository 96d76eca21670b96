import { Alert, Button, Card, Code, CopyButton, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconCopy, IconFileTypeDocx } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../../components/useBusy';
import { call } from '../../api';
import { DOCX_MIME, downloadBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useUiLanguage } from '../../hooks/useUiLanguage';
import type { MethodOutput } from '../../../src-main/api/contract';
import { formatInstant, type BreachData, type BreachDetail } from './common';

type Draft = MethodOutput<'breaches.draft'>;

/** The notification draft (CNIL form or the notice to the controllers) and the letters to the people. */
export function DocumentsTab({ data, dirty }: { data: BreachDetail; dirty: boolean }) {
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

/** Everything dated on the breach, in order, with the notification deadline. */
export function TimelineTab({ b, data }: { b: BreachData; data: BreachDetail }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const tz = b.timeZone;
  const events = useMemo(() => {
    const e: Array<{ at: string; key: string; text?: string; color?: string }> = [];
    if (b.occurred.from) e.push({ at: b.occurred.from, key: 'occurredFrom' });
    if (b.occurred.to) e.push({ at: b.occurred.to, key: 'occurredTo' });
    for (const v of b.vendors) if (v.informedUsAt) e.push({ at: v.informedUsAt, key: 'vendorInformedUs', text: v.name });
    if (b.discoveredAt) e.push({ at: b.discoveredAt, key: 'discovered', text: b.reportedBy });
    e.push({ at: b.awareAt, key: 'aware', color: 'blue' });
    if (b.severity?.assessedAt) e.push({ at: b.severity.assessedAt, key: 'severity', text: b.severity.level ? `SE = ${(b.severity.score ?? 0).toLocaleString(lang)} (${t(`severity.level.${b.severity.level}`)})` : '' });
    if (b.decisions.authority.decidedAt) e.push({ at: b.decisions.authority.decidedAt, key: 'authorityDecision', text: `${t(`breach.decision.authority.${b.decisions.authority.decision}`)} — ${b.decisions.authority.decidedBy}` });
    if (b.decisions.people.decidedAt) e.push({ at: b.decisions.people.decidedAt, key: 'peopleDecision', text: `${t(`breach.decision.people.${b.decisions.people.decision}`)} — ${b.decisions.people.decidedBy}` });
    if (b.decisions.people.communicatedAt) e.push({ at: b.decisions.people.communicatedAt, key: 'communicated', text: b.decisions.people.means });
    for (const n of b.notifications) e.push({ at: n.sentAt, key: n.phase === 'initial' ? 'notifiedInitial' : 'notifiedComplementary', text: n.authorityReference, color: 'teal' });
    for (const c of b.controllersInformed) e.push({ at: c.informedAt, key: 'controllerInformed', text: `${c.name} — ${c.means}`, color: 'teal' });
    const deadline = new Date(data.computed.notifyBy).toISOString();
    e.push({ at: deadline, key: 'deadline', color: data.computed.overdue ? 'red' : 'orange' });
    return e.sort((x, y) => new Date(x.at).getTime() - new Date(y.at).getTime());
  }, [b, data, t, lang]);
  return (
    <Card withBorder padding="lg">
      <Timeline bulletSize={16} lineWidth={2}>
        {events.map((ev, i) => (
          <Timeline.Item key={i} color={ev.color} title={t(`breach.timeline.${ev.key}`)} data-testid="timeline-event" data-kind={ev.key}>
            <Text size="xs" c="dimmed">
              {formatInstant(ev.at, tz, lang, true)}
            </Text>
            {ev.text && <Text size="sm">{ev.text}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
