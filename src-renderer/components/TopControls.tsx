import { ActionIcon, Group, SegmentedControl, Tooltip, useMantineColorScheme } from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';
import { useUiLanguage } from '../hooks/useUiLanguage';

/** Language and light/dark switches, both remembered on this computer. */
export function TopControls() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Group gap="xs">
      <SegmentedControl
        size="xs"
        aria-label={t('prefs.language')}
        data-testid="language-switch"
        value={lang}
        onChange={(v) => setLanguage(v as Language)}
        data={[
          { value: 'fr', label: 'FR' },
          { value: 'en', label: 'EN' },
        ]}
      />
      <Tooltip label={colorScheme === 'dark' ? t('prefs.light') : t('prefs.dark')}>
        <ActionIcon variant="default" size="lg" aria-label={t('prefs.theme')} onClick={() => setColorScheme(colorScheme === 'dark' ? 'light' : 'dark')}>
          {colorScheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
