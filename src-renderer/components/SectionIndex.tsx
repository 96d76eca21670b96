import { Card, NavLink, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The index of a long editor: one link per Section on the page, the one being read highlighted as
 * the form scrolls (IntersectionObserver), a click scrolls to it. Re-reads the sections when the
 * form changes shape (a role switch adds or removes some).
 */
export function SectionIndex({ deps }: { deps: unknown[] }) {
  const { t } = useTranslation();
  const [titles, setTitles] = useState<string[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const key = JSON.stringify(deps);

  useEffect(() => {
    const els = [...document.querySelectorAll<HTMLElement>('[data-section]')];
    setTitles(els.map((e) => e.dataset.section ?? ''));
    const visible = new Map<string, boolean>();
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) visible.set((e.target as HTMLElement).dataset.section ?? '', e.isIntersecting);
        const shown = els.filter((e) => visible.get(e.dataset.section ?? ''));
        // At the bottom of the page the last sections never reach the top band: take the last one shown.
        const atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
        const pick = atBottom ? shown[shown.length - 1] : shown[0];
        if (pick) setActive(pick.dataset.section ?? null);
      },
      { rootMargin: '-64px 0px -55% 0px' },
    );
    els.forEach((e) => io.observe(e));
    return () => io.disconnect();
  }, [key]);

  if (titles.length < 3) return null;
  return (
    <Card withBorder padding="xs" mb="md" data-testid="section-index">
      <Text size="xs" c="dimmed" px="xs" mb={4}>
        {t('editor.sectionIndex')}
      </Text>
      {titles.map((title) => (
        <NavLink
          key={title}
          label={title}
          active={active === title}
          variant="subtle"
          py={4}
          data-testid="section-link"
          onClick={() => {
            // The section asked for is the one being read, even when the page cannot scroll it to the top.
            setActive(title);
            document.querySelector(`[data-section="${CSS.escape(title)}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          }}
        />
      ))}
    </Card>
  );
}
