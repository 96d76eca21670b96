import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api';
import { errorText, issuesOf, issueText, LocalizedError } from './errors';

/**
 * Shows an error as the person should read it, in their language: the sentence of its code, and
 * (unless the form shows them next to its fields: `fieldsShown`) each field's problem under the
 * field's label. Never the English server message in French, never a raw key or code.
 */
export function ErrorAlert({ error, title, fieldsShown = false, labelFor }: { error: unknown; title?: string; fieldsShown?: boolean; labelFor?: (path: string[]) => string | undefined }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiCallError || error instanceof LocalizedError ? error.code : 'internal';
  const issues = fieldsShown ? [] : issuesOf(error);
  const label = (path: string[]): string | undefined => {
    const custom = labelFor?.(path);
    if (custom) return custom;
    const last = path[path.length - 1];
    // The labels the forms use: profile, rights-request, breach and vendor fields.
    for (const key of [`fields.${last}`, `profile.${last}`, `dsar.field.${last}`, `breach.${last}`, `vendors.${last}`]) {
      if (last && typeof i18n.getResource(i18n.language, 'translation', key) === 'string') return t(key);
    }
    return undefined;
  };
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={title} data-testid="error-alert" data-error-code={code}>
      <span className="vigie-pre">{errorText(t, i18n, error)}</span>
      {issues.length > 0 && (
        <List size="sm" mt={4} data-testid="error-issues">
          {issues.map((i, n) => {
            const field = label(i.path);
            const text = issueText(t, i);
            return <List.Item key={n}>{field ? t('errors.fieldIssue', { field, message: text }) : text}</List.Item>;
          })}
        </List>
      )}
    </Alert>
  );
}
