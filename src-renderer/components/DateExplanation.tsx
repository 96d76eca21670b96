import { Badge, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../src-main/api/contract';
import { useUiLanguage } from '../hooks/useUiLanguage';

type Explanation = MethodOutput<'tools.deadlines'>['explanation']['oneMonth'];

/** "Why this date?": the receipt day, the month step and each skipped day with its reason. */
export function DateExplanation({ explanation }: { explanation: Explanation }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  return (
    <>
      <List size="sm" spacing={4} data-testid="explanation">
        {explanation.steps[lang].map((s, i) => (
          <List.Item key={i}>{s}</List.Item>
        ))}
      </List>
      {explanation.skipped.length > 0 && (
        <Group gap={6} mt="xs">
          {explanation.skipped.map((d) => (
            <Badge key={d.date} variant="light" color={d.kind === 'holiday' ? 'grape' : 'gray'}>
              {d.date} · {d.kind === 'holiday' ? d.name : t(`deadlines.${d.kind}`)}
            </Badge>
          ))}
        </Group>
      )}
      {explanation.clamped && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('deadlines.clamped')}
        </Text>
      )}
    </>
  );
}
