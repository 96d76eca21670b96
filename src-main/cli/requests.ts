import { CHANNELS, RIGHTS, STATUS_FILTERS, type StatusFilter } from '../domain/requests/case';
import { RequestsService } from '../services/requests';
import { CliError, forceOpt } from './io';
import { outputTarget, withWorkspace, type CommandSpec } from './run';

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
    usage: `dsar list --workspace FILE.vigie [--status ${STATUS_FILTERS.join('|')}] [--right RIGHT] [--json]`,
    options: { ...common, ...workspaceOpt, status: { type: 'string' }, right: { type: 'string' } },
    async run({ values, io }) {
      const status: StatusFilter | undefined = typeof values.status === 'string' ? oneOf('status', values.status, STATUS_FILTERS) : undefined;
      const right = typeof values.right === 'string' ? oneOf('right', values.right, RIGHTS) : undefined;
      const r = await withWorkspace(values, io, (ws) => new RequestsService(ws).list({ status, right }));
      const text = r.items.length
        ? r.items.map((i) => `${i.reference}  ${i.status.padEnd(9)}  due ${i.dueDate}  received ${i.received}  ${i.requester}  [${i.rights.join(', ')}]`).join('\n')
        : 'No rights requests.';
      return { json: r, text };
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
];
