import { Select, type SelectProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../src-main/api/contract';
import { useRecordOptions } from '../hooks/useRecordOptions';

type PickerMethod = 'register.list' | 'vendors.list';

/**
 * One record chosen among a register that may hold thousands: the options come from the server as
 * the person types (accents and case aside), the chosen record is named by its id.
 */
export function RecordSelect<M extends PickerMethod>({
  method,
  value,
  onChange,
  format,
  exclude,
  gone,
  ...rest
}: { gone?: { label: string; error?: string }; method: M; value: string | null; onChange: (id: string | null, item: MethodOutput<M>['items'][number] | undefined) => void; format: (item: MethodOutput<M>['items'][number]) => string; exclude?: string } & Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange' | 'filter'>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const chosen = value ? [value] : [];
  const picker = useRecordOptions(method, chosen, search, format);
  const found = exclude ? picker.options.filter((o) => o.value !== exclude) : picker.options;
  // A chosen record the server no longer knows (moved to the trash): kept, named, and flagged.
  const isGone = Boolean(value && gone && picker.missing.includes(value));
  const options = isGone && value && gone ? [...found, { value, label: gone.label }] : found;
  return (
    <Select
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched what was typed: no second filter here.
      filter={({ options: o }) => o}
      data={options}
      value={value}
      onChange={(id) => onChange(id, picker.items.find((i) => i.id === id))}
      description={picker.more ? t('common.typeToNarrow') : rest.description}
      {...rest}
      error={isGone ? gone?.error : rest.error}
    />
  );
}
