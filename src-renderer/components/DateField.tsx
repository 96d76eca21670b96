import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseTypedDate } from '../../src-main/domain/typed-date';

/**
 * Date fields in the app's language (Mantine's DateInput with the dayjs locale set by App's
 * DatesProvider) instead of the browser's native field, which follows the system's locale
 * (« mm/dd/yyyy » and five-digit years in the French UI).
 *
 * The value stays what the API speaks: 'YYYY-MM-DD' ('' when empty), or 'YYYY-MM-DDTHH:MM' local
 * wall time with `withTime`. `onChange` receives an event-like object so a field written for a
 * native input (`e.currentTarget.value`) switches without other changes. Typing works in the shown
 * form (« 05/03/2026 », « 05/03/2026 14:30 ») and in ISO form (« 2026-03-05 »).
 */
type ChangeLike = { currentTarget: { value: string } };

export interface DateFieldProps extends Omit<DateInputProps, 'value' | 'onChange' | 'defaultValue' | 'valueFormat' | 'dateParser'> {
  value: string | null | undefined;
  onChange: (e: ChangeLike) => void;
  withTime?: boolean;
}

export function DateField({ value, onChange, withTime = false, ...rest }: DateFieldProps) {
  const { t } = useTranslation();
  // The calendar opens on focus and closes once a whole date is typed or picked, so it never sits
  // over the buttons that follow (a dialog's Save).
  const [open, setOpen] = useState(false);
  const v = value ? (withTime ? `${value.slice(0, 10)} ${value.slice(11, 16)}:00` : value.slice(0, 10)) : null;
  return (
    <DateInput
      {...rest}
      withTime={withTime}
      value={v}
      onFocus={(e) => {
        setOpen(true);
        rest.onFocus?.(e);
      }}
      onClick={(e) => {
        setOpen(true);
        rest.onClick?.(e);
      }}
      onBlur={(e) => {
        setOpen(false);
        rest.onBlur?.(e);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === 'Enter' || e.key === 'Tab') setOpen(false);
        rest.onKeyDown?.(e);
      }}
      onChange={(next) => {
        setOpen(false);
        onChange({ currentTarget: { value: next ? (withTime ? `${next.slice(0, 10)}T${next.slice(11, 16)}` : next.slice(0, 10)) : '' } });
      }}
      valueFormat={withTime ? 'DD/MM/YYYY HH:mm' : 'DD/MM/YYYY'}
      dateParser={(text) => parseTypedDate(text, withTime)}
      placeholder={rest.placeholder ?? (withTime ? t('dates.placeholderTime') : t('dates.placeholder'))}
      clearable={!rest.required}
      leftSection={<IconCalendar size={16} />}
      popoverProps={{ withinPortal: true, opened: open }}
    />
  );
}
