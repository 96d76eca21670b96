import { Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../src-main/api/contract';

type SealValue = MethodOutput<'audit.seal'>['seal'];

/** "This workspace is behind what this computer last saw", in the reader's language. */
export function BehindNotice({ seen, found, lang }: { seen: SealValue; found: SealValue; lang: string }) {
  const { t } = useTranslation();
  const formatted = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(seen.at));
  // French writes the first of the month as an ordinal: « 1er décembre 2026 ».
  const seenAt = lang === 'fr' ? formatted.replace(/^1 /, '1er ') : formatted;
  const diverged = found.entries >= seen.entries;
  return (
    <Stack gap={2} mt="sm" data-testid="seal-behind" role="alert">
      <Group gap="xs">
        <IconAlertTriangle color="var(--mantine-color-orange-6)" size={18} />
        <Text fw={600} c="orange">
          {t('audit.behindTitle')}
        </Text>
      </Group>
      <Text size="sm">{t(diverged ? 'audit.behindDiverged' : 'audit.behindBody', { seenAt, seenEntries: seen.entries, foundEntries: found.entries })}</Text>
      <Text size="sm" c="dimmed">
        {t('audit.behindNext')}
      </Text>
    </Stack>
  );
}
