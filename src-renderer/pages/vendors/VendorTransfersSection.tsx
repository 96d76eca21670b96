import { ActionIcon, Badge, Button, Card, Group, Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { IconClipboardCheck, IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { Section } from '../../components/Section';
import type { Transfer } from './TiaWizard';
import { NEW_TRANSFER, SEVERITY_COLOR, dateOrNull, type VendorSectionProps, type VendorWarning } from './vendor-form';

/** Transfers outside the EEA, each with its tool, its measures and its transfer impact assessment (opened on a saved transfer). */
export function TransfersSection({ form, ctx, warnings, onOpenTia }: VendorSectionProps & { warnings: VendorWarning[]; onOpenTia: (index: number) => void }) {
  const { t } = useTranslation();
  const { draft, set, setItem, removeItem, dirty } = form;
  const { id, lang, countryOpts, reference: r } = ctx;
  const transferWarnings = (tid: string) => warnings.filter((w) => w.transferId && w.transferId === tid);
  return (
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
            <Button size="xs" variant="light" leftSection={<IconClipboardCheck size={14} />} disabled={!id || !tr.id || dirty} onClick={() => onOpenTia(i)} data-testid={`transfer-${i}-tia`}>
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
  );
}
