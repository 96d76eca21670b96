import { Anchor, Badge, Button, FileButton, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { DateField } from '../../components/DateField';
import { downloadBase64 } from '../../components/download';
import { limit } from '../../components/limits';
import { Section } from '../../components/Section';
import { ART28_COLOR, dateOrNull, type Vendor, type VendorSectionProps } from './vendor-form';

/** The data processing agreement: signature date, version and the signed file (stored in the workspace). */
export function ContractSection({ form, ctx, onUpload }: VendorSectionProps & { onUpload: (file: File | null) => void }) {
  const { t } = useTranslation();
  const { draft, set, setError } = form;
  const { id } = ctx;
  return (
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
          <FileButton onChange={onUpload} accept="application/pdf,.pdf,.docx,.odt">
            {(props) => (
              <Button {...props} size="xs" variant="default" leftSection={<IconUpload size={14} />} disabled={!id} data-testid="contract-upload">
                {t('vendors.upload')}
              </Button>
            )}
          </FileButton>
        </Stack>
      </SimpleGrid>
    </Section>
  );
}

/** The art. 28(3) clauses, audit rights and the breach notification delay (processors only). */
export function Art28Section({ form, ctx }: VendorSectionProps) {
  const { t } = useTranslation();
  const { draft, set } = form;
  const { lang, reference: r } = ctx;
  return (
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
  );
}
