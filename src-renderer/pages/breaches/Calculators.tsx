import { Alert, Badge, Button, Card, Checkbox, Group, List, NumberInput, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlarm, IconScale } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../hooks/useApi';
import { LiveCountdown } from './common';
import type { MethodOutput } from '../../../src-main/api/contract';
import { useUiLanguage } from '../../hooks/useUiLanguage';

const LEVEL_COLOR = { low: 'teal', medium: 'yellow', high: 'orange', 'very-high': 'red' } as const;

export function BreachClockCard() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const profile = useApi('profile.get', {});
  const [aware, setAware] = useState('');
  const [result, setResult] = useState<MethodOutput<'tools.breachClock'>>();
  const [error, setError] = useState<unknown>();
  const tz = profile.data?.profile.time_zone ?? 'Europe/Paris';
  const fmt = (iso: string) => new Date(iso).toLocaleString(lang, { timeZone: tz, dateStyle: 'full', timeStyle: 'short' });
  return (
    <Card withBorder padding="lg">
      <Group gap="xs" mb="xs">
        <IconAlarm size={20} />
        <Title order={4}>{t('clock.title')}</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('clock.help', { count: profile.data?.profile.breach_notification_hours ?? 72, tz })}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(undefined);
          void call('tools.breachClock', { aware }).then(setResult, (err) => {
            setResult(undefined);
            setError(err);
          });
        }}
      >
        <Group align="end">
          <DateField withTime label={t('clock.aware')} value={aware} onChange={(e) => setAware(e.currentTarget.value)} required data-testid="clock-aware" />
          <Button type="submit" data-testid="clock-compute">
            {t('clock.compute')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={error} />
      {result && (
        <Stack mt="md" gap={6} data-testid="clock-result" data-notify-by={result.notifyBy}>
          <Text size="sm">
            {t('clock.awareAt')} <b>{fmt(result.aware)}</b>
          </Text>
          <Text size="lg">
            {t('clock.notifyBy')} <b>{fmt(result.notifyBy)}</b>
          </Text>
          <LiveCountdown until={result.notifyBy} testId="clock-countdown" />
          <Text size="xs" c="dimmed">
            {t('clock.noExtension')}
          </Text>
        </Stack>
      )}
    </Card>
  );
}

export interface SeverityFactors {
  dpc: number;
  dpcAdjustment: number;
  ei: string;
  confidentiality: string;
  integrity: string;
  availability: string;
  malicious: boolean;
}

/** The ENISA calculator; on a breach page it starts from the stored factors and reports every change. */
export function SeverityCard({ initial, onChange }: { initial?: SeverityFactors; onChange?: (f: SeverityFactors, r: MethodOutput<'tools.severity'>) => void } = {}) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const ref = useApi('reference.severity', {});
  const [dpc, setDpc] = useState(String(initial?.dpc ?? 1));
  const [adjustment, setAdjustment] = useState<number>(initial?.dpcAdjustment ?? 0);
  const [ei, setEi] = useState(initial?.ei ?? 'limited');
  const [c, setC] = useState(initial?.confidentiality ?? 'none');
  const [i, setI] = useState(initial?.integrity ?? 'none');
  const [a, setA] = useState(initial?.availability ?? 'none');
  const [malicious, setMalicious] = useState(initial?.malicious ?? false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [result, setResult] = useState<MethodOutput<'tools.severity'>>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    call('tools.severity', { dpc: Number(dpc), dpcAdjustment: adjustment, ei, confidentiality: c, integrity: i, availability: a, malicious }).then(
      (r) => {
        setResult(r);
        setError(undefined);
        onChangeRef.current?.({ dpc: Number(dpc), dpcAdjustment: adjustment, ei, confidentiality: c, integrity: i, availability: a, malicious }, r);
      },
      setError,
    );
  }, [dpc, adjustment, ei, c, i, a, malicious]);
  const r = ref.data;
  const opts = (levels: Array<{ id: string; value: number; label: { fr: string; en: string } }>) => levels.map((l) => ({ value: l.id, label: `${l.label[lang]} (${l.value})` }));
  return (
    <Card withBorder padding="lg">
      <Group gap="xs" mb="xs">
        <IconScale size={20} />
        <Title order={4}>{t('severity.title')}</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('severity.help')}
      </Text>
      {ref.data?.source && (
        <Group gap={6} mb="xs" data-testid="severity-source">
          <Text size="xs" c="dimmed">
            {ref.data.source.title}
          </Text>
          {ref.data.source.parts
            .filter((p) => !p.verified)
            .map((p) => (
              <Badge key={p.id} size="xs" color="yellow" variant="light" tt="none" title={p.note}>
                {p.id === 'cb' ? t('severity.cbToVerify') : p.cite} — {t('vendors.toVerify')}
              </Badge>
            ))}
        </Group>
      )}
      {r && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('severity.dpc')} value={dpc} onChange={(v) => v && setDpc(v)} data={r.dpc.map((d) => ({ value: String(d.base), label: `${d.base} — ${d.label[lang]}` }))} data-testid="severity-dpc" />
          <NumberInput label={t('severity.adjustment')} value={adjustment} min={-3} max={3} onChange={(v) => setAdjustment(Number(v) || 0)} />
          <Select label={t('severity.ei')} value={ei} onChange={(v) => v && setEi(v)} data={opts(r.ei)} data-testid="severity-ei" />
          <Select label={t('severity.confidentiality')} value={c} onChange={(v) => v && setC(v)} data={opts(r.confidentiality)} data-testid="severity-c" />
          <Select label={t('severity.integrity')} value={i} onChange={(v) => v && setI(v)} data={opts(r.integrity)} />
          <Select label={t('severity.availability')} value={a} onChange={(v) => v && setA(v)} data={opts(r.availability)} />
          <Checkbox mt="md" label={t('severity.malicious')} checked={malicious} onChange={(e) => setMalicious(e.currentTarget.checked)} data-testid="severity-malicious" />
        </SimpleGrid>
      )}
      <ErrorAlert error={error ?? ref.error} />
      {result && (
        <Stack mt="md" gap="xs" data-testid="severity-result" data-level={result.level}>
          <Group>
            <Text size="xl" fw={700}>
              SE = {result.score.toLocaleString(lang)}
            </Text>
            <Badge size="lg" color={LEVEL_COLOR[result.level]}>
              {t(`severity.level.${result.level}`)}
            </Badge>
            <Badge size="lg" variant="outline">
              CNIL : {result.cnilGravity[lang]}
            </Badge>
          </Group>
          <List size="sm" spacing={2}>
            {result.explanation[lang].map((s, k) => (
              <List.Item key={k}>{s}</List.Item>
            ))}
          </List>
          <Alert color="blue" title={t('severity.hintTitle')}>
            <List size="sm">
              {result.hint.reasons[lang].map((s, k) => (
                <List.Item key={k}>{s}</List.Item>
              ))}
            </List>
          </Alert>
        </Stack>
      )}
    </Card>
  );
}

/** The stateless calculators (Art. 33 clock, ENISA severity), kept reachable from the breach log. */
export function Calculators() {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <BreachClockCard />
      <SeverityCard />
    </SimpleGrid>
  );
}
