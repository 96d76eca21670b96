import { TextInput, createTheme, localStorageColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // No one-line field accepts an unbounded text: fields with a tighter contract limit set their own (components/limits.tsx).
    TextInput: TextInput.extend({ defaultProps: { maxLength: 2000 } }),
  },
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'vigie.color-scheme' });
