import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryFormat } from '../../components/history-format';
import { useApi } from '../../hooks/useApi';

/** Labels and instants as the history shows them: the UI's language, the workspace's time zone (organisation profile). */
export function useSyncFormat(): HistoryFormat {
  const { t, i18n } = useTranslation();
  const profile = useApi('profile.get', {});
  const lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const timeZone = profile.data?.profile.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return useMemo(() => ({ t: (k, o) => String(t(k, { ...o })), lang, timeZone }), [t, lang, timeZone]);
}
