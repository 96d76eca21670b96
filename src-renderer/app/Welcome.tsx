import { Anchor, Badge, Box, Button, Card, Checkbox, Container, Divider, Group, PasswordInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconDatabase, IconFileText, IconLock, IconPlus, IconShieldCheck, IconUsersPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { fieldErrors, issuesOf, validate } from '../components/errors';
import type { FieldIssue } from '../../src-main/api/contract';
import { workspaceCreateInput } from '../../src-main/api/contracts/workspace';
import { syncJoinInput } from '../../src-main/api/contracts/sync';
import { TopControls } from '../components/TopControls';
import { useApi } from '../hooks/useApi';
import { BackupOffer } from '../pages/settings/BackupsPanel';
import { useAppState } from './context';
import { useUiLanguage } from '../hooks/useUiLanguage';

function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return `${dir.replace(/[\\/]+$/, '')}${sep}${name}`;
}

export const DEMO_FILE = 'demo-smart-tribune.vigie';
export const DEMO_PASSPHRASE = 'vigie-demo-2026';

function OpenCard() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const { info, setStatus, refresh } = useAppState();
  const recent = useApi('workspace.recent', {});
  // "Open recent" from the native menu leaves the chosen path here.
  const [path, setPath] = useState(() => {
    const p = sessionStorage.getItem('vigie.openPath') ?? '';
    sessionStorage.removeItem('vigie.openPath');
    return p;
  });
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function open(p: string, withPassphrase = true) {
    setBusy(true);
    setError(undefined);
    try {
      setStatus(await call('workspace.open', { path: p, ...(withPassphrase ? { passphrase } : {}), remember }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder padding="lg" radius="md" data-testid="open-card">
      <Group mb="xs">
        <ThemeIcon variant="light" size="lg">
          <IconLock size={20} />
        </ThemeIcon>
        <Title order={3}>{t('welcome.openTitle')}</Title>
      </Group>
      <Text c="dimmed" size="sm" mb="md">
        {t('welcome.openHelp')}
      </Text>
      {recent.data && recent.data.items.length > 0 && (
        <Stack gap={6} mb="md">
          <Text fw={600} size="sm">
            {t('welcome.recent')}
          </Text>
          {recent.data.items.map((r) => (
            <Group key={r.path} justify="space-between" wrap="nowrap">
              <Anchor component="button" type="button" onClick={() => setPath(r.path)} disabled={!r.exists} data-testid="recent-item">
                <Text fw={path === r.path ? 700 : 500} truncate="end">
                  {r.name}
                </Text>
              </Anchor>
              <Group gap={6} wrap="nowrap">
                {!r.exists && <Badge color="gray">{t('welcome.missing')}</Badge>}
                {r.remembered && (
                  <Button size="compact-xs" variant="light" onClick={() => void open(r.path, false)}>
                    {t('welcome.openRemembered')}
                  </Button>
                )}
                <Text size="xs" c="dimmed">
                  {new Date(r.openedAt).toLocaleDateString(lang)}
                </Text>
              </Group>
            </Group>
          ))}
          <Divider my="xs" />
        </Stack>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void open(path);
        }}
      >
        <Stack gap="sm">
          <Group align="end" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={t('welcome.file')}
              placeholder={info ? joinPath(info.defaultDirectory, 'mon-organisation.vigie') : ''}
              value={path}
              onChange={(e) => setPath(e.currentTarget.value)}
              data-testid="open-path"
              required
            />
            {info?.canBrowse && (
              <Button variant="default" onClick={() => void call('workspace.pickFile', { mode: 'open' }).then((r) => r.path && setPath(r.path))}>
                {t('welcome.browse')}
              </Button>
            )}
          </Group>
          <PasswordInput label={t('welcome.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} data-testid="open-passphrase" required />
          {info?.canRememberPassphrase && <Checkbox label={t('welcome.remember')} checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />}
          <ErrorAlert error={error} />
          <BackupOffer error={error} path={path} passphrase={passphrase} onRestored={refresh} />
          <Button type="submit" loading={busy} data-testid="open-submit">
            {t('welcome.unlock')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function CreateCard() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const { info, setStatus } = useAppState();
  const [path, setPath] = useState(() => (info ? joinPath(info.defaultDirectory, 'mon-organisation.vigie') : 'mon-organisation.vigie'));
  const [controllerName, setControllerName] = useState('');
  const [language, setLanguage] = useState<'fr' | 'en'>(lang);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>();
  const [localIssues, setLocalIssues] = useState<FieldIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const mismatch = confirm.length > 0 && confirm !== passphrase;
  // The contract's own schema checks the form before sending; server issues land on the same fields.
  const fields = useMemo(() => fieldErrors(t, [...localIssues, ...issuesOf(error)]), [t, localIssues, error]);

  async function create() {
    if (passphrase !== confirm) return;
    setError(undefined);
    const issues = validate(workspaceCreateInput, { path, passphrase, controllerName, language });
    setLocalIssues(issues);
    if (issues.length > 0) return;
    setBusy(true);
    try {
      setStatus(await call('workspace.create', { path, passphrase, controllerName, language }));
      window.location.hash = '#/settings';
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder padding="lg" radius="md" data-testid="create-card">
      <Group mb="xs">
        <ThemeIcon variant="light" size="lg">
          <IconPlus size={20} />
        </ThemeIcon>
        <Title order={3}>{t('welcome.createTitle')}</Title>
      </Group>
      <Text c="dimmed" size="sm" mb="md">
        {t('welcome.createHelp')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Stack gap="sm">
          <Group align="end" wrap="nowrap">
            <TextInput style={{ flex: 1 }} label={t('welcome.file')} value={path} onChange={(e) => setPath(e.currentTarget.value)} error={fields.path} data-testid="create-path" required />
            {info?.canBrowse && (
              <Button variant="default" onClick={() => void call('workspace.pickFile', { mode: 'create' }).then((r) => r.path && setPath(r.path))}>
                {t('welcome.browse')}
              </Button>
            )}
          </Group>
          <TextInput label={t('profile.controller_name')} value={controllerName} onChange={(e) => setControllerName(e.currentTarget.value)} error={fields.controllerName} data-testid="create-controller" />
          <Box>
            <Text size="sm" fw={500} mb={4}>
              {t('profile.language')}
            </Text>
            <SegmentedControl
              value={language}
              onChange={(v) => setLanguage(v as 'fr' | 'en')}
              data={[
                { value: 'fr', label: 'Français' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Box>
          <PasswordInput
            label={t('welcome.passphrase')}
            description={t('welcome.passphraseHelp')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.currentTarget.value)}
            error={fields.passphrase}
            data-testid="create-passphrase"
            required
          />
          <PasswordInput
            label={t('welcome.confirm')}
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={mismatch ? t('welcome.mismatch') : undefined}
            data-testid="create-confirm"
            required
          />
          <ErrorAlert error={error} fieldsShown />
          <Button type="submit" loading={busy} disabled={mismatch} data-testid="create-submit">
            {t('welcome.create')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** Joining a colleague's workspace through the folder the team shares: a new local copy, then a request a member approves. */
function JoinCard() {
  const { t } = useTranslation();
  const { info, setStatus } = useAppState();
  const [path, setPath] = useState(() => (info ? joinPath(info.defaultDirectory, 'equipe.vigie') : 'equipe.vigie'));
  const [folder, setFolder] = useState('');
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>();
  const [localIssues, setLocalIssues] = useState<FieldIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const mismatch = confirm.length > 0 && confirm !== passphrase;
  const fields = useMemo(() => fieldErrors(t, [...localIssues, ...issuesOf(error)]), [t, localIssues, error]);

  async function join() {
    if (passphrase !== confirm) return;
    setError(undefined);
    const input = { path, passphrase, folder, name };
    const issues = validate(syncJoinInput, input);
    setLocalIssues(issues);
    if (issues.length > 0) return;
    setBusy(true);
    try {
      await call('sync.join', input);
      setStatus(await call('workspace.status', {}));
      window.location.hash = '#/sync';
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder padding="lg" radius="md" data-testid="join-card">
      <Group mb="xs">
        <ThemeIcon variant="light" color="grape" size="lg">
          <IconUsersPlus size={20} />
        </ThemeIcon>
        <Title order={3}>{t('welcome.joinTitle')}</Title>
      </Group>
      <Text c="dimmed" size="sm" mb="md">
        {t('welcome.joinHelp')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void join();
        }}
      >
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <Group align="end" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={info?.canBrowse ? t('sync.folder.pathLabel') : t('sync.folder.nameLabel')}
              placeholder={info?.canBrowse ? t('sync.folder.pathPlaceholder') : t('sync.folder.namePlaceholder')}
              value={folder}
              onChange={(e) => setFolder(e.currentTarget.value)}
              error={fields.folder}
              data-testid="join-folder"
              required
            />
            {info?.canBrowse && (
              <Button variant="default" onClick={() => void call('sync.pickFolder', {}).then((r) => r.path && setFolder(r.path))}>
                {t('welcome.browse')}
              </Button>
            )}
          </Group>
          <TextInput label={t('welcome.joinName')} description={t('welcome.joinNameHelp')} inputWrapperOrder={['label', 'input', 'description', 'error']} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} maxLength={120} data-testid="join-name" required />
          <Group align="end" wrap="nowrap">
            <TextInput style={{ flex: 1 }} label={t('welcome.joinFile')} value={path} onChange={(e) => setPath(e.currentTarget.value)} error={fields.path} data-testid="join-path" required />
            {info?.canBrowse && (
              <Button variant="default" onClick={() => void call('workspace.pickFile', { mode: 'create' }).then((r) => r.path && setPath(r.path))}>
                {t('welcome.browse')}
              </Button>
            )}
          </Group>
          <div />
          <PasswordInput label={t('welcome.passphrase')} description={t('welcome.joinPassphraseHelp')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} error={fields.passphrase} data-testid="join-passphrase" required />
          <PasswordInput label={t('welcome.confirm')} value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} error={mismatch ? t('welcome.mismatch') : undefined} data-testid="join-confirm" required />
        </SimpleGrid>
        <ErrorAlert error={error} fieldsShown />
        <Group justify="flex-end" mt="sm">
          <Button type="submit" color="grape" loading={busy} disabled={mismatch} data-testid="join-submit">
            {t('welcome.join')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

function DemoCard() {
  const { t } = useTranslation();
  const { info, setStatus } = useAppState();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function openDemo() {
    setBusy(true);
    setError(undefined);
    const path = info ? joinPath(info.defaultDirectory, DEMO_FILE) : DEMO_FILE;
    try {
      try {
        setStatus(await call('workspace.open', { path, passphrase: DEMO_PASSPHRASE }));
      } catch (e) {
        if ((e as { code?: string }).code !== 'workspace_not_found') throw e;
        setStatus(await call('workspace.create', { path, passphrase: DEMO_PASSPHRASE, demo: true }));
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card withBorder padding="lg" radius="md" data-testid="demo-card">
      <Group justify="space-between" wrap="nowrap">
        <Group wrap="nowrap">
          <ThemeIcon variant="light" color="teal" size="lg">
            <IconDatabase size={20} />
          </ThemeIcon>
          <div>
            <Text fw={600}>{t('welcome.demoTitle')}</Text>
            <Text size="sm" c="dimmed">
              {t('welcome.demoHelp', { passphrase: DEMO_PASSPHRASE })}
            </Text>
          </div>
        </Group>
        <Button variant="light" color="teal" loading={busy} onClick={() => void openDemo()} data-testid="open-demo">
          {t('welcome.openDemo')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
    </Card>
  );
}

export function Welcome() {
  const { t } = useTranslation();
  return (
    <Box data-state="ready" data-screen="welcome" py="xl" style={{ minHeight: '100%' }} bg="var(--mantine-color-body)">
      <Container size="lg">
        <Group justify="space-between" mb="xl">
          <Group gap="sm">
            <ThemeIcon size={44} radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan' }}>
              <IconShieldCheck size={28} />
            </ThemeIcon>
            <div>
              <Title order={1} size="h2">
                Vigie
              </Title>
              <Text c="dimmed" size="sm">
                {t('welcome.tagline')}
              </Text>
            </div>
          </Group>
          <TopControls />
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <OpenCard />
          <CreateCard />
        </SimpleGrid>
        <Box mt="lg">
          <JoinCard />
        </Box>
        <Box mt="lg">
          <DemoCard />
        </Box>
        <Group gap={6} mt="lg" c="dimmed">
          <IconFileText size={16} />
          <Text size="xs">{t('welcome.privacyNote')}</Text>
        </Group>
      </Container>
    </Box>
  );
}
