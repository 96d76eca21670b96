import { Alert, Checkbox, Group, List, MultiSelect, SimpleGrid, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/Section';
import { DateField } from '../../components/DateField';
import { ART, type ActivitySectionProps } from './activity-form';

/** Security measures (art. 30(1)(g), 32). */
export function SecuritySection({ form, ctx }: ActivitySectionProps) {
  const { t } = useTranslation();
  const { draft, set } = form;
  const { lang, vocab: v } = ctx;
  return (
    <Section title={t('editor.security')} article={ART['security'][lang]}>
      <Checkbox.Group value={draft.securityMeasures.catalogue} onChange={(x) => set('securityMeasures', { ...draft.securityMeasures, catalogue: x as never })}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing={6}>
          {(v.securityMeasures ?? []).map((m) => (
            <Checkbox key={m.id} value={m.id} label={m.label[lang]} data-testid={`security-${m.id}`} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Textarea label={t('editor.securityOther')} autosize minRows={2} value={draft.securityMeasures.other ?? ''} onChange={(e) => set('securityMeasures', { ...draft.securityMeasures, other: e.currentTarget.value })} />
    </Section>
  );
}

/** Whether a DPIA is needed (WP248 criteria, the CNIL list, art. 35(3)) and whether it was done. */
export function DpiaSection({ form, ctx }: ActivitySectionProps) {
  const { t } = useTranslation();
  const { draft, set } = form;
  const { lang, vocab: v, opts, check } = ctx;
  return (
    <Section title={t('editor.dpia')} article={ART['dpia'][lang]}>
      {check && (
        <Alert color={check.dpia.result === 'required' ? 'red' : check.dpia.result === 'likely' ? 'orange' : check.dpia.result === 'to-examine' ? 'yellow' : 'teal'} title={t(`editor.dpiaResult.${check.dpia.result}`)} data-testid="dpia-result" data-result={check.dpia.result}>
          <List size="sm">
            {check.dpia.reasons[lang].map((r, k) => (
              <List.Item key={k}>{r}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Text size="sm" fw={600}>
        {t('editor.wp248')}
      </Text>
      <Checkbox.Group value={draft.dpia.criteria} onChange={(x) => set('dpia', { ...draft.dpia, criteria: x as never })}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6}>
          {(v.wp248 ?? []).map((m) => (
            <Checkbox key={m.id} value={m.id} label={m.label[lang]} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <MultiSelect label={t('editor.cnilList')} value={draft.dpia.cnilListItems} onChange={(x) => set('dpia', { ...draft.dpia, cnilListItems: x as never })} data={opts('cnilDpia')} />
      <MultiSelect label={t('editor.art35_3')} value={draft.dpia.art35_3} onChange={(x) => set('dpia', { ...draft.dpia, art35_3: x as never })} data={opts('art35_3')} />
      <Group>
        <Checkbox label={t('editor.dpiaDone')} checked={Boolean(draft.dpia.done)} onChange={(e) => set('dpia', { ...draft.dpia, done: e.currentTarget.checked })} />
        <DateField label={t('editor.dpiaDoneOn')} value={draft.dpia.doneOn ?? ''} onChange={(e) => set('dpia', { ...draft.dpia, doneOn: e.currentTarget.value || undefined })} />
      </Group>
      <Textarea label={t('editor.dpiaNote')} autosize minRows={2} value={draft.dpia.note ?? ''} onChange={(e) => set('dpia', { ...draft.dpia, note: e.currentTarget.value })} />
    </Section>
  );
}
