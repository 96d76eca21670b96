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
  const text = i18n.exists(key) ? t(key) : message;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={title} data-testid="error-alert" data-error-code={code}>
      <span className="vigie-pre">{text}</span>
    </Alert>
  );
}
