import { ActionIcon, Alert, Button, Card, Grid, Group, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { limit } from '../../components/limits';
import { useUiLanguage } from '../../hooks/useUiLanguage';
import { SeverityCard, type SeverityFactors } from './Calculators';
import { formatInstant, toLocalInput, type BreachData, type BreachDetail } from './common';

const DEFAULT_FACTORS: SeverityFactors = { dpc: 1, dpcAdjustment: 0, ei: 'limited', confidentiality: 'none', integrity: 'none', availability: 'none', malicious: false };

/** Current wall time in `tz`, for "decided at" defaults. */
function nowLocal(tz: string): string {
  return toLocalInput(new Date().toISOString(), tz);
}

/** The severity assessment (ENISA method) and its justification; a change marks the record edited. */
export function SeverityTab({ b, set, actor }: { b: BreachData; set: (p: Partial<BreachData>) => void; actor: string }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const s = b.severity;
  const initial: SeverityFactors | undefined = s ? { dpc: s.dpc, dpcAdjustment: s.dpcAdjustment, ei: s.ei, confidentiality: s.confidentiality, integrity: s.integrity, availability: s.availability, malicious: s.malicious } : undefined;
  const [justification, setJustification] = useState(s?.justification ?? '');
  const [factors, setFactors] = useState<SeverityFactors | undefined>(initial);
  useEffect(() => {
    if (!factors) return;
    const same = (x?: SeverityFactors) => Boolean(x) && (Object.keys(factors) as Array<keyof SeverityFactors>).every((k) => x?.[k] === factors[k]);
    // Opening the tab must not mark the breach as changed: only a new factor or justification does.
    if (s ? same(initial) && justification === s.justification : justification.trim() === '' && same(DEFAULT_FACTORS)) return;
    set({
      severity: {
        ...factors,
        ei: factors.ei as never,
        confidentiality: factors.confidentiality as never,
        integrity: factors.integrity as never,
        availability: factors.availability as never,
        justification,
        assessedBy: s?.assessedBy || actor,
        assessedAt: undefined,
      },
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [factors, justification]);
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <SeverityCard initial={initial} onChange={(f) => setFactors(f)} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Card withBorder padding="lg">
          <Title order={5} mb="xs">
            {t('breach.justificationTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('breach.justificationHelp')}
          </Text>
          <Textarea autosize minRows={5} value={justification} onChange={(e) => setJustification(e.currentTarget.value)} {...limit(justification, 4000)} data-testid="severity-justification" />
          {s?.score !== undefined && s.level && (
            <Text size="sm" mt="sm" data-testid="severity-stored">
              {t('breach.storedScore', { score: s.score.toLocaleString(lang), level: t(`severity.level.${s.level}`) })}
            </Text>
          )}
        </Card>
      </Grid.Col>
    </Grid>
  );
}

/** The decisions to notify the authority and to inform the people, and the controllers informed (processor). */
export function DecisionsTab({ b, set, data, actor }: { b: BreachData; set: (p: Partial<BreachData>) => void; data: BreachDetail; actor: string }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const a = b.decisions.authority;
  const p = b.decisions.people;
  const tz = b.timeZone;
  const setA = (x: Partial<typeof a>) => set({ decisions: { ...b.decisions, authority: { ...a, ...x } } });
  const setP = (x: Partial<typeof p>) => set({ decisions: { ...b.decisions, people: { ...p, ...x } } });
  const level = b.severity?.level;
  return (
    <Stack>
      {level && (
        <Alert color={level === 'high' || level === 'very-high' ? 'orange' : 'blue'} title={t('breach.hintTitle')}>
          {t(`breach.hint.${level}`)}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder padding="lg" data-testid="decision-authority">
          <Title order={5} mb="xs">
            {data.computed.processor ? t('breach.decideControllers') : t('breach.decideAuthority')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {data.computed.processor ? t('breach.decideControllersHelp') : t('breach.decideAuthorityHelp')}
          </Text>
          {!data.computed.processor && (
          <SegmentedControl
            value={a.decision}
            onChange={(v) => setA({ decision: v as typeof a.decision, decidedBy: a.decidedBy || actor, decidedAt: a.decidedAt ?? nowLocal(tz) })}
            data={(['pending', 'notify', 'not-notify'] as const).map((x) => ({ value: x, label: t(`breach.decision.authority.${x}`) }))}
            data-testid="decision-authority-choice"
          />
          )}
          {a.decision === 'not-notify' && <Textarea mt="sm" label={t('breach.noRiskReason')} autosize minRows={3} value={a.reason} onChange={(e) => setA({ reason: e.currentTarget.value })} {...limit(a.reason, 4000)} data-testid="decision-authority-reason" />}
          {a.decision !== 'pending' && (
            <Group grow mt="sm">
              <TextInput label={t('breach.decidedBy')} value={a.decidedBy} onChange={(e) => setA({ decidedBy: e.currentTarget.value })} data-testid="decision-authority-by" />
              <DateField withTime label={t('breach.decidedAt')} value={toLocalInput(a.decidedAt, tz)} onChange={(e) => setA({ decidedAt: e.currentTarget.value || undefined })} />
            </Group>
          )}
        </Card>
        <Card withBorder padding="lg" data-testid="decision-people">
          <Title order={5} mb="xs">
            {t('breach.decidePeople')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('breach.decidePeopleHelp')}
          </Text>
          <Switch label={t('breach.highRisk')} checked={p.highRisk} onChange={(e) => setP({ highRisk: e.currentTarget.checked })} mb="sm" data-testid="decision-people-high-risk" />
          <SegmentedControl
            value={p.decision}
            onChange={(v) => setP({ decision: v as typeof p.decision, decidedBy: p.decidedBy || actor, decidedAt: p.decidedAt ?? nowLocal(tz) })}
            data={(['pending', 'communicate', 'not-communicate'] as const).map((x) => ({ value: x, label: t(`breach.decision.people.${x}`) }))}
            data-testid="decision-people-choice"
          />
          {p.decision === 'not-communicate' && (
            <>
              <Select
                mt="sm"
                label={t('breach.exemption')}
                clearable
                value={p.exemption}
                onChange={(v) => setP({ exemption: v as typeof p.exemption })}
                data={(['34-3-a', '34-3-b', '34-3-c'] as const).map((x) => ({ value: x, label: t(`breach.exemptions.${x}`) }))}
                data-testid="decision-people-exemption"
              />
              <Textarea mt="sm" label={t('breach.peopleReason')} autosize minRows={2} value={p.reason} onChange={(e) => setP({ reason: e.currentTarget.value })} />
            </>
          )}
          {p.decision === 'communicate' && (
            <Group grow mt="sm">
              <DateField withTime label={t('breach.communicatedAt')} value={toLocalInput(p.communicatedAt, tz)} onChange={(e) => setP({ communicatedAt: e.currentTarget.value || undefined })} />
              <TextInput label={t('breach.means')} value={p.means} onChange={(e) => setP({ means: e.currentTarget.value })} />
            </Group>
          )}
          {p.decision !== 'pending' && (
            <Group grow mt="sm">
              <TextInput label={t('breach.decidedBy')} value={p.decidedBy} onChange={(e) => setP({ decidedBy: e.currentTarget.value })} />
              <DateField withTime label={t('breach.decidedAt')} value={toLocalInput(p.decidedAt, tz)} onChange={(e) => setP({ decidedAt: e.currentTarget.value || undefined })} />
            </Group>
          )}
        </Card>
      </SimpleGrid>
      {data.computed.processor && (
        <Card withBorder padding="lg" data-testid="controllers-informed">
          <Title order={5} mb="xs">
            {t('breach.controllersInformed')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('breach.controllersInformedHelp')}
          </Text>
          {b.controllersInformed.map((x, i) => (
            <Group key={i} align="end" gap="xs" mb="xs">
              <TextInput label={t('breach.controllerName')} value={x.name} onChange={(e) => set({ controllersInformed: b.controllersInformed.map((y, j) => (j === i ? { ...y, name: e.currentTarget.value } : y)) })} />
              <DateField withTime label={t('breach.informedAt')} value={toLocalInput(x.informedAt, tz)} onChange={(e) => set({ controllersInformed: b.controllersInformed.map((y, j) => (j === i ? { ...y, informedAt: e.currentTarget.value } : y)) })} />
              <TextInput label={t('breach.means')} value={x.means} onChange={(e) => set({ controllersInformed: b.controllersInformed.map((y, j) => (j === i ? { ...y, means: e.currentTarget.value } : y)) })} />
              <ActionIcon variant="subtle" color="red" mb={6} onClick={() => set({ controllersInformed: b.controllersInformed.filter((_, j) => j !== i) })} aria-label={t('breach.remove')}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group gap="xs">
            {[...data.clientControllers.filter((n) => !b.controllersInformed.some((x) => x.name === n)), ''].map((name) => (
              <Button
                key={name || '_other'}
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => set({ controllersInformed: [...b.controllersInformed, { name, informedAt: nowLocal(tz), means: '', contact: '' }] })}
              >
                {name || t('breach.addController')}
              </Button>
            ))}
          </Group>
          {b.controllersInformed.length > 0 && (
            <Text size="xs" c="dimmed" mt="xs">
              {b.controllersInformed.map((x) => `${x.name} — ${formatInstant(x.informedAt, tz, lang)}`).join(' · ')}
            </Text>
          )}
        </Card>
      )}
    </Stack>
  );
}

/** The notifications sent to the authority: the initial one (with reasons for a delay) and complementary ones. */
export function NotificationsTab({ b, set, data }: { b: BreachData; set: (p: Partial<BreachData>) => void; data: BreachDetail }) {
  const { t } = useTranslation();
  const tz = b.timeZone;
  const upd = (i: number, x: Partial<BreachData['notifications'][number]>) => set({ notifications: b.notifications.map((n, j) => (j === i ? { ...n, ...x } : n)) });
  return (
    <Card withBorder padding="lg">
      <Text size="sm" c="dimmed" mb="sm">
        {t('breach.notificationsHelp', { hours: data.computed.hours })}
      </Text>
      <Stack>
        {b.notifications.map((n, i) => (
          <Card key={i} withBorder padding="sm" data-testid="notification" data-phase={n.phase}>
            <Group align="end" gap="xs">
              <Select w={190} label={t('breach.phase')} value={n.phase} onChange={(v) => v && upd(i, { phase: v as typeof n.phase })} data={(['initial', 'complementary'] as const).map((x) => ({ value: x, label: t(`breach.phases.${x}`) }))} />
              <DateField withTime label={t('breach.sentAt')} value={toLocalInput(n.sentAt, tz)} onChange={(e) => upd(i, { sentAt: e.currentTarget.value })} data-testid={`notification-${i}-sent`} />
              <TextInput label={t('breach.authorityReference')} value={n.authorityReference} onChange={(e) => upd(i, { authorityReference: e.currentTarget.value })} data-testid={`notification-${i}-reference`} />
              <ActionIcon variant="subtle" color="red" mb={6} onClick={() => set({ notifications: b.notifications.filter((_, j) => j !== i) })} aria-label={t('breach.remove')}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            {n.phase === 'initial' && <Textarea mt="xs" label={t('breach.delayReasons')} description={t('breach.delayReasonsHelp')} autosize minRows={2} value={n.delayReasons} onChange={(e) => upd(i, { delayReasons: e.currentTarget.value })} {...limit(n.delayReasons, 4000)} data-testid={`notification-${i}-delay`} />}
          </Card>
        ))}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          w="fit-content"
          onClick={() => set({ notifications: [...b.notifications, { phase: b.notifications.length ? 'complementary' : 'initial', sentAt: nowLocal(tz), authorityReference: b.notifications[0]?.authorityReference ?? '', delayReasons: '', notes: '' }] })}
          data-testid="notification-add"
        >
          {b.notifications.length ? t('breach.addComplementary') : t('breach.addInitial')}
        </Button>
      </Stack>
    </Card>
  );
}
