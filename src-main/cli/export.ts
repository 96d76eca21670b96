/**
 * CLI commands of the reports area: the annual report, the registers in several formats, the CNIL
 * inspection pack and its verification, and the register's completeness and full listing. Every
 * file goes through services/output-file.ts (never over a workspace, extension checked, --force to
 * replace, temporary file then rename). Progress lines go to stderr.
 */
import { readFileSync } from 'node:fs';
import { checkOutputPath, writeOutputFile, type OutputFormat } from '../services/output-file';
import { annualReport } from '../services/reports';
import { CliError, type CliIo } from './io';
import { userPath, withWorkspace, type CommandSpec } from './run';

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const workspaceOpt = { workspace: { type: 'string', short: 'w' }, actor: { type: 'string' } } as const;
type Values = Record<string, string | boolean | string[] | undefined>;

export function langOf(values: Values): 'fr' | 'en' | undefined {
  if (values.lang === undefined) return undefined;
  if (values.lang !== 'fr' && values.lang !== 'en') throw new CliError('--lang must be fr or en.', 2, 'invalid_input');
  return values.lang;
}

export function outOf(values: Values, io: CliIo, format: OutputFormat, workspace?: string): string {
  if (typeof values.out !== 'string' || !values.out) throw new CliError(`Give --out FILE.${format}.`, 2, 'invalid_input');
  const out = userPath(io, values.out);
  // Checked before any work, so a long export never ends in a refusal.
  checkOutputPath(out, { format, force: Boolean(values.force), protectedPaths: workspace ? [workspace] : [] });
  return out;
}

export function periodOf(values: Values): { from?: string; to?: string } {
  const from = typeof values.from === 'string' ? values.from : undefined;
  const to = typeof values.to === 'string' ? values.to : undefined;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export function progressTo(io: CliIo): (step: string) => void {
  const t0 = Date.now();
  return (step) => io.err(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${step}…`);
}

const workspacePath = (values: Values, io: CliIo) => (typeof values.workspace === 'string' && values.workspace ? userPath(io, values.workspace) : undefined);

export const COMMANDS: CommandSpec[] = [
  {
    words: ['export', 'report'],
    summary: 'Write the DPO annual report for management (Word, with charts) for a period (default: the last 12 months).',
    usage: 'export report --workspace FILE.vigie --out REPORT.docx [--lang fr|en] [--from YYYY-MM-DD --to YYYY-MM-DD] [--logo LOGO.png] [--force] [--json]',
    options: { ...common, ...workspaceOpt, out: { type: 'string' }, lang: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, logo: { type: 'string' }, force: { type: 'boolean' } },
    async run({ values, io }) {
      const lang = langOf(values);
      const out = outOf(values, io, 'docx', workspacePath(values, io));
      let logo: Uint8Array | undefined;
      if (typeof values.logo === 'string') {
        try {
          logo = new Uint8Array(readFileSync(userPath(io, values.logo)));
        } catch {
          throw new CliError(`Cannot read the logo ${values.logo}.`, 2, 'invalid_input');
        }
      }
      const progress = progressTo(io);
      const r = await withWorkspace(values, io, (ws) => annualReport(ws, { ...periodOf(values), ...(lang ? { lang } : {}), ...(logo ? { logo } : {}), progress }));
      progress('saving');
      const w = await writeOutputFile(out, r.bytes, { format: 'docx', force: Boolean(values.force) });
      return {
        json: { path: w.path, bytes: w.bytes, lang: r.lang, period: r.figures.period, previousPeriod: r.figures.previousPeriod, keyFigures: r.figures.keyFigures, actions: r.figures.actionPlan.length },
        text: `Wrote ${w.path} (${w.bytes} bytes): annual report ${r.figures.period.from} → ${r.figures.period.to}, ${r.figures.actionPlan.length} actions.`,
      };
    },
  },
];
