import { Badge, Group, Kbd, Loader, Text, UnstyledButton } from '@mantine/core';
import { Spotlight, createSpotlight, type SpotlightStore } from '@mantine/spotlight';
import {
  IconAlertOctagon,
  IconBuildingStore,
  IconCalendarEvent,
  IconFileReport,
  IconFileTypeCsv,
  IconFileTypeDocx,
  IconGauge,
  IconListDetails,
  IconPlus,
  IconSearch,
  IconSettings,
  IconUserQuestion,
} from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../src-main/api/contract';
import { normalize } from '../../src-main/domain/search';
import { call } from '../api';
import { navigate, type Route } from '../app/routes';
import { DOCX_MIME, downloadBase64 } from './download';

type Hit = MethodOutput<'search.query'>['items'][number];

const AREA_ICON: Record<Hit['area'], ComponentType<{ size?: number }>> = {
  register: IconListDetails,
  requests: IconUserQuestion,
  vendors: IconBuildingStore,
  breaches: IconAlertOctagon,
};

interface Command {
  id: string;
  icon: ComponentType<{ size?: number }>;
  run: () => void | Promise<void>;
}

const [paletteStore, palette] = createSpotlight();

/**
 * Selects the first action after results arrive: Spotlight selects the first one when the query
 * changes, but search results come a moment later and Enter must open the best match.
 */
function selectFirst(store: SpotlightStore): void {
  const id = store.getState().listId;
  const list = id ? document.getElementById(id) : null;
  if (!list) return;
  list.querySelectorAll('[data-selected]').forEach((e) => e.removeAttribute('data-selected'));
  const first = list.querySelector('[data-action]');
  first?.setAttribute('data-selected', 'true');
  store.updateState((st) => ({ ...st, selected: first ? 0 : -1 }));
}

/** Time to wait after the last keystroke before asking the main process (keeps typing fluid). */
const DEBOUNCE_MS = 120;

/** Runs an export and saves its file; a failure shows as a notification (the palette is closed by then). */
function exporting(fn: () => Promise<{ fileName: string; contentBase64: string }>, mime: string, texts: { running: string; done: string; failed: string }): () => Promise<void> {
  return async () => {
    // The palette is closed by now: a notification with a spinner shows the export is running.
    const id = notifications.show({ loading: true, title: texts.running, message: '', autoClose: false, withCloseButton: false });
    try {
      const r = await fn();
      downloadBase64(r.fileName, r.contentBase64, mime);
      notifications.update({ id, loading: false, color: 'teal', title: texts.done, message: r.fileName, autoClose: 4000, withCloseButton: true });
    } catch (e) {
      notifications.update({ id, loading: false, color: 'red', title: texts.failed, message: e instanceof Error ? e.message : String(e), autoClose: false, withCloseButton: true });
    }
  };
}

/**
 * Ctrl/Cmd+K: one box that finds any activity, case (reference, requester), vendor or breach
 * (search.query, in the main process) and runs commands (new request, new breach, exports…).
 */
export function CommandPalette() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  const [searching, setSearching] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const text = query.trim();
    const id = ++latest.current;
    if (text.length < 2) {
      setHits([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    const timer = setTimeout(() => {
      call('search.query', { text, limit: 12 })
        .then((r) => {
          // A slower reply to an older query never replaces the newer one.
          if (id === latest.current) setHits(r.items);
        })
        .catch(() => {
          if (id === latest.current) setHits([]);
        })
        .finally(() => {
          if (id === latest.current) setSearching(false);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const commands: Command[] = useMemo(() => {
    const go = (route: Route, param?: string) => () => navigate(route, param);
    const failed = { running: t('palette.exportRunning'), done: t('palette.exportDone'), failed: t('palette.exportFailed') };
    return [
      { id: 'new-request', icon: IconPlus, run: go('requests', 'new') },
      { id: 'new-breach', icon: IconPlus, run: go('breaches', 'new') },
      { id: 'new-activity', icon: IconPlus, run: go('register', 'new') },
      { id: 'new-vendor', icon: IconPlus, run: go('vendors', 'new') },
      { id: 'export-register', icon: IconFileTypeDocx, run: exporting(() => call('register.exportDocx', {}), DOCX_MIME, failed) },
      { id: 'export-breaches', icon: IconFileTypeDocx, run: exporting(() => call('breaches.register', { format: 'docx' }), DOCX_MIME, failed) },
      { id: 'export-requests', icon: IconFileTypeCsv, run: exporting(() => call('requests.exportCsv', {}), 'text/csv', failed) },
      { id: 'export-calendar', icon: IconCalendarEvent, run: exporting(() => call('requests.ics', {}), 'text/calendar', failed) },
      { id: 'go-dashboard', icon: IconGauge, run: go('dashboard') },
      { id: 'go-reports', icon: IconFileReport, run: go('reports') },
      { id: 'go-settings', icon: IconSettings, run: go('settings') },
    ];
  }, [t]);

  useEffect(() => {
    selectFirst(paletteStore);
  }, [hits]);

  const needle = normalize(query);
  const shownCommands = commands.filter((c) => !needle || needle.split(' ').every((w) => normalize(t(`palette.command.${c.id}`)).includes(w)));

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      // Ctrl+K works in every field too: the palette is the way to jump anywhere.
      tagsToIgnore={[]}
      scrollable
      maxHeight={480}
      data-testid="palette"
    >
      <Spotlight.Search placeholder={t('palette.placeholder')} leftSection={searching ? <Loader size={16} /> : <IconSearch size={18} />} data-testid="palette-input" />
      <Spotlight.ActionsList>
        {hits.length > 0 && (
          <Spotlight.ActionsGroup label={t('palette.records')}>
            {hits.map((h) => {
              const Icon = AREA_ICON[h.area];
              return (
                <Spotlight.Action
                  key={`${h.area}:${h.id}`}
                  onClick={() => navigate(h.area, h.id)}
                  data-testid="palette-hit"
                  data-area={h.area}
                  data-id={h.id}
                  leftSection={<Icon size={18} />}
                  rightSection={
                    <Badge variant="light" color="gray" tt="none" styles={{ label: { overflow: 'visible' } }}>
                      {t(`palette.area.${h.area}`)}
                    </Badge>
                  }
                  label={h.area === 'vendors' ? h.label : `${h.reference} — ${h.label}`}
                  description={h.area === 'vendors' ? h.detail : undefined}
                />
              );
            })}
          </Spotlight.ActionsGroup>
        )}
        {shownCommands.length > 0 && (
          <Spotlight.ActionsGroup label={t('palette.commands')}>
            {shownCommands.map((c) => (
              <Spotlight.Action key={c.id} onClick={() => void c.run()} leftSection={<c.icon size={18} />} label={t(`palette.command.${c.id}`)} data-testid="palette-command" data-command={c.id} />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {hits.length === 0 && shownCommands.length === 0 && <Spotlight.Empty>{searching ? t('palette.searching') : t('palette.nothing')}</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}

/** The header's search box: shows the shortcut and opens the palette. */
export function PaletteButton() {
  const { t } = useTranslation();
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <UnstyledButton
      onClick={() => palette.open()}
      data-testid="palette-open"
      aria-label={t('palette.open')}
      px="sm"
      py={6}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)', minWidth: 0 }}
    >
      <Group gap="xs" wrap="nowrap">
        <IconSearch size={16} />
        <Text size="sm" c="dimmed" visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
          {t('palette.open')}
        </Text>
        <Kbd size="xs" visibleFrom="md">
          {mac ? '⌘' : 'Ctrl'} K
        </Kbd>
      </Group>
    </UnstyledButton>
  );
}
