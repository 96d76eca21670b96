import { Text } from '@mantine/core';

/**
 * Props that make a text field show its maximum length: the browser stops typing at `max` (the
 * contract's zod maximum), and a counter appears once 80 % of it is used.
 */
export function limit(value: string | null | undefined, max: number) {
  const n = value?.length ?? 0;
  const near = n >= max * 0.8;
  return {
    maxLength: max,
    'data-maxlength': max,
    ...(near
      ? {
          rightSectionWidth: 84,
          rightSectionPointerEvents: 'none' as const,
          rightSection: (
            <Text size="xs" c={n >= max ? 'red' : 'dimmed'} data-testid="char-count">
              {n} / {max}
            </Text>
          ),
        }
      : {}),
  };
}
