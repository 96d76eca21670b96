import { Alert, Button, Group, List, Modal, Select, SimpleGrid, Stepper, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconFileTypeDocx } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { call } from '../../api';
import { DOCX_MIME, downloadBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useApi } from '../../hooks/useApi';
import type { MethodOutput } from '../../../src-main/api/contract';
import { useUiLanguage } from '../../hooks/useUiLanguage';

type Reference = MethodOutput<'vendors.reference'>;
export type Transfer = MethodOutput<'vendors.get'>['vendor']['transfers'][number];
type Tia = NonNullable<Transfer['tia']>;

const EMPTY_TIA: Tia = { answers: {}, outcome: 'pending', assessedOn: null, reevaluateOn: null, assessor: '' };

/**
 * The six steps of EDPB Recommendations 01/2020 as a guided form for one transfer, then the outcome
 * and the re-evaluation date. Saving writes the assessment into the vendor (one change-log entry).
 */
export function TiaWizard({
  opened,
  onClose,
  reference,
  vendorId,
  transfer,
  onSave,
}: {
  opened: boolean;
  onClose: () => void;
  reference: Reference;
  vendorId: string;
  transfer: Transfer;
  onSave: (tia: Tia) => Promise<void>;
}) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const [tia, setTia] = useState<Tia>(transfer.tia ?? EMPTY_TIA);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const check = useApi('vendors.transferCheck', { country: transfer.country, dpfCertified: transfer.tool === 'dpf' });
  const adequate = check.data?.basis === 'adequacy' || check.data?.basis === 'eea';
  const steps = reference.tiaSteps;
  const last = steps.length;
  const profile = useApi('profile.get', {});
  const dpo = profile.data?.profile.dpo_name ?? '';
  // « Évaluée par » starts with the organisation's DPO.
  useEffect(() => {
    if (dpo) setTia((cur) => (cur.assessor ? cur : { ...cur, assessor: dpo }));
  }, [dpo]);
  const country = reference.countries.find((c) => c.code === transfer.country)?.name[lang] ?? transfer.country;
  /** A step needs an answer unless an adequacy decision makes it unnecessary. */
  const required = (s: Reference['tiaSteps'][number]) => !(adequate && !s.neededWithAdequacy);
  const answered = (s: Reference['tiaSteps'][number]) => (tia.answers[s.id] ?? '').trim() !== '';
  const missing = steps.filter((s) => required(s) && !answered(s));

  async function save() {
    setSaving(true);
    setError(undefined);
    try {
      await onSave(tia);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  async function docx(l: 'fr' | 'en') {
    try {
      const r = await call('vendors.tiaDocx', { id: vendorId, transferId: transfer.id, lang: l });
      downloadBase64(r.fileName, r.contentBase64, DOCX_MIME);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={t('vendors.tiaTitle', { country })} data-testid="tia-wizard">
      <Text size="xs" c="dimmed" mb="sm">
        {reference.tiaStepsNote[lang]}
      </Text>
      <Stepper active={active} onStepClick={setActive} size="xs" allowNextStepsSelect>
        {steps.map((s) => (
          <Stepper.Step
            key={s.id}
            label={s.title[lang]}
            data-testid={`tia-step-${s.step}`}
            data-done={!required(s) || answered(s)}
            // Passed without its answer: not « done » — a warning instead of the check mark.
            {...(required(s) && !answered(s) ? { completedIcon: <IconAlertTriangle size={14} />, color: 'orange' } : {})}
          >
            {adequate && !s.neededWithAdequacy && (
              <Alert color="blue" mb="sm">
                {t('vendors.tiaStepNotNeeded')}
              </Alert>
            )}
            <List size="sm" mb="sm">
              {s.questions[lang].map((q) => (
                <List.Item key={q}>{q}</List.Item>
              ))}
            </List>
            <Textarea
              autosize
              minRows={4}
              label={t('vendors.tiaAnswer')}
              value={tia.answers[s.id] ?? ''}
              onChange={(e) => setTia({ ...tia, answers: { ...tia.answers, [s.id]: e.currentTarget.value } })}
              data-testid={`tia-answer-${s.id}`}
            />
          </Stepper.Step>
        ))}
        <Stepper.Completed>
          {missing.length > 0 && (
            <Alert color="orange" mb="sm" icon={<IconAlertTriangle size={18} />} data-testid="tia-missing-steps">
              {t('vendors.tiaMissingSteps', { count: missing.length, steps: missing.map((s) => s.step).join(', ') })}
            </Alert>
          )}
          <SimpleGrid cols={2}>
            <Select
              label={t('vendors.tiaOutcome')}
              value={tia.outcome}
              onChange={(v) => v && setTia({ ...tia, outcome: v as Tia['outcome'] })}
              data={reference.tiaOutcomes.map((o) => ({ value: o.id, label: o.label[lang] }))}
              data-testid="tia-outcome"
            />
            <TextInput label={t('vendors.tiaAssessor')} value={tia.assessor} onChange={(e) => setTia({ ...tia, assessor: e.currentTarget.value })} />
            <DateField label={t('vendors.tiaAssessedOn')} value={tia.assessedOn ?? ''} onChange={(e) => setTia({ ...tia, assessedOn: e.currentTarget.value || null })} data-testid="tia-assessed-on" />
            <DateField label={t('vendors.tiaReevaluateOn')} value={tia.reevaluateOn ?? ''} onChange={(e) => setTia({ ...tia, reevaluateOn: e.currentTarget.value || null })} data-testid="tia-reevaluate-on" />
          </SimpleGrid>
        </Stepper.Completed>
      </Stepper>
      <ErrorAlert error={error} />
      <Group justify="space-between" mt="lg">
        <Group>
          <Button variant="default" leftSection={<IconFileTypeDocx size={16} />} onClick={() => void docx('fr')} disabled={!transfer.tia} data-testid="tia-docx-fr">
            DOCX FR
          </Button>
          <Button variant="default" leftSection={<IconFileTypeDocx size={16} />} onClick={() => void docx('en')} disabled={!transfer.tia} data-testid="tia-docx-en">
            DOCX EN
          </Button>
        </Group>
        <Group>
          <Button variant="default" disabled={active === 0} onClick={() => setActive((a) => a - 1)}>
            {t('vendors.back')}
          </Button>
          {active < last ? (
            <Button onClick={() => setActive((a) => a + 1)} data-testid="tia-next">
              {t('vendors.next')}
            </Button>
          ) : (
            <Button onClick={() => void save()} loading={saving} data-testid="tia-save">
              {t('vendors.tiaSave')}
            </Button>
          )}
        </Group>
      </Group>
    </Modal>
  );
}
