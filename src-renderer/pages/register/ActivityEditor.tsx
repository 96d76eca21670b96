import { ActionIcon, Anchor, Badge, Button, Card, Center, Grid, Group, Loader, RingProgress, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { navigate, setLeaveGuard } from '../../app/routes';
import { PageTitle } from '../../components/PageHeader';
import { SaveBar } from '../../components/SaveBar';
import { SectionIndex } from '../../components/SectionIndex';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors, issuesOf } from '../../components/errors';
import { HistoryTable } from '../../components/HistoryTable';
import { useApi } from '../../hooks/useApi';
import { useEditorDraft } from '../../hooks/useEditorDraft';
import { useUiLanguage } from '../../hooks/useUiLanguage';
import { articleRef } from '../../../src-main/domain/register/article-ref';
import { scoreColor } from './RegisterPage';
import { DataCategoriesSection } from './ActivityCategoriesSection';
import { ProcessorsSection, TransfersSection } from './ActivityLinksSections';
import { DpiaSection, SecuritySection } from './ActivitySecuritySections';
import { ClientsSection, DataSubjectsSection, GeneralSection, PurposesSection, RecipientsSection, SourcesSection } from './ActivitySections';
import { EMPTY_ACTIVITY, type Activity, type ActivityCheck, type ActivityContext, type Vocab } from './activity-form';

/** One register activity: its sections (files beside this one), completeness beside them, the sticky save bar. */
export function ActivityEditor({ id }: { id?: string }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const vocab = useApi('reference.register', {});
  const countries = useApi('reference.countries', {});
  const loaded = useApi('register.get', { id: id ?? '' }, [id]);
  const [check, setCheck] = useState<ActivityCheck>();
  const form = useEditorDraft<Activity>({
    record: id ? loaded.data?.activity : undefined,
    recordKey: id,
    empty: EMPTY_ACTIVITY,
    persist: async (draft) => {
      if (id) {
        await call('register.update', { id, activity: draft });
      } else {
        const r = await call('register.create', { activity: draft });
        // Saved: opening the new record is not "leaving unsaved work".
        setLeaveGuard(null);
        navigate('register', r.id);
      }
      notifications.show({ color: 'teal', title: t('editor.saved'), message: draft.name });
    },
    // A new activity asks before leaving only once it has a name.
    guardWhen: (dirty, d) => (id ? dirty : dirty && d.name.trim() !== ''),
  });
  const { draft, dirty, error, setError } = form;

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
  // Each field's problem in the person's language, keyed by path ("purposes.0.label") and by name.
  const issuePaths = useMemo(() => fieldErrors(t, issuesOf(error)), [error, t]);

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
  const ctx: ActivityContext = { lang, vocab: v, opts, issuePaths, isProcessor, countryOpts, fromVendorFile, vendorTransfers, check };

  const sections = (
    <Stack gap="lg">
      <GeneralSection form={form} ctx={ctx} />
      {isProcessor && <ClientsSection form={form} ctx={ctx} />}
      <PurposesSection form={form} ctx={ctx} />
      {!isProcessor && <DataSubjectsSection form={form} ctx={ctx} />}
      <DataCategoriesSection form={form} ctx={ctx} />
      {!isProcessor && <SourcesSection form={form} ctx={ctx} />}
      <RecipientsSection form={form} ctx={ctx} />
      <ProcessorsSection form={form} ctx={ctx} />
      <TransfersSection form={form} ctx={ctx} />
      <SecuritySection form={form} ctx={ctx} />
      <DpiaSection form={form} ctx={ctx} />
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
              <Tabs.Panel value="record">{sections}</Tabs.Panel>
              <Tabs.Panel value="history">
                <Card withBorder padding="lg">
                  <HistoryTable table="activities" rowId={id} />
                </Card>
              </Tabs.Panel>
            </Tabs>
          ) : (
            sections
          )}
          <SaveBar
            dirty={dirty}
            saving={form.saving}
            onSave={() => void form.save()}
            onDiscard={id ? form.discard : undefined}
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
              <Anchor size="xs" mt="sm" onClick={form.discard}>
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
