import { ActionIcon, Alert, Badge, Button, Card, Grid, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { navigate, setLeaveGuard } from '../../app/routes';
import { PageTitle } from '../../components/PageHeader';
import { EraseButton } from '../../components/EraseButton';
import { SaveBar } from '../../components/SaveBar';
import { SectionIndex } from '../../components/SectionIndex';
import { fileToBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LocalizedError } from '../../components/errors';
import { HistoryTable } from '../../components/HistoryTable';
import { useApi } from '../../hooks/useApi';
import { useEditorDraft } from '../../hooks/useEditorDraft';
import { useUiLanguage } from '../../hooks/useUiLanguage';
import { TiaWizard } from './TiaWizard';
import { Art28Section, ContractSection } from './VendorContractSections';
import { CertificationsSection, ContactsSection, HostingSection, IdentitySection, ReviewRiskSection, SubProcessorsSection } from './VendorSections';
import { TransfersSection } from './VendorTransfersSection';
import { EMPTY_VENDOR, SEVERITY_COLOR, type Vendor, type VendorCheck, type VendorContext, type VendorWarning } from './vendor-form';

/** Same limit as the service (CONTRACT_FILE_MAX_BYTES); checked here too so a huge file never crosses the bridge. */
const CONTRACT_MAX_BYTES = 10 * 1024 * 1024;

/** One vendor: its sections (files beside this one), the live checks beside them, the sticky save bar. */
export function VendorEditor({ id }: { id?: string }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const ref = useApi('vendors.reference', {});
  const loaded = useApi('vendors.get', { id: id ?? '' }, [id]);
  const [check, setCheck] = useState<VendorCheck>();
  const [tiaFor, setTiaFor] = useState<number | null>(null);

  const form = useEditorDraft<Vendor>({
    record: id ? loaded.data?.vendor : undefined,
    recordKey: id,
    empty: EMPTY_VENDOR,
    persist: async (next) => {
      if (id) {
        await call('vendors.update', { id, vendor: next });
        notifications.show({ color: 'teal', title: t('vendors.saved'), message: next.name });
      } else {
        const res = await call('vendors.create', { vendor: next });
        notifications.show({ color: 'teal', title: t('vendors.saved'), message: next.name });
        // Saved: opening the new record is not "leaving unsaved work".
        setLeaveGuard(null);
        navigate('vendors', res.id);
      }
    },
    // A new vendor asks before leaving only once it has a name.
    guardWhen: (dirty, d) => (id ? dirty : dirty && d.name.trim() !== ''),
  });
  const { draft, dirty, error, setError } = form;

  useEffect(() => {
    const timer = setTimeout(() => {
      if (!draft.name.trim()) return setCheck(undefined);
      call('vendors.check', { vendor: draft }).then(setCheck, () => undefined);
    }, 250);
    return () => clearTimeout(timer);
  }, [draft]);

  const r = ref.data;
  const countryOpts = useMemo(() => (r?.countries ?? []).map((c) => ({ value: c.code, label: `${c.name[lang]} (${c.code})` })), [r, lang]);
  const warnings: VendorWarning[] = check?.warnings ?? loaded.data?.warnings ?? [];
  const processor = draft.role === 'processor' || draft.role === 'sub-processor';

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
      const stored = await call('vendors.uploadContract', { id, fileName: file.name, mime: file.type || 'application/octet-stream', contentBase64 });
      // The file is stored at once (only an upload changes it); the form shows it and keeps any unsaved edit.
      form.setDraft((d) => ({ ...d, contract: { ...d.contract, file: stored } }));
    } catch (e) {
      setError(e);
    }
  }

  if (id && loaded.error) return <ErrorAlert error={loaded.error} />;
  if (!r || (id && !loaded.data)) return <Text c="dimmed">{t('vendors.loading')}</Text>;
  const ctx: VendorContext = { id, lang, reference: r, countryOpts };

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
                <IdentitySection form={form} ctx={ctx} />
                <HostingSection form={form} ctx={ctx} />
                <SubProcessorsSection form={form} ctx={ctx} />
                <TransfersSection form={form} ctx={ctx} warnings={warnings} onOpenTia={setTiaFor} />
                <ContractSection form={form} ctx={ctx} onUpload={(f) => void upload(f)} />
                {processor && <Art28Section form={form} ctx={ctx} />}
                <CertificationsSection form={form} ctx={ctx} />
                <ReviewRiskSection form={form} />
                <ContactsSection form={form} ctx={ctx} />
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
            saving={form.saving}
            onSave={() => void form.save()}
            onDiscard={id ? form.discard : undefined}
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
            form.setItem('transfers', tiaFor, { tia });
            // The wizard shows a failed save itself.
            await form.saveOrThrow();
            setTiaFor(null);
          }}
        />
      )}
    </>
  );
}
