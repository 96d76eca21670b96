import { formatInZone } from '../domain/time-zone';
import { BreachesService } from '../services/breaches';
import { CliError, forceOpt } from './io';
import { refuseWorkspacePaths } from '../services/output-file';
import { outputTarget, userPath, withWorkspace, type CommandSpec } from './run';

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const workspaceOpt = { workspace: { type: 'string', short: 'w' }, actor: { type: 'string' } } as const;

/** CLI commands of the breaches area (`breach-clock` and `severity` live in tools.ts). */
export const COMMANDS: CommandSpec[] = [
  {
    words: ['breaches', 'list'],
    summary: 'List every breach with its awareness instant, notification deadline, status, severity and decisions.',
    usage: 'breaches list --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const r = await withWorkspace(values, io, (ws) => new BreachesService(ws).list());
      const breaches = r.items.map((i) => ({
        id: i.id,
        reference: i.reference,
        title: i.title,
        awareAt: formatInZone(new Date(i.awareAt), i.timeZone),
        timeZone: i.timeZone,
        notifyBy: i.notifyBy,
        status: i.status,
        severity: i.severity,
        decisions: i.decisions,
        clockRunning: i.clockRunning,
        overdue: i.overdue,
        processor: i.processor,
        firstNotifiedAt: i.firstNotifiedAt,
      }));
      const text = breaches.length
        ? breaches.map((b) => `${b.reference}  ${b.status.padEnd(9)}  notify by ${b.notifyBy}${b.overdue ? ' (OVERDUE)' : b.clockRunning ? ' (clock running)' : ''}  severity ${b.severity?.level ?? '—'}  authority ${b.decisions.authority}  ${b.title}`).join('\n')
        : 'No breaches.';
      return { json: { hours: r.hours, timeZone: r.timeZone, breaches }, text };
    },
  },
  {
    words: ['breaches', 'register'],
    summary: 'Write the breach register (Art. 33(5)) as a Word document or a CSV file (chosen by the extension).',
    usage: 'breaches register --workspace FILE.vigie --out FILE.docx|FILE.csv [--lang fr|en] [--force] [--json]',
    options: { ...common, ...workspaceOpt, ...forceOpt, out: { type: 'string' }, lang: { type: 'string' } },
    async run({ values, io }) {
      const outArg = values.out;
      if (typeof outArg !== 'string' || outArg === '') throw new CliError('Missing --out (a .docx or .csv file).', 2, 'invalid_input');
      const format = outArg.toLowerCase().endsWith('.docx') ? 'docx' : outArg.toLowerCase().endsWith('.csv') ? 'csv' : undefined;
      if (!format) {
        refuseWorkspacePaths(userPath(io, outArg), typeof values.workspace === 'string' ? [userPath(io, values.workspace)] : []);
        throw new CliError('--out must end with .docx or .csv.', 2, 'invalid_input');
      }
      const lang = values.lang;
      if (lang !== undefined && lang !== 'fr' && lang !== 'en') throw new CliError('--lang must be fr or en.', 2, 'invalid_input');
      const target = outputTarget(values, io, format);
      const r = await withWorkspace(values, io, (ws) => new BreachesService(ws).register(format, lang));
      const { path: out } = await target.write(Buffer.from(r.contentBase64, 'base64'));
      return { json: { out, format, breaches: r.breaches }, text: `Wrote ${r.breaches} breach(es) to ${out}.` };
    },
  },
];
