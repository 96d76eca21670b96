import { Accordion, Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCalendarDue, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { call } from '../../api';
import { DateExplanation } from '../../components/DateExplanation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../hooks/useApi';
import type { MethodOutput } from '../../../src-main/api/contract';
import { useUiLanguage } from '../../hooks/useUiLanguage';

type Deadlines = MethodOutput<'tools.deadlines'>;

function formatDate(d: string, lang: string): string {
  return new Date(`${d}T12:00:00`).toLocaleDateString(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** The Art. 12(3) deadline calculator (the case files use the same engine). */
export function DeadlineCalculator() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const profile = useApi('profile.get', {});
  const jurisdictions = useApi('reference.jurisdictions', {});
  const [received, setReceived] = useState('');
  const [jurisdiction, setJurisdiction] = useState<string | null>(null);
  const [infoRequestedOn, setInfoRequestedOn] = useState('');
  const [infoReceivedOn, setInfoReceivedOn] = useState('');
  const [result, setResult] = useState<Deadlines>();
  const [error, setError] = useState<unknown>();
  const effectiveJurisdiction = jurisdiction ?? profile.data?.profile.jurisdiction ?? 'FR';

  async function compute() {
    setError(undefined);
    try {
      setResult(
        await call('tools.deadlines', {
          received,
          jurisdiction: effectiveJurisdiction,
          lang,
          ...(infoRequestedOn ? { infoRequestedOn } : {}),
          ...(infoReceivedOn ? { infoReceivedOn } : {}),
        }),
      );
    } catch (e) {
      setResult(undefined);
      setError(e);
    }
  }

  const rows: Array<{ key: 'oneMonth' | 'threeMonths' | 'threeMonthsPrudent'; label: string; help: string }> = [
    { key: 'oneMonth', label: t('deadlines.oneMonth'), help: t('deadlines.oneMonthHelp') },
    { key: 'threeMonths', label: t('deadlines.threeMonths'), help: t('deadlines.threeMonthsHelp') },
  ];
  if (result && result.threeMonthsPrudent !== result.threeMonths) rows.push({ key: 'threeMonthsPrudent', label: t('deadlines.prudent'), help: t('deadlines.prudentHelp') });

  return (
    <>
      <Card withBorder padding="lg" mb="lg">
        <Group gap="xs" mb="sm">
          <IconCalendarDue size={20} />
          <Title order={4}>{t('deadlines.title')}</Title>
        </Group>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void compute();
          }}
        >
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <DateField label={t('deadlines.received')} value={received} onChange={(e) => setReceived(e.currentTarget.value)} required data-testid="deadline-received" />
            <Select
              label={t('profile.jurisdiction')}
              searchable
              value={effectiveJurisdiction}
              onChange={setJurisdiction}
              data={(jurisdictions.data?.items ?? []).map((j) => ({ value: j.code, label: `${j.code} — ${j.name[lang]}` }))}
              data-testid="deadline-jurisdiction"
            />
            <DateField label={t('deadlines.infoRequested')} value={infoRequestedOn} onChange={(e) => setInfoRequestedOn(e.currentTarget.value)} />
            <DateField label={t('deadlines.infoReceived')} value={infoReceivedOn} onChange={(e) => setInfoReceivedOn(e.currentTarget.value)} />
          </SimpleGrid>
          <Group mt="md">
            <Button type="submit" data-testid="deadline-compute">
              {t('deadlines.compute')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={error} />
      </Card>
      {result && (
        <Stack data-testid="deadline-result">
          <SimpleGrid cols={{ base: 1, md: rows.length }}>
            {rows.map((r) => (
              <Card withBorder padding="lg" key={r.key} data-testid={`deadline-${r.key}`} data-date={result[r.key]}>
                <Text size="sm" c="dimmed">
                  {r.label}
                </Text>
                <Text size="xl" fw={700}>
                  {formatDate(result[r.key], lang)}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.help}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          {result.paused && (
            <Alert color="yellow" icon={<IconInfoCircle />} title={t('deadlines.pausedTitle')} data-testid="deadline-paused">
              {t('deadlines.pausedText', { count: result.paused.days, date: formatDate(result.paused.oneMonth, lang) })}
            </Alert>
          )}
          <Card withBorder padding="lg">
            <Title order={5} mb="xs">
              {t('deadlines.why')}
            </Title>
            <Accordion multiple defaultValue={['oneMonth']}>
              {rows.map((r) => (
                <Accordion.Item value={r.key} key={r.key}>
                  <Accordion.Control>{r.label}</Accordion.Control>
                  <Accordion.Panel>
                    <DateExplanation explanation={result.explanation[r.key]} />
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
            <Text size="xs" c="dimmed" mt="sm">
              {t('deadlines.source')}
            </Text>
          </Card>
        </Stack>
      )}
    </>
  );
}
