import { Alert, AppShell, Badge, Box, Burger, Button, Center, Group, Loader, Modal, NavLink, ScrollArea, Text, ThemeIcon, Tooltip, ActionIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertOctagon,
  IconArrowsExchange,
  IconBuildingStore,
  IconFileReport,
  IconGauge,
  IconHourglass,
  IconListDetails,
  IconLogout,
  IconRefresh,
  IconSettings,
  IconShieldCheck,
  IconUserQuestion,
} from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { CommandPalette, PaletteButton } from '../components/CommandPalette';
import { SyncIndicator } from '../components/SyncIndicator';
import { TopControls } from '../components/TopControls';
import { BehindNotice } from '../pages/reports/BehindNotice';
import { useAppState } from './context';
import { installUnloadGuard, navigate, resolveLeave, useHashRoute, usePendingLeave, type Route } from './routes';
import { useUiLanguage } from '../hooks/useUiLanguage';

type PageComponent = ComponentType<{ param?: string }>;

/** One chunk per page: the first screen loads only the page it shows (React.lazy + Suspense). */
function page(load: () => Promise<Record<string, unknown>>, name: string): PageComponent {
  return lazy(async () => ({ default: (await load())[name] as PageComponent }));
}
const DashboardPage = page(() => import('../pages/dashboard/DashboardPage'), 'DashboardPage');
const RegisterPage = page(() => import('../pages/register/RegisterPage'), 'RegisterPage');
const RequestsPage = page(() => import('../pages/requests/RequestsPage'), 'RequestsPage');
const VendorsPage = page(() => import('../pages/vendors/VendorsPage'), 'VendorsPage');
const BreachesPage = page(() => import('../pages/breaches/BreachesPage'), 'BreachesPage');
const ReportsPage = page(() => import('../pages/reports/ReportsPage'), 'ReportsPage');
const RetentionPage = page(() => import('../pages/retention/RetentionPage'), 'RetentionPage');
const SyncPage = page(() => import('../pages/sync/SyncPage'), 'SyncPage');
const SettingsPage = page(() => import('../pages/settings/SettingsPage'), 'SettingsPage');

const NAV: Array<{ route: Route; icon: ComponentType<{ size?: number }>; page: PageComponent }> = [
  { route: 'dashboard', icon: IconGauge, page: DashboardPage },
  { route: 'register', icon: IconListDetails, page: RegisterPage },
  { route: 'requests', icon: IconUserQuestion, page: RequestsPage },
  { route: 'vendors', icon: IconBuildingStore, page: VendorsPage },
  { route: 'breaches', icon: IconAlertOctagon, page: BreachesPage },
  { route: 'reports', icon: IconFileReport, page: ReportsPage },
  { route: 'retention', icon: IconHourglass, page: RetentionPage },
  { route: 'sync', icon: IconArrowsExchange, page: SyncPage },
  { route: 'settings', icon: IconSettings, page: SettingsPage },
];

/** Asked when leaving a form with unsaved changes: save, discard or stay. */
function LeaveQuestion() {
  const { t } = useTranslation();
  const pending = usePendingLeave();
  const [saving, setSaving] = useState(false);
  return (
    <Modal opened={pending !== null} onClose={() => void resolveLeave('stay')} title={t('leave.title')} centered size="lg">
      <Text size="sm" mb="lg" data-testid="leave-question">
        {t('leave.body')}
      </Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={() => void resolveLeave('stay')} data-testid="leave-stay">
          {t('leave.stay')}
        </Button>
        <Button variant="light" color="red" onClick={() => void resolveLeave('discard')} data-testid="leave-discard">
          {t('leave.discard')}
        </Button>
        <Button
          loading={saving}
          data-testid="leave-save"
          onClick={() => {
            setSaving(true);
            void resolveLeave('save').finally(() => setSaving(false));
          }}
        >
          {t('leave.save')}
        </Button>
      </Group>
    </Modal>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const { status, setStatus } = useAppState();
  const [opened, { toggle, close }] = useDisclosure();
  const { route, param } = useHashRoute();
  const Page = NAV.find((n) => n.route === route)?.page ?? DashboardPage;
  // A reload or close that would lose an unsaved form asks first: the browser shows its own
  // question; in Electron the main process asks on 'will-prevent-unload' (electron/security.ts).
  useEffect(() => installUnloadGuard(), []);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: { base: 200, lg: 240 }, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg" data-screen="shell">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <ThemeIcon size={32} radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan' }}>
              <IconShieldCheck size={20} />
            </ThemeIcon>
            <Text fw={700} size="lg">
              Vigie
            </Text>
            <Badge variant="light" color="gray" size="lg" data-testid="workspace-name" style={{ textTransform: 'none' }}>
              {status?.name}
            </Badge>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <SyncIndicator />
            <PaletteButton />
            <TopControls />
            <Tooltip label={t('nav.lock')}>
              <ActionIcon variant="default" size="lg" aria-label={t('nav.lock')} data-testid="lock-workspace" onClick={() => void call('workspace.close', {}).then(setStatus)}>
                <IconLogout size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          {NAV.map(({ route: r, icon: Icon }) => (
            <NavLink
              key={r}
              href={`#/${r}`}
              active={route === r}
              label={t(`nav.${r}`)}
              leftSection={<Icon size={18} />}
              data-testid={`nav-${r}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(r);
                close();
              }}
            />
          ))}
        </ScrollArea>
        <Box mt="auto" p="xs">
          <Group gap={6} c="dimmed">
            <IconRefresh size={14} />
            <Text size="xs">{t('nav.device', { device: status?.deviceId?.slice(-6) })}</Text>
          </Group>
        </Box>
      </AppShell.Navbar>
      <AppShell.Main>
        {status?.sealBehind && (
          <Alert color="orange" mb="md" withCloseButton={false} data-testid="seal-behind-banner">
            <BehindNotice seen={status.sealBehind.seen} found={status.sealBehind.found} lang={lang} />
          </Alert>
        )}
        {/* The page's chunk loads first; only then does the page say it is ready. */}
        <Suspense
          key={route}
          fallback={
            <Center py="xl" data-state="loading" data-page={route}>
              <Loader />
            </Center>
          }
        >
          <Box data-state="ready" data-page={route}>
            <Page param={param} />
          </Box>
        </Suspense>
      </AppShell.Main>
      <LeaveQuestion />
      <CommandPalette />
    </AppShell>
  );
}
