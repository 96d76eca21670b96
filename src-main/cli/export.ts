/**
 * CLI commands of the reports area: the annual report, the registers in several formats, the CNIL
 * inspection pack and its verification, and the register's completeness and full listing. Every
 * file goes through services/output-file.ts (never over a workspace, extension checked, --force to
 * replace, temporary file then rename). Progress lines go to stderr.
 */
import { readFileSync } from 'node:fs';
import { checkOutputPath, writeOutputFile, type OutputFormat } from '../services/output-file';
import { PACK_PARTS, type PackPart } from '../export/cnil-pack';
import { verifyPack } from '../export/manifest';
import { annualReport, cnilPack, registerCompleteness, registerExport, requestsExport, vendorsExport, type ExportedFile } from '../services/reports';
import type { Workspace } from '../services/workspace';
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
  {
    words: ['export', 'cnil-pack'],
    summary: 'Write the CNIL inspection pack (ZIP, in French): registers, DPIA screening, breaches, requests, vendors, TIAs, security measures, organisation and DPO, change log with its audit result, manifest.json and contenu.txt (LOUTRE).',
    usage: `export cnil-pack --workspace FILE.vigie --out CNIL-ORG-DATE.zip [--from YYYY-MM-DD --to YYYY-MM-DD] [--parts ${PACK_PARTS.join(',')}] [--force] [--json]`,
    options: { ...common, ...workspaceOpt, out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, parts: { type: 'string' }, force: { type: 'boolean' } },
    async run({ values, io }) {
      let parts: PackPart[] | undefined;
      if (typeof values.parts === 'string') {
        const asked = values.parts.split(',').map((p) => p.trim()).filter(Boolean);
        const unknown = asked.filter((p) => !(PACK_PARTS as readonly string[]).includes(p));
        if (unknown.length || asked.length === 0) throw new CliError(`--parts takes a comma-separated list of: ${PACK_PARTS.join(', ')} (unknown: ${unknown.join(', ') || 'none given'}).`, 2, 'invalid_input');
        parts = asked as PackPart[];
      }
      const out = outOf(values, io, 'zip', workspacePath(values, io));
      const progress = progressTo(io);
      const r = await withWorkspace(values, io, (ws) => cnilPack(ws, { ...periodOf(values), ...(parts ? { parts } : {}), progress }));
      progress('saving');
      const w = await writeOutputFile(out, r.bytes, { format: 'zip', force: Boolean(values.force) });
      return {
        json: { path: w.path, bytes: w.bytes, suggestedName: r.fileName, period: r.period, parts: r.parts, files: r.files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes })) },
        text: [`Wrote ${w.path} (${w.bytes} bytes), period ${r.period.from} → ${r.period.to}:`, ...r.files.map((f) => `  ${f.sha256}  ${String(f.bytes).padStart(9)}  ${f.name}`)].join('\n'),
      };
    },
  },
  {
    words: ['pack', 'verify'],
    summary: 'Re-check every hash of a CNIL pack (contenu.txt and manifest.json) against its files; exit 1 if anything differs.',
    usage: 'pack verify PACK.zip [--json]',
    options: { ...common },
    positionals: true,
    async run({ positionals, io }) {
      if (positionals.length !== 1) throw new CliError('Give exactly one pack: pack verify PACK.zip.', 2, 'invalid_input');
      const file = userPath(io, positionals[0]!);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(file));
      } catch {
        throw new CliError(`Cannot read ${file}.`, 2, 'invalid_input');
      }
      const r = verifyPack(bytes);
      const text = r.ok
        ? `Pack intact: ${r.files} files, every SHA-256 matches contenu.txt and manifest.json.`
        : [`Pack NOT intact (${r.mismatches.length} problem(s)):`, ...r.mismatches.map((m) => `  ${m.name}: ${m.problem}${m.list ? ` (${m.list})` : ''}${m.expected !== undefined ? ` expected ${m.expected}, found ${m.actual}` : ''}`)].join('\n');
      return { json: r, text, exitCode: r.ok ? 0 : 1 };
    },
  },
  registerExportCommand('register', 'Write the record of processing activities: Word, or the CNIL template layout (XLSX/ODS: controller and processor sheets; CSV: one sheet with a role column).', ['docx', 'xlsx', 'ods', 'csv'], registerExport),
  registerExportCommand('requests', 'Write the rights-request register (one line per case: reference, rights, received, due, answered, outcome, extension and grounds).', ['docx', 'xlsx', 'csv'], requestsExport),
  registerExportCommand('vendors', 'Write the vendor register (Art. 28(3) status, transfers and tools, certifications, review dates).', ['docx', 'xlsx', 'csv'], vendorsExport),
  {
    words: ['register', 'completeness'],
    summary: 'The register score, each activity\'s score and its issues with their articles.',
    usage: 'register completeness --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const r = await withWorkspace(values, io, (ws) => registerCompleteness(ws));
      const text = [`Register completeness: ${r.score} / 100`, ...r.activities.map((a) => `${a.reference.padEnd(10)} ${String(a.score).padStart(3)}  ${a.name}${a.issues.length ? `\n${a.issues.map((i) => `             - [${i.severity}] ${i.message.en} (${i.article})`).join('\n')}` : ''}`)].join('\n');
      return { json: r, text };
    },
  },
];

type Exporter = (ws: Workspace, format: never, lang?: 'fr' | 'en') => Promise<ExportedFile>;

function registerExportCommand(what: string, summary: string, formats: Array<'docx' | 'xlsx' | 'ods' | 'csv'>, exporter: Exporter): CommandSpec {
  return {
    words: ['export', what],
    summary,
    usage: `export ${what} --workspace FILE.vigie --format ${formats.join('|')} --out FILE [--lang fr|en] [--force] [--json]`,
    options: { ...common, ...workspaceOpt, format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' }, force: { type: 'boolean' } },
    async run({ values, io }) {
      const format = values.format;
      if (typeof format !== 'string' || !(formats as string[]).includes(format)) throw new CliError(`--format must be one of ${formats.join(', ')}.`, 2, 'invalid_input');
      const lang = langOf(values);
      const out = outOf(values, io, format as OutputFormat, workspacePath(values, io));
      const progress = progressTo(io);
      progress(`reading the workspace`);
      const r = await withWorkspace(values, io, (ws) => exporter(ws, format as never, lang));
      progress('saving');
      const w = await writeOutputFile(out, r.bytes, { format: format as OutputFormat, force: Boolean(values.force) });
      return { json: { path: w.path, format, bytes: w.bytes, rows: r.rows }, text: `Wrote ${w.path} (${w.bytes} bytes, ${r.rows} rows).` };
    },
  };
}
