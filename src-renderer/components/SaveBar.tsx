import { Button, Group, Paper, Text } from '@mantine/core';
import { IconCheck, IconPencil } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The save bar of a long editor: stays at the bottom of the window while the form scrolls, says
 * whether there is unsaved work, and holds the save and discard buttons.
 */
export function SaveBar({
  dirty,
  saving,
  onSave,
  onDiscard,
  saveLabel,
  disabled,
  testId,
  newRecord,
  children,
}: {
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  onDiscard?: () => void;
  saveLabel?: string;
  disabled?: boolean;
  /** The save button's data-testid (each editor keeps its own). */
  testId: string;
  /** A record not created yet: never « all saved ». */
  newRecord?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      shadow={dirty ? 'md' : 'xs'}
      px="md"
      py="xs"
      mt="lg"
      data-testid="save-bar"
      data-dirty={dirty}
      style={{ position: 'sticky', bottom: 8, zIndex: 5 }}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap={6} wrap="nowrap" c={dirty || newRecord ? 'orange' : 'dimmed'} style={{ minWidth: 0 }}>
          {dirty || newRecord ? <IconPencil size={16} /> : <IconCheck size={16} />}
          <Text size="sm" truncate>
            {newRecord ? t('saveBar.new') : dirty ? t('saveBar.unsaved') : t('saveBar.saved')}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          {children}
          {dirty && onDiscard && (
            <Button variant="subtle" color="gray" onClick={onDiscard} data-testid="save-bar-discard">
              {t('saveBar.discard')}
            </Button>
          )}
          <Button onClick={onSave} loading={saving} disabled={disabled} data-testid={testId}>
            {saveLabel ?? t('common.save')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
