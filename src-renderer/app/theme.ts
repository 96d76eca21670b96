import { MultiSelect, Select, TextInput, createTheme, localStorageColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // No one-line field accepts an unbounded text: fields with a tighter contract limit set their own (components/limits.tsx).
    TextInput: TextInput.extend({ defaultProps: { maxLength: 2000 } }),
    // Long legal labels (legal bases, CNIL list items) wrap in the list instead of being cut.
    Select: Select.extend({ styles: { option: { whiteSpace: 'normal', overflowWrap: 'anywhere' } } }),
    MultiSelect: MultiSelect.extend({ styles: { option: { whiteSpace: 'normal', overflowWrap: 'anywhere' }, pill: { maxWidth: '100%' } } }),
  },
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: 'vigie.color-scheme' });
