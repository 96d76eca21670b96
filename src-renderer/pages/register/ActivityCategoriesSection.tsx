import { ActionIcon, Button, Card, Checkbox, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/Section';
import { ART, type ActivitySectionProps, type Period } from './activity-form';

/** A retention period: a duration, or an event described in words (optional for the intermediate period). */
function PeriodInput({ label, value, onChange, optional }: { label: string; value: Period | undefined; onChange: (p: Period | undefined) => void; optional?: boolean }) {
  const { t } = useTranslation();
  const isEvent = value !== undefined && 'kind' in value;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <SegmentedControl
          size="xs"
          value={value === undefined ? 'none' : isEvent ? 'event' : 'duration'}
          onChange={(v) => onChange(v === 'none' ? undefined : v === 'event' ? { kind: 'event', description: '' } : { value: 1, unit: 'years' })}
          data={[...(optional ? [{ value: 'none', label: t('editor.none') }] : []), { value: 'duration', label: t('editor.duration') }, { value: 'event', label: t('editor.event') }]}
        />
      </Group>
      {value !== undefined &&
        ('kind' in value ? (
          <TextInput placeholder={t('editor.eventPlaceholder')} value={value.description} onChange={(e) => onChange({ kind: 'event', description: e.currentTarget.value })} />
        ) : (
          <Group grow>
            <NumberInput min={1} value={value.value} onChange={(v) => onChange({ ...value, value: Math.max(1, Math.round(Number(v) || 1)) })} aria-label={label} />
            <Select
              value={value.unit}
              onChange={(u) => u && onChange({ ...value, unit: u as 'days' | 'months' | 'years' })}
              data={['days', 'months', 'years'].map((u) => ({ value: u, label: t(`editor.units.${u}`) }))}
            />
          </Group>
        ))}
    </Stack>
  );
}

/** The categories of data, each with its retention (art. 30(1)(c) and (f)). */
export function DataCategoriesSection({ form, ctx }: ActivitySectionProps) {
  const { t } = useTranslation();
  const { draft, set, setItem, removeItem } = form;
  const { lang, opts } = ctx;
  const nextCatId = () => `cat-${draft.dataCategories.reduce((m, c) => Math.max(m, Number(/(\d+)$/.exec(c.id)?.[1] ?? 0)), 0) + 1}`;
  return (
    <Section
      title={t('editor.dataCategories')}
      article={ART['categories'][lang]}
      action={
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('dataCategories', [...draft.dataCategories, { id: nextCatId(), label: '', family: null, special: null, retention: null }])} data-testid="add-category">
          {t('editor.add')}
        </Button>
      }
    >
      {draft.dataCategories.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('editor.noCategories')}
        </Text>
      )}
      {draft.dataCategories.map((c, i) => (
        <Card key={c.id} withBorder padding="sm" bg="var(--mantine-color-default-hover)">
          <Group align="start" wrap="nowrap">
            <Stack gap="xs" style={{ flex: 1 }}>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t('editor.categoryLabel')} value={c.label} onChange={(e) => setItem('dataCategories', i, { label: e.currentTarget.value })} data-testid={`category-${i}-label`} />
                <Select label={t('editor.family')} clearable value={c.family ?? null} onChange={(f) => setItem('dataCategories', i, { family: (f ?? null) as never })} data={opts('families')} />
                <Select label={t('editor.special')} clearable value={c.special ?? null} onChange={(f) => setItem('dataCategories', i, { special: (f ?? null) as never })} data={opts('specialCategories')} />
              </SimpleGrid>
              <Checkbox
                label={t('editor.hasRetention')}
                checked={c.retention !== null}
                onChange={(e) => setItem('dataCategories', i, { retention: e.currentTarget.checked ? { activePeriod: { value: 1, unit: 'years' }, activeTrigger: '', finalFate: 'deletion' } : null })}
                data-testid={`category-${i}-retention`}
              />
              {c.retention && (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <PeriodInput label={t('editor.activePeriod')} value={c.retention.activePeriod} onChange={(p) => p && setItem('dataCategories', i, { retention: { ...c.retention!, activePeriod: p } })} />
                  <TextInput label={t('editor.trigger')} value={c.retention.activeTrigger} onChange={(e) => setItem('dataCategories', i, { retention: { ...c.retention!, activeTrigger: e.currentTarget.value } })} />
                  <PeriodInput optional label={t('editor.intermediatePeriod')} value={c.retention.intermediatePeriod} onChange={(p) => setItem('dataCategories', i, { retention: { ...c.retention!, intermediatePeriod: p } })} />
                  <Select label={t('editor.finalFate')} value={c.retention.finalFate} onChange={(f) => f && setItem('dataCategories', i, { retention: { ...c.retention!, finalFate: f as never } })} data={opts('finalFates')} />
                  <TextInput label={t('editor.legalReference')} value={c.retention.legalReference ?? ''} onChange={(e) => setItem('dataCategories', i, { retention: { ...c.retention!, legalReference: e.currentTarget.value } })} />
                </SimpleGrid>
              )}
            </Stack>
            <ActionIcon variant="subtle" color="red" mt={24} onClick={() => removeItem('dataCategories', i)} aria-label={t('editor.remove')}>
              <IconX size={16} />
            </ActionIcon>
          </Group>
        </Card>
      ))}
    </Section>
  );
}
