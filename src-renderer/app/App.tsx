import { Center, Loader, MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import 'dayjs/locale/fr';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { call, onAppEvent } from '../api';
import type { MethodOutput } from '../../src-main/api/contract';
import { setLanguage } from '../i18n';
import { colorSchemeManager, theme } from './theme';
import { AppContext } from './context';
import { queryClient } from '../hooks/query-client';
import { useUiLanguage } from '../hooks/useUiLanguage';

// The welcome screen and the workbench are separate chunks: a locked workspace never loads the pages.
const Shell = lazy(async () => ({ default: (await import('./Shell')).Shell }));
const Welcome = lazy(async () => ({ default: (await import('./Welcome')).Welcome }));

type Status = MethodOutput<'workspace.status'>;
type Info = MethodOutput<'app.info'>;

export function App() {
  const dateLocale = useUiLanguage();
  const [status, setStatus] = useState<Status>();
  const [info, setInfo] = useState<Info>();
  const [loadError, setLoadError] = useState<string>();
  // Bumped by each "open this workspace" from the OS (double-click, drop, File › Open recent):
  // remounts the welcome page so its unlock form takes the new path even when already shown.
  const [openRequest, setOpenRequest] = useState(0);

  const refresh = useCallback(async () => {
    try {
      const [s, i] = await Promise.all([call('workspace.status', {}), call('app.info', {})]);
      setStatus(s);
      setInfo(i);
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onAppEvent((ev) => {
      if (ev.type === 'language') setLanguage(ev.language);
      if (ev.type === 'menu' && ev.action === 'close-workspace') void call('workspace.close', {}).then(setStatus);
      if (ev.type === 'menu' && (ev.action === 'new-workspace' || ev.action === 'open-workspace')) void call('workspace.close', {}).then(setStatus);
      if (ev.type === 'menu' && ev.action === 'settings') window.location.hash = '#/settings';
      if (ev.type === 'menu' && ev.action === 'dashboard') window.location.hash = '#/dashboard';
      if (ev.type === 'menu' && ev.action === 'open-recent') void call('workspace.close', {}).then((s) => {
        sessionStorage.setItem('vigie.openPath', ev.path);
        setOpenRequest((n) => n + 1);
        setStatus(s);
      });
      if (ev.type === 'menu' && ev.action === 'export') window.location.hash = '#/reports';
    });
  }, [refresh]);

  return (
    <QueryClientProvider client={queryClient}>
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="light">
      <Notifications position="top-right" />
      <DatesProvider settings={{ locale: dateLocale, firstDayOfWeek: 1 }}>
      <AppContext.Provider value={{ status, info, setStatus, refresh }}>
        {loadError ? (
          <Center h="100%" p="xl" data-state="error">
            {loadError}
          </Center>
        ) : !status || !info ? (
          <Center h="100%" data-state="loading">
            <Loader />
          </Center>
        ) : (
          <Suspense
            fallback={
              <Center h="100%" data-state="loading">
                <Loader />
              </Center>
            }
          >
            {status.open ? <Shell /> : <Welcome key={openRequest} />}
          </Suspense>
        )}
      </AppContext.Provider>
      </DatesProvider>
    </MantineProvider>
    </QueryClientProvider>
  );
}
