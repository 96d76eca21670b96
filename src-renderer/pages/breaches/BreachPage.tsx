import { Button, Group, Tabs, Text } from '@mantine/core';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { navigate } from '../../app/routes';
import { SaveBar } from '../../components/SaveBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HistoryTable } from '../../components/HistoryTable';
import { PageHeader } from '../../components/PageHeader';
import { EraseButton } from '../../components/EraseButton';
import { useApi } from '../../hooks/useApi';
import { useEditorDraft } from '../../hooks/useEditorDraft';
import { ClockCard } from './BreachClockCard';
import { DecisionsTab, NotificationsTab, SeverityTab } from './BreachDecisionTabs';
import { DocumentsTab, TimelineTab } from './BreachDocumentsTab';
import { FactsTab } from './BreachFactsTab';
import { EvidenceCard } from './EvidenceCard';
import type { BreachData, BreachDetail } from './common';

/** One breach: the clock on top, then its record, severity, decisions, notifications, documents and timeline. */
export function BreachPage({ id }: { id: string }) {
  const q = useApi('breaches.get', { id }, [id]);
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return null;
  return <BreachEditor key={id} id={id} data={q.data} />;
}

/** The loaded breach: its tabs (files beside this one) edit one draft, saved from the sticky save bar. */
function BreachEditor({ id, data }: { id: string; data: BreachDetail }) {
  const { t } = useTranslation();
  const ref = useApi('breaches.reference', {});
  const profile = useApi('profile.get', {});
  const [tab, setTab] = useState<string | null>('record');
  // The cache refreshes this record after any breach change (e.g. an evidence file): the draft
  // takes the new copy only while it holds no unsaved edits (useEditorDraft).
  const form = useEditorDraft<BreachData>({
    record: data.breach,
    recordKey: id,
    empty: data.breach,
    persist: async (breach) => {
      await call('breaches.update', { id, breach });
    },
  });
  const { draft: b, update: set, dirty, error, setError } = form;
  // Evidence files are saved on their own (not with the record), so adding one never discards unsaved edits.
  const [files, setFiles] = useState<BreachDetail['files']>(data.files);
  useEffect(() => setFiles(data.files), [data.files]);
  const actor = profile.data?.profile.dpo_name ?? '';
  return (
    <div data-testid="breach-page" data-reference={data.breach.reference}>
      <PageHeader
        title={`${data.breach.reference} — ${data.breach.title}`}
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
      <ClockCard data={data} />
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
          <FactsTab b={b} set={set} data={data} refData={ref.data} />
        </Tabs.Panel>
        <Tabs.Panel value="severity">
          <SeverityTab b={b} set={set} actor={actor} />
        </Tabs.Panel>
        <Tabs.Panel value="decisions">
          <DecisionsTab b={b} set={set} data={data} actor={actor} />
        </Tabs.Panel>
        <Tabs.Panel value="notifications">
          <NotificationsTab b={b} set={set} data={data} />
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <DocumentsTab data={data} dirty={dirty} />
        </Tabs.Panel>
        <Tabs.Panel value="evidence">
          <EvidenceCard breachId={id} files={files} onChange={setFiles} tz={b.timeZone} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <TimelineTab b={b} data={data} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <HistoryTable table="breaches" rowId={id} />
        </Tabs.Panel>
      </Tabs>
      <SaveBar dirty={dirty} saving={form.saving} onSave={() => void form.save()} onDiscard={form.discard} disabled={!dirty} saveLabel={t('breach.save')} testId="breach-save">
        {form.justSaved && !dirty && (
          <Text size="sm" c="teal" data-testid="breach-saved">
            {t('breach.saved')}
          </Text>
        )}
      </SaveBar>
    </div>
  );
}
