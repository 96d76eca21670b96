import { Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

/** Past this length a title is cut to two lines and shows in full on hover. */
const LONG_TITLE = 80;

/** A page title that never grows unbounded: two lines at most, the whole text in a tooltip. */
export function PageTitle({ children }: { children: string }) {
  const title = (
    <Title order={2} data-testid="page-title" lineClamp={2} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
      {children}
    </Title>
  );
  return children.length > LONG_TITLE ? (
    <Tooltip label={children} multiline maw={640} openDelay={300} withinPortal>
      {title}
    </Tooltip>
  ) : (
    title
  );
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="nowrap" gap="md">
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <PageTitle>{title}</PageTitle>
        {subtitle && (
          <Text c="dimmed" size="sm" maw={760}>
            {subtitle}
          </Text>
        )}
      </Stack>
      {actions && <div style={{ flexShrink: 0 }}>{actions}</div>}
    </Group>
  );
}
