import { Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { call } from '../../api';
import { navigate, setLeaveGuard, useLeaveGuard } from '../../app/routes';
import { limit } from '../../components/limits';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useUiLanguage } from '../../hooks/useUiLanguage';

const NATURES = ['confidentiality', 'integrity', 'availability'] as const;

/** A new breach: the essentials to start the clock; the rest is completed on the breach page. */
export function NewBreachForm() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const profile = useApi('profile.get', {});
  const ref = useApi('breaches.reference', {});
  const [title, setTitle] = useState('');
  const [awareAt, setAwareAt] = useState('');
  const [discoveredAt, setDiscoveredAt] = useState('');
  const [reportedBy, setReportedBy] = useState('');
  const [description, setDescription] = useState('');
  const [nature, setNature] = useState<string[]>([]);
  const [origin, setOrigin] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const tz = profile.data?.profile.time_zone ?? 'Europe/Paris';
  const hours = profile.data?.profile.breach_notification_hours ?? 72;
  async function create(): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      const r = await call('breaches.create', {
        breach: {
          title,
          awareAt,
          timeZone: tz,
          discoveredAt: discoveredAt || null,
          reportedBy,
          description,
          nature: nature as Array<(typeof NATURES)[number]>,
          cause: { intent: 'unknown', source: 'unknown', origin: origin as never, detail: '' },
        },
      });
      // Created: opening the new breach is not leaving unsaved work.
      setLeaveGuard(null);
      navigate('breaches', r.id);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }
  const touched = Boolean(title || awareAt || discoveredAt || reportedBy || description || nature.length || origin);
  useLeaveGuard(touched, create);
  return (
    <>
      <PageHeader
        title={t('breach.newTitle')}
        subtitle={t('breach.newHelp', { hours, tz })}
        actions={
          <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate('breaches')}>
            {t('breach.back')}
          </Button>
        }
      />
      <Card withBorder padding="lg" maw={900}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <Stack>
            <TextInput label={t('breach.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} {...limit(title, 200)} data-testid="new-title" />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateField withTime label={t('breach.discoveredAt')} value={discoveredAt} onChange={(e) => setDiscoveredAt(e.currentTarget.value)} data-testid="new-discovered" />
              <DateField withTime
                label={t('breach.awareAt')}
                description={t('breach.awareHelp')}
                required
                value={awareAt}
                onChange={(e) => setAwareAt(e.currentTarget.value)}
                data-testid="new-aware"
              />
            </SimpleGrid>
            <TextInput label={t('breach.reportedBy')} value={reportedBy} onChange={(e) => setReportedBy(e.currentTarget.value)} {...limit(reportedBy, 200)} data-testid="new-reported-by" />
            <Textarea label={t('breach.description')} autosize minRows={3} value={description} onChange={(e) => setDescription(e.currentTarget.value)} {...limit(description, 8000)} data-testid="new-description" />
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('breach.nature')}
              </Text>
              <Group>
                {NATURES.map((n) => (
                  <Checkbox
                    key={n}
                    label={t(`breach.natures.${n}`)}
                    checked={nature.includes(n)}
                    onChange={(e) => setNature(e.currentTarget.checked ? [...nature, n] : nature.filter((x) => x !== n))}
                    data-testid={`new-nature-${n}`}
                  />
                ))}
              </Group>
            </div>
            <Select
              label={t('breach.origin')}
              clearable
              value={origin}
              onChange={setOrigin}
              data={(ref.data?.vocabularies.origin ?? []).map((v) => ({ value: v.id, label: v[lang] }))}
              data-testid="new-origin"
            />
            <ErrorAlert error={error} />
            <Group>
              <Button type="submit" loading={busy} data-testid="new-save">
                {t('breach.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
