import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../src-main/api/contract';

export type CaseItem = MethodOutput<'requests.list'>['items'][number];
export type CaseDetail = MethodOutput<'requests.get'>;
export type CaseData = CaseDetail['case'];

export const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'consent-withdrawal', 'post-mortem', 'automated-decision'] as const;
export const CHANNELS = ['email', 'letter', 'web', 'phone', 'in-person'] as const;
export const LETTERS = ['acknowledgement', 'identity-request', 'extension-notice', 'response-cover', 'refusal', 'unfounded', 'unidentifiable', 'recipients-notice', 'marketing-stopped'] as const;

export const STATUS_COLOR: Record<CaseItem['status'], string> = { 'on-track': 'teal', 'due-soon': 'orange', overdue: 'red', extended: 'blue', closed: 'gray' };

export function formatDay(d: string | null | undefined, lang: string, weekday = false): string {
  if (!d) return '—';
  return new Date(`${d}T12:00:00`).toLocaleDateString(lang, { ...(weekday ? { weekday: 'short' } : {}), day: 'numeric', month: 'short', year: 'numeric' });
}

export function StatusBadge({ status, testId }: { status: CaseItem['status']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid={testId} data-status={status} style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
      {t(`dsar.status.${status}`)}
    </Badge>
  );
}
