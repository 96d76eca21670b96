import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api';

/** Shows an API error as the person should read it: translated when we know the code, else the server's message. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiCallError ? error.code : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  const key = `errors.${code}`;
  // The error's details (field, dates…) fill the translated sentence's placeholders.
  const details = error instanceof ApiCallError && error.error.details && typeof error.error.details === 'object' ? (error.error.details as Record<string, unknown>) : {};
  const text = i18n.exists(key) ? t(key, details) : message;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={title} data-testid="error-alert" data-error-code={code}>
      <span className="vigie-pre">{text}</span>
    </Alert>
  );
}
