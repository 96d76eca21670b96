import { formatPeriod, RULE_IDS, type RuleId } from '../domain/retention/rules';
import { RIGHTS } from '../domain/requests/case';
import { writeOutputFile } from '../services/output-file';
import { RetentionService } from '../services/retention';
import { CliError } from './io';
import { userPath, withWorkspace, type CommandSpec } from './run';

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const workspaceOpt = { workspace: { type: 'string', short: 'w' }, actor: { type: 'string' } } as const;

function reasonOf(values: Record<string, unknown>): string {
  const r = values.reason;
  if (typeof r !== 'string' || !r.trim()) throw new CliError('Missing --reason "…": it is kept in the log with the purge or hold.', 2, 'invalid_input');
  return r;
}

function idsOf(values: Record<string, unknown>): string[] {
  const ids = values.id;
  const list = Array.isArray(ids) ? ids : typeof ids === 'string' ? [ids] : [];
  if (list.length === 0) throw new CliError('Give at least one --id (see `retention due`).', 2, 'invalid_input');
  return list.map(String);
}

/** CLI commands of storage limitation (Vigie's own retention rules, purges, holds) and the register's purge calendar. */
export const COMMANDS: CommandSpec[] = [
  {
    words: ['retention', 'due'],
    summary: 'Records Vigie holds past their retention rule (closed cases, identity documents, closed breaches, vendor contacts), most overdue first.',
    usage: 'retention due --workspace FILE.vigie [--held] [--json]',
    options: { ...common, ...workspaceOpt, held: { type: 'boolean' } },
    async run({ values, io }) {
      const r = await withWorkspace(values, io, (ws) => new RetentionService(ws).due({ includeHeld: Boolean(values.held) }));
      const items = r.items.map((i) => ({ table: i.table, id: i.id, reference: i.reference, rule: i.rule, dueOn: i.dueOn, keeps: i.keeps.en, ...(i.hold ? { hold: i.hold } : {}) }));
      const text = items.length ? items.map((i) => `${i.dueOn}  ${i.rule.padEnd(18)} ${i.reference}  (${i.id})${i.hold ? `  ON HOLD: ${i.hold.reason}` : ''}\n    keeps: ${i.keeps}`).join('\n') : 'Nothing to purge today.';
      return { json: { today: r.today, items }, text };
    },
  },
  {
    words: ['retention', 'purge'],
    summary: 'Purges due records (one transaction; personal data leave the row, its history and its files; the purge is logged with the rule).',
    usage: 'retention purge --workspace FILE.vigie --id ID [--id ID…] --reason "…" [--json]',
    options: { ...common, ...workspaceOpt, id: { type: 'string', multiple: true }, reason: { type: 'string' } },
    async run({ values, io }) {
      const ids = idsOf(values);
      const reason = reasonOf(values);
      const r = await withWorkspace(values, io, (ws) => new RetentionService(ws).purge(ids, reason));
      return { json: r, text: r.purged.map((p) => `Purged ${p.reference} (${p.rule}).`).join('\n') };
    },
  },
  {
    words: ['retention', 'hold'],
    summary: 'Postpones the purge of a record (litigation hold); the reason shows in the record.',
    usage: 'retention hold --workspace FILE.vigie --id ID --reason "…" [--json]',
    options: { ...common, ...workspaceOpt, id: { type: 'string' }, reason: { type: 'string' } },
    async run({ values, io }) {
      const [id] = idsOf(values);
      const reason = reasonOf(values);
      const r = await withWorkspace(values, io, (ws) => new RetentionService(ws).hold(id!, reason));
      return { json: r, text: `Hold ${r.holdId} placed.` };
    },
  },
  {
    words: ['retention', 'release'],
    summary: 'Releases a litigation hold (the record is proposed for purge again when due).',
    usage: 'retention release --workspace FILE.vigie --hold HOLD_ID [--reason "…"] [--json]',
    options: { ...common, ...workspaceOpt, hold: { type: 'string' }, reason: { type: 'string' } },
    async run({ values, io }) {
      if (typeof values.hold !== 'string' || !values.hold) throw new CliError('Missing --hold HOLD_ID.', 2, 'invalid_input');
      const holdId = values.hold;
      await withWorkspace(values, io, (ws) => new RetentionService(ws).release(holdId, typeof values.reason === 'string' ? values.reason : ''));
      return { json: { released: holdId }, text: `Hold ${holdId} released.` };
    },
  },
  {
    words: ['retention', 'rules'],
    summary: 'The retention rules of Vigie’s own records, with their period, what a purge keeps and the sources; --set changes one with a reason.',
    usage: 'retention rules --workspace FILE.vigie [--set RULE --period N --unit days|months|years --reason "…"] [--json]',
    options: { ...common, ...workspaceOpt, set: { type: 'string' }, period: { type: 'string' }, unit: { type: 'string' }, reason: { type: 'string' } },
    async run({ values, io }) {
      const r = await withWorkspace(values, io, async (ws) => {
        const svc = new RetentionService(ws);
        if (typeof values.set === 'string') {
          if (!RULE_IDS.includes(values.set as RuleId)) throw new CliError(`Unknown rule ${values.set}; use one of ${RULE_IDS.join(', ')}.`, 2, 'invalid_input');
          const n = Number(values.period);
          const unit = values.unit;
          if (!Number.isInteger(n) || n < 0 || (unit !== 'days' && unit !== 'months' && unit !== 'years')) throw new CliError('Give --period N (a whole number) and --unit days|months|years.', 2, 'invalid_input');
          await svc.setRule(values.set as RuleId, { value: n, unit }, reasonOf(values));
        }
        return svc.rules();
      });
      return {
        json: { rules: r },
        text: r.map((x) => `${x.id.padEnd(18)} ${formatPeriod(x.period, 'en')} after ${x.triggerLabel.en}${x.overridden ? ` (changed: ${x.overrideReason})` : ''}\n    keeps: ${x.keeps.en}`).join('\n'),
      };
    },
  },
  {
    words: ['retention', 'targets'],
    summary: 'Internal response targets of rights requests (days from receipt), shown beside the legal deadline.',
    usage: 'retention targets --workspace FILE.vigie [--days N|none] [--right RIGHT=N …] [--json]',
    options: { ...common, ...workspaceOpt, days: { type: 'string' }, right: { type: 'string', multiple: true } },
    async run({ values, io }) {
      const r = await withWorkspace(values, io, async (ws) => {
        const svc = new RetentionService(ws);
        if (values.days === undefined && values.right === undefined) return svc.targets();
        const current = await svc.targets();
        let defaultDays = current.defaultDays;
        if (typeof values.days === 'string') {
          defaultDays = values.days === 'none' ? null : Number(values.days);
          if (defaultDays !== null && (!Number.isInteger(defaultDays) || defaultDays < 1 || defaultDays > 90)) throw new CliError('--days is a whole number of days from 1 to 90, or none.', 2, 'invalid_input');
        }
        const perRight = { ...current.perRight };
        for (const pair of (values.right as string[] | undefined) ?? []) {
          const [right, n] = pair.split('=');
          if (!right || !(RIGHTS as readonly string[]).includes(right)) throw new CliError(`Unknown right in --right ${pair}; use one of ${RIGHTS.join(', ')}.`, 2, 'invalid_input');
          if (n === 'none') delete perRight[right];
          else if (!Number.isInteger(Number(n)) || Number(n) < 1 || Number(n) > 90) throw new CliError(`--right ${pair}: give RIGHT=N with N from 1 to 90 (or RIGHT=none).`, 2, 'invalid_input');
          else perRight[right] = Number(n);
        }
        return svc.setTargets({ defaultDays, perRight });
      });
      return { json: r, text: `Default: ${r.defaultDays ?? 'none'} day(s)${Object.keys(r.perRight).length ? `; ${Object.entries(r.perRight).map(([k, v]) => `${k}: ${v}`).join(', ')}` : ''}.` };
    },
  },
  {
    words: ['register', 'purges'],
    summary: 'The register’s retention calendar: when each business system must purge or archive each data category (and what was recorded as done).',
    usage: 'register purges --workspace FILE.vigie [--due] [--out FILE.ics [--force]] [--json]',
    options: { ...common, ...workspaceOpt, due: { type: 'boolean' }, out: { type: 'string' }, force: { type: 'boolean' } },
    async run({ values, io }) {
      const r = await withWorkspace(values, io, async (ws) => {
        const svc = new RetentionService(ws);
        const schedule = await svc.schedule({ dueOnly: Boolean(values.due) });
        let out: { path: string; bytes: number } | undefined;
        if (typeof values.out === 'string' && values.out) {
          const ics = await svc.scheduleIcs();
          out = await writeOutputFile(userPath(io, values.out), ics.text, { format: 'ics', force: Boolean(values.force), protectedPaths: [ws.path] });
        }
        return { ...schedule, ...(out ? { out: out.path } : {}) };
      });
      const text = r.items.length
        ? r.items.map((i) => `${i.dueOn}${i.overdue ? ' OVERDUE' : ''}  ${i.action.padEnd(9)} ${i.activityReference} ${i.activityName} — ${i.categoryLabel}${i.lastPerformed ? `  (last: ${i.lastPerformed.performedOn} in ${i.lastPerformed.system})` : ''}`).join('\n')
        : 'No business-system purge scheduled (set retention periods in the register).';
      return { json: r, text };
    },
  },
  {
    words: ['register', 'purge-done'],
    summary: 'Records a purge performed in a business system (evidence of storage limitation, Art. 5(1)(e) and 5(2)).',
    usage: 'register purge-done --workspace FILE.vigie --activity REF|ID --category ID --on YYYY-MM-DD --by NAME --system NAME [--note "…"] [--json]',
    options: { ...common, ...workspaceOpt, activity: { type: 'string' }, category: { type: 'string' }, on: { type: 'string' }, by: { type: 'string' }, system: { type: 'string' }, note: { type: 'string' } },
    async run({ values, io }) {
      for (const k of ['activity', 'category', 'on', 'by', 'system'] as const) if (typeof values[k] !== 'string' || !values[k]) throw new CliError(`Missing --${k}.`, 2, 'invalid_input');
      const r = await withWorkspace(values, io, async (ws) => {
        const svc = new RetentionService(ws);
        const { items } = await svc.schedule();
        const a = items.find((i) => i.activityReference === values.activity || i.activityId === values.activity);
        if (!a) throw new CliError(`No activity ${String(values.activity)} with a retention period in the register.`, 2, 'not_found');
        return svc.recordPurge({ activityId: a.activityId, categoryId: String(values.category), performedOn: String(values.on), performedBy: String(values.by), system: String(values.system), note: typeof values.note === 'string' ? values.note : '' });
      });
      return { json: r, text: `Recorded purge ${r.id}.` };
    },
  },
];
