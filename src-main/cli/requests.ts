import { CHANNELS, RIGHTS, STATUS_FILTERS, type LetterType, type StatusFilter } from '../domain/requests/case';
import { checkOutputPath, writeOutputFile } from '../services/output-file';
import { RequestsService } from '../services/requests';
import { CliError, forceOpt } from './io';
import { outputTarget, userPath, withWorkspace, type CommandSpec } from './run';

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const workspaceOpt = { workspace: { type: 'string', short: 'w' }, actor: { type: 'string' } } as const;

function req(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new CliError(`Missing --${name}.`, 2, 'invalid_input');
  return v;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`--${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)}).`, 2, 'invalid_input');
  return value as T;
}

/** `dsar letter --kind` words (the issue's contract) → letter types of the case file. */
export const LETTER_KINDS: Record<string, LetterType> = {
  acknowledgement: 'acknowledgement',
  identity: 'identity-request',
  extension: 'extension-notice',
  response: 'response-cover',
  refusal: 'refusal',
  unfounded: 'unfounded',
  unidentifiable: 'unidentifiable',
  'recipients-notice': 'recipients-notice',
  'marketing-stopped': 'marketing-stopped',
};

/** CLI commands of the requests area. */
export const COMMANDS: CommandSpec[] = [
  {
    words: ['dsar', 'add'],
    summary: 'Record a rights request; answers the case with its reference, deadlines and status.',
    usage: `dsar add --workspace FILE.vigie --requester NAME --right ${RIGHTS.join('|')} [--right …] --received YYYY-MM-DD [--channel ${CHANNELS.join('|')}] [--jurisdiction CODE] [--email ADDRESS] [--json]`,
    options: {
      ...common,
      ...workspaceOpt,
      requester: { type: 'string' },
      right: { type: 'string', multiple: true },
      received: { type: 'string' },
      channel: { type: 'string' },
      jurisdiction: { type: 'string' },
      email: { type: 'string' },
    },
    async run({ values, io }) {
      const requester = req(values, 'requester');
      const rights = (Array.isArray(values.right) ? values.right : []).map((r) => oneOf('right', r, RIGHTS));
      if (rights.length === 0) throw new CliError(`Give at least one --right (${RIGHTS.join(', ')}).`, 2, 'invalid_input');
      const received = req(values, 'received');
      const channel = typeof values.channel === 'string' ? oneOf('channel', values.channel, CHANNELS) : 'email';
      const draft = {
        requester: { name: requester, ...(typeof values.email === 'string' ? { email: values.email } : {}) },
        rights,
        channel,
        receivedOn: received,
        ...(typeof values.jurisdiction === 'string' ? { jurisdiction: values.jurisdiction } : {}),
      };
      const c = await withWorkspace(values, io, (ws) => new RequestsService(ws).create(draft));
      const text = [
        `${c.reference} — ${c.requester} (${c.rights.join(', ')}), received ${c.received} (${c.jurisdiction})`,
        `Respond (and notify any extension) by ${c.oneMonth}; extended deadline ${c.threeMonths}${c.threeMonthsPrudent !== c.threeMonths ? ` (prudent date ${c.threeMonthsPrudent})` : ''}`,
        `Status: ${c.status}`,
      ].join('\n');
      return { json: c, text };
    },
  },
  {
    words: ['dsar', 'list'],
    summary: 'List rights requests with their deadlines and status (open cases first, nearest deadline first).',
    usage: `dsar list --workspace FILE.vigie [--status ${STATUS_FILTERS.join('|')}] [--right RIGHT] [--text TEXT] [--due-from YYYY-MM-DD] [--due-to YYYY-MM-DD] [--sort deadline|received] [--limit N [--cursor C]] [--json]`,
    options: { ...common, ...workspaceOpt, status: { type: 'string' }, right: { type: 'string' }, text: { type: 'string' }, 'due-from': { type: 'string' }, 'due-to': { type: 'string' }, sort: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' } },
    async run({ values, io }) {
      const status: StatusFilter | undefined = typeof values.status === 'string' ? oneOf('status', values.status, STATUS_FILTERS) : undefined;
      const right = typeof values.right === 'string' ? oneOf('right', values.right, RIGHTS) : undefined;
      let limit: number | undefined;
      if (typeof values.limit === 'string') {
        limit = Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError('--limit is a whole number from 1 to 1000.', 2, 'invalid_input');
      }
      if (typeof values.cursor === 'string' && limit === undefined) throw new CliError('--cursor goes with --limit (the cursor comes from the previous page).', 2, 'invalid_input');
      const text = typeof values.text === 'string' ? values.text : undefined;
      const cursor = typeof values.cursor === 'string' ? values.cursor : undefined;
      const dueFrom = typeof values['due-from'] === 'string' ? values['due-from'] : undefined;
      const dueTo = typeof values['due-to'] === 'string' ? values['due-to'] : undefined;
      const sort = typeof values.sort === 'string' ? oneOf('sort', values.sort, ['deadline', 'received'] as const) : undefined;
      const r = await withWorkspace(values, io, (ws) => new RequestsService(ws).list({ status, right, text, dueFrom, dueTo, sort, limit, cursor }));
      const lines = r.items.length
        ? r.items.map((i) => `${i.reference}  ${i.status.padEnd(9)}  due ${i.dueDate}  received ${i.received}  ${i.requester}  [${i.rights.join(', ')}]${i.outcome ? `  outcome: ${i.outcome}` : ''}`).join('\n')
        : 'No rights requests.';
      return { json: { items: r.items, total: r.total, nextCursor: r.nextCursor, today: r.today }, text: r.nextCursor ? `${lines}\n(${r.items.length} of ${r.total}; next page: --cursor ${r.nextCursor})` : lines };
    },
  },
  {
    words: ['dsar', 'ics'],
    summary: 'Write every open deadline to an iCalendar file (reference and rights only, no names).',
    usage: 'dsar ics --workspace FILE.vigie --out FILE.ics [--force] [--json]',
    options: { ...common, ...workspaceOpt, ...forceOpt, out: { type: 'string' } },
    async run({ values, io }) {
      const target = outputTarget(values, io, 'ics');
      const r = await withWorkspace(values, io, (ws) => new RequestsService(ws).ics());
      const { path: out } = await target.write(r.content);
      return { json: { out, events: r.events }, text: `Wrote ${r.events} deadline(s) to ${out}.` };
    },
  },
  {
    words: ['dsar', 'letter'],
    summary: 'Write one letter of a case as DOCX (refused when it would contradict the case or lacks content; --draft marks it PROJET).',
    usage: `dsar letter --workspace FILE.vigie --case DSAR-YYYY-NNNN --kind ${Object.keys(LETTER_KINDS).join('|')} --lang fr|en --out FILE.docx [--force] [--draft] [--json]`,
    options: { ...common, ...workspaceOpt, case: { type: 'string' }, kind: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, draft: { type: 'boolean' } },
    async run({ values, io }) {
      const reference = req(values, 'case');
      const kind = oneOf('kind', req(values, 'kind'), Object.keys(LETTER_KINDS));
      const lang = typeof values.lang === 'string' ? oneOf('lang', values.lang, ['fr', 'en'] as const) : undefined;
      const workspace = userPath(io, req(values, 'workspace'));
      const opts = { format: 'docx' as const, force: values.force === true, protectedPaths: [workspace] };
      // Checked before the workspace is opened: a wrong path changes nothing (no letter kept in the case either).
      const out = checkOutputPath(userPath(io, req(values, 'out')), opts);
      const r = await withWorkspace(values, io, async (ws) => {
        const s = new RequestsService(ws);
        return s.generateLetter(await s.idOf(reference), LETTER_KINDS[kind]!, lang, { draft: values.draft === true });
      });
      const written = await writeOutputFile(out, Buffer.from(r.contentBase64, 'base64'), opts);
      const json = { case: reference.toUpperCase(), kind, type: LETTER_KINDS[kind], out: written.path, bytes: written.bytes, draft: r.draft, missing: r.missing, attachmentId: r.attachmentId };
      return { json, text: `Wrote ${r.draft ? 'a DRAFT of ' : ''}the ${kind} letter of ${json.case} to ${written.path}${r.missing.length ? ` (missing: ${r.missing.join('; ')})` : ''}.` };
    },
  },
];
