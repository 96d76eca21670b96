import { Badge, Card, Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card of an editor form, with the article it documents; the section index (SectionIndex) lists it. */
export function Section({ title, article, children, action }: { title: string; article?: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card withBorder padding="lg" data-section={title} style={{ scrollMarginTop: 72 }}>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={4}>{title}</Title>
          {article && (
            <Badge variant="outline" color="gray" size="sm" tt="none">
              {article}
            </Badge>
          )}
        </Group>
        {action}
      </Group>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}
