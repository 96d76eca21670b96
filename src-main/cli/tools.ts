import { formatDateLong } from '../domain/typography';
import { breachClock } from '../domain/breach-clock';
import { computeDsarDeadlines } from '../domain/dsar-deadlines';
import { computeSeverity, cnilGravity } from '../domain/severity';
import { transferCheck } from '../domain/transfers';
import { CliError } from './io';
import type { CommandSpec } from './run';

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

function req(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new CliError(`Missing --${name}.`, 2, 'invalid_input');
  return v;
}

/** Stateless calculators: the same domain functions the app uses, as JSON for scripts. */
export const COMMANDS: CommandSpec[] = [
  {
    words: ['deadlines'],
    summary: 'DSAR deadlines (Art. 12(3), Regulation 1182/71) from the day of receipt, with the reasons for each date.',
    usage: 'deadlines --received YYYY-MM-DD [--jurisdiction CODE] [--info-requested YYYY-MM-DD --info-received YYYY-MM-DD] [--lang fr|en] [--json]',
    options: { ...common, received: { type: 'string' }, jurisdiction: { type: 'string' }, 'info-requested': { type: 'string' }, 'info-received': { type: 'string' }, lang: { type: 'string' } },
    async run({ values }) {
      const lang = values.lang === 'fr' ? 'fr' : 'en';
      const d = computeDsarDeadlines({
        received: req(values, 'received'),
        jurisdiction: typeof values.jurisdiction === 'string' ? values.jurisdiction : 'FR',
        infoRequestedOn: values['info-requested'] as string | undefined,
        infoReceivedOn: values['info-received'] as string | undefined,
        lang,
      });
      const json = {
        received: d.received,
        jurisdiction: d.jurisdiction,
        oneMonth: d.oneMonth,
        threeMonths: d.threeMonths,
        threeMonthsPrudent: d.threeMonthsPrudent,
        extensionNoticeBy: d.extensionNoticeBy,
        ...(d.paused ? { paused: d.paused } : {}),
        explanation: d.explanation,
      };
      const day = (x: string) => formatDateLong(x, lang === 'fr' ? 'fr' : 'en');
      const text = (
        lang === 'fr'
          ? [
              `Demande reçue le ${day(d.received)} (calendrier ${d.jurisdiction})`,
              `Un mois (réponse, notification d’une prolongation) : ${day(d.oneMonth)}`,
              `Trois mois (délai prolongé) : ${day(d.threeMonths)}${d.threeMonthsPrudent !== d.threeMonths ? ` — date prudente : ${day(d.threeMonthsPrudent)}` : ''}`,
              ...(d.paused ? [`Avec suspension (+${d.paused.days} jours, à titre indicatif, pas à la place) : ${day(d.paused.oneMonth)}`] : []),
              '',
              'Pourquoi cette date ?',
            ]
          : [
              `Received ${day(d.received)} (${d.jurisdiction} calendar)`,
              `One month (response, extension notice): ${day(d.oneMonth)}`,
              `Three months (extended): ${day(d.threeMonths)}${d.threeMonthsPrudent !== d.threeMonths ? ` — prudent date ${day(d.threeMonthsPrudent)}` : ''}`,
              ...(d.paused ? [`With suspension (+${d.paused.days} days, shown beside, not instead): ${day(d.paused.oneMonth)}`] : []),
              '',
              'Why this date?',
            ]
      )
        .concat(d.explanation.oneMonth.steps[lang].map((s) => `  ${s}`))
        .join('\n');
      return { json, text };
    },
  },
  {
    words: ['breach-clock'],
    summary: 'The Art. 33(1) notification deadline: awareness + 72 elapsed hours (or the workspace setting), shown in the zone.',
    usage: 'breach-clock --aware YYYY-MM-DDTHH:MM --tz ZONE [--hours N] [--json]',
    options: { ...common, aware: { type: 'string' }, tz: { type: 'string' }, hours: { type: 'string' } },
    async run({ values }) {
      const hours = values.hours === undefined ? undefined : Number(values.hours);
      const c = breachClock({ aware: req(values, 'aware'), tz: typeof values.tz === 'string' ? values.tz : 'Europe/Paris', hours });
      return {
        json: { aware: c.aware, notifyBy: c.notifyBy, strictNotifyBy: c.strictNotifyBy, hours: c.hours },
        text: `Aware ${c.aware}\nNotify the authority by ${c.notifyBy} (${c.hours} h elapsed; no weekend or holiday extension)`,
      };
    },
  },
  {
    words: ['severity'],
    summary: 'ENISA (2013) breach severity: SE = DPC × EI + CB.',
    usage: 'severity --dpc N --ei X --confidentiality X --integrity X --availability X [--malicious] [--json]',
    options: { ...common, dpc: { type: 'string' }, ei: { type: 'string' }, confidentiality: { type: 'string' }, integrity: { type: 'string' }, availability: { type: 'string' }, malicious: { type: 'boolean' } },
    async run({ values }) {
      const r = computeSeverity({
        dpc: req(values, 'dpc'),
        ei: req(values, 'ei'),
        confidentiality: (values.confidentiality as string | undefined) ?? 'none',
        integrity: (values.integrity as string | undefined) ?? 'none',
        availability: (values.availability as string | undefined) ?? 'none',
        malicious: Boolean(values.malicious),
      });
      return {
        json: { score: r.score, level: r.level, breakdown: r.breakdown, cnilGravity: cnilGravity(r.level).fr, explanation: r.explanation },
        text: `SE = ${r.score} → ${r.level}\n${r.explanation.en.map((s) => `  ${s}`).join('\n')}`,
      };
    },
  },
  {
    words: ['transfer-check'],
    summary: 'Chapter V: is a transfer to this country covered (EEA, adequacy, DPF) or does it need a safeguard?',
    usage: 'transfer-check --country CC [--dpf-certified] [--json]',
    options: { ...common, country: { type: 'string' }, 'dpf-certified': { type: 'boolean' } },
    async run({ values }) {
      const r = transferCheck({ country: req(values, 'country'), dpfCertified: Boolean(values['dpf-certified']) });
      return {
        json: { country: r.country, inEEA: r.inEEA, adequacy: r.adequacy, requiresSafeguard: r.requiresSafeguard, basis: r.basis, explanation: r.explanation },
        text: `${r.country}: ${r.basis}${r.adequacy ? ` (${r.adequacy.decision}, ${r.adequacy.date})` : ''}\n${r.explanation.en}`,
      };
    },
  },
];
