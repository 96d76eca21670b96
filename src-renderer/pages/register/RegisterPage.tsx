import { Badge, Button, Card, CloseButton, Group, Progress, RingProgress, SegmentedControl, Table, Text, TextInput, Title, Stack } from '@mantine/core';
import { IconFileImport, IconFileTypeDocx, IconPlus, IconSearch } from '@tabler/icons-react';
import { DOCX_MIME, useSaveFile } from '../../components/download';
import { useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../../components/useBusy';
import { navigate, replaceQuery, useHashRoute } from '../../app/routes';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { PageHeader } from '../../components/PageHeader';
import { useInfiniteApi } from '../../hooks/useInfiniteApi';
import { LoadMoreRow } from '../../components/LoadMoreRow';
import { ActivityEditor } from './ActivityEditor';
import { ImportModal } from './ImportModal';
import { useUiLanguage } from '../../hooks/useUiLanguage';

export function scoreColor(score: number): string {
  return score >= 90 ? 'teal' : score >= 60 ? 'yellow' : 'red';
}

/** Views the dashboard links to (#/register?view=issues). */
const VIEWS = ['issues', 'active', 'draft'] as const;
type View = (typeof VIEWS)[number];

/** Activities asked per page; the next page comes as the last row scrolls into view. */
const PAGE_SIZE = 100;

function RegisterList() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const saveFile = useSaveFile();
  const { query } = useHashRoute();
  const view = (VIEWS as readonly string[]).includes(query.get('view') ?? '') ? (query.get('view') as View) : null;
  const [filter, setFilter] = useState(query.get('q') ?? '');
  const [role, setRole] = useState<'all' | 'controller' | 'processor'>('all');
  const [importing, setImporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>();
  const [exporting, runExport] = useBusy();
  // Role, view and search are applied by the server, one page at a time.
  const [needle] = useDebouncedValue(filter.trim(), 250);
  const q = useInfiniteApi('register.list', {
    ...(role !== 'all' ? { role } : {}),
    ...(view ? { view } : {}),
    ...(needle ? { text: needle.slice(0, 200) } : {}),
    limit: PAGE_SIZE,
  });
  const items = q.items;
  const whole = q.last;

  return (
    <>
      <PageHeader
        title={t('nav.register')}
        subtitle={t('register.subtitle')}
        actions={
          <Group>
            <Button
              variant="default"
              leftSection={<IconFileTypeDocx size={16} />}
              disabled={!whole?.counts.activities}
              loading={exporting}
              onClick={() => void runExport(() => saveFile('register.exportDocx', {}, DOCX_MIME).then(() => undefined, setExportError))}
              data-testid="register-export"
            >
              {t('register.exportDocx')}
            </Button>
            <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => setImporting(true)} data-testid="register-import">
              {t('register.import')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('register', 'new')} data-testid="register-new">
              {t('register.new')}
            </Button>
          </Group>
        }
      />
      <JobProgress name="file" active={exporting} what={t('reports.registerDocx')} testId="register-export-progress" />
      <ErrorAlert error={q.error ?? exportError} />
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
      {whole && whole.counts.activities === 0 ? (
        <Card withBorder padding="xl" data-testid="register-empty">
          <Stack align="flex-start">
            <Title order={4}>{t('register.emptyTitle')}</Title>
            <Text size="sm" c="dimmed" maw={640}>
              {t('register.emptyHelp')}
            </Text>
            <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('register', 'new')}>
              {t('register.new')}
            </Button>
          </Stack>
        </Card>
      ) : (
        whole && (
          <>
            <Card withBorder padding="md" mb="md">
              <Group justify="space-between">
                <Group>
                  <RingProgress size={64} thickness={7} sections={[{ value: whole.score, color: scoreColor(whole.score) }]} label={<Text ta="center" size="xs" fw={700}>{whole.score}</Text>} />
                  <div>
                    <Text fw={600}>{t('register.scoreTitle')}</Text>
                    <Text size="sm" c="dimmed" data-testid="register-counts">
                      {[t('register.countActivities', { count: whole.counts.activities }), t('register.countComplete', { count: whole.counts.complete }), t('register.countErrors', { count: whole.counts.errors }), t('register.countWarnings', { count: whole.counts.warnings })].join(' · ')}
                    </Text>
                  </div>
                </Group>
                <Group>
                  <SegmentedControl
                    value={role}
                    onChange={(v) => setRole(v as typeof role)}
                    data={[
                      { value: 'all', label: t('register.all') },
                      { value: 'controller', label: t('register.controllerRegister') },
                      { value: 'processor', label: t('register.processorRegister') },
                    ]}
                  />
                  {view && (
                    <Badge size="lg" variant="light" color="orange" tt="none" data-testid="register-view" data-view={view} rightSection={<CloseButton size="xs" aria-label={t('register.clearView')} onClick={() => replaceQuery({ q: filter })} />}>
                      {t(`register.view.${view}`)}
                    </Badge>
                  )}
                  <TextInput
                    leftSection={<IconSearch size={16} />}
                    placeholder={t('register.search')}
                    value={filter}
                    data-testid="register-search"
                    onChange={(e) => {
                      setFilter(e.currentTarget.value);
                      replaceQuery({ view, q: e.currentTarget.value });
                    }}
                  />
                </Group>
              </Group>
            </Card>
            <Card withBorder padding={0}>
              <Table.ScrollContainer minWidth={760}>
                <Table highlightOnHover verticalSpacing="sm" data-testid="register-table" data-count={items.length} data-total={q.total ?? ''}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={90}>{t('register.reference')}</Table.Th>
                      <Table.Th>{t('register.name')}</Table.Th>
                      <Table.Th w={150}>{t('register.role')}</Table.Th>
                      <Table.Th w={120}>{t('register.status')}</Table.Th>
                      <Table.Th>{t('register.completeness')}</Table.Th>
                      <Table.Th>{t('register.updated')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((a) => (
                      <Table.Tr key={a.id} style={{ cursor: 'pointer' }} onClick={() => navigate('register', a.id)} data-testid="register-row">
                        <Table.Td>
                          <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                            {a.reference}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {a.name}
                          </Text>
                          {a.owner && (
                            <Text size="xs" c="dimmed">
                              {a.owner}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={a.role === 'processor' ? 'grape' : 'indigo'}>
                            {t(`register.roles.${a.role}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="dot" color={a.status === 'active' ? 'teal' : a.status === 'draft' ? 'gray' : 'dark'} style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
                            {t(`register.statuses.${a.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td w={200}>
                          <Group gap={6} wrap="nowrap">
                            <Progress value={a.score} color={scoreColor(a.score)} w={80} />
                            <Text size="xs" fw={600} data-testid="row-score">
                              {a.score}
                            </Text>
                            {a.errors > 0 && (
                              <Badge size="xs" color="red">
                                {a.errors}
                              </Badge>
                            )}
                            {a.warnings > 0 && (
                              <Badge size="xs" color="yellow">
                                {a.warnings}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" c="dimmed">
                            {new Date(a.updatedAt).toLocaleDateString(lang)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                    <LoadMoreRow colSpan={6} shown={items.length} total={q.total} hasMore={q.hasMore} loading={q.loadingMore} onMore={q.loadMore} testId="register-more" />
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          </>
        )
      )}
    </>
  );
}

export function RegisterPage({ param }: { param?: string }) {
  if (param) return <ActivityEditor key={param} id={param === 'new' ? undefined : param} />;
  return <RegisterList />;
}
