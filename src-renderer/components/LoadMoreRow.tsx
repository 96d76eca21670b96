import { Button, Group, Table, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiLanguage } from '../hooks/useUiLanguage';

/**
 * The last row of a paged table: asks for the next page when it scrolls into view (and on click, for
 * the keyboard), and says how many rows are shown out of how many match. Nothing when all are shown.
 */
export function LoadMoreRow({ colSpan, shown, total, hasMore, loading, onMore, testId }: { colSpan: number; shown: number; total: number | undefined; hasMore: boolean; loading: boolean; onMore: () => void; testId: string }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!hasMore || !el || typeof IntersectionObserver === 'undefined') return;
    // Re-observed after each page: a short page leaves the row in view, and the observer reports it again.
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onMore();
    }, { rootMargin: '300px' });
    io.observe(el);
    return () => io.disconnect();
  }, [hasMore, onMore, shown]);
  if (!hasMore) return null;
  return (
    <Table.Tr ref={ref} data-testid={testId}>
      <Table.Td colSpan={colSpan}>
        <Group gap="sm">
          <Button variant="subtle" size="xs" loading={loading} onClick={onMore}>
            {t('common.loadMore')}
          </Button>
          {total !== undefined && (
            <Text size="xs" c="dimmed">
              {t('common.shown', { count: total, shown: shown.toLocaleString(lang), formatted: total.toLocaleString(lang) })}
            </Text>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
