import { ActionIcon, Anchor, Button, Group, List, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RecordSelect } from '../../components/RecordSelect';
import { Section } from '../../components/Section';
import { navigate } from '../../app/routes';
import { ART, type ActivitySectionProps } from './activity-form';

// The activity's processors and transfers, linked to the vendor records.

/** The processors, linked to vendor records (art. 28, 30(1)(d)). */
export function ProcessorsSection({ form, ctx }: ActivitySectionProps) {
  const { t } = useTranslation();
  const { draft, set, setItem, removeItem } = form;
  const { lang, fromVendorFile } = ctx;
  return (
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
  );
}

/** Transfers outside the EEA, and those inherited from the vendors (art. 30(1)(e), 44 to 49). */
export function TransfersSection({ form, ctx }: ActivitySectionProps) {
  const { t } = useTranslation();
  const { draft, set, setItem, removeItem } = form;
  const { lang, opts, countryOpts, vendorTransfers } = ctx;
  return (
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
  );
}
