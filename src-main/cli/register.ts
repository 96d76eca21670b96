import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { commitImport } from '../services/register-import';
import { RegisterService } from '../services/register';
import { registerListFull } from '../services/reports';
import { CliError, forceOpt } from './io';
import { outputTarget, userPath, withWorkspace, type CommandSpec } from './run';

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const workspaceOpt = { workspace: { type: 'string', short: 'w' }, actor: { type: 'string' } } as const;

/** CLI commands of the processing register. */
export const COMMANDS: CommandSpec[] = [
  {
    words: ['register', 'import'],
    summary: 'Import processing activities from CSV, XLSX or ODS (CNIL-template or English headers). A file with any invalid row imports nothing unless --skip-invalid.',
    usage: 'register import --workspace FILE.vigie REGISTER.(csv|xlsx|ods) [--dry-run] [--skip-invalid] [--lang fr|en] [--json]',
    options: { ...common, ...workspaceOpt, 'dry-run': { type: 'boolean' }, 'skip-invalid': { type: 'boolean' }, lang: { type: 'string' } },
    positionals: true,
    async run({ values, positionals, io }) {
      if (positionals.length !== 1) throw new CliError('Give exactly one file to import.', 2, 'invalid_input');
      const file = userPath(io, positionals[0]!);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(readFileSync(file));
      } catch {
        throw new CliError(`Cannot read ${file}.`, 2, 'invalid_input');
      }
      const lang = values.lang === 'en' ? 'en' : 'fr';
      const r = await withWorkspace(values, io, (ws) =>
        commitImport(ws, { fileName: basename(file), bytes, dryRun: Boolean(values['dry-run']), skipInvalid: Boolean(values['skip-invalid']), lang }),
      );
      const blocked = r.errors.length > 0 && !values['skip-invalid'];
      const text = [
        values['dry-run'] ? `Dry run: ${r.imported} imported (nothing written).` : `${r.imported} activities imported.`,
        ...(blocked ? ['Nothing was imported because some rows are invalid (use --skip-invalid to import the valid ones):'] : []),
        ...r.errors.map((e) => `  row ${e.row}, ${e.field}: ${e.message}`),
      ].join('\n');
      return { json: { imported: r.imported, errors: r.errors }, text, exitCode: blocked ? 1 : 0 };
    },
  },
  {
    words: ['register', 'export'],
    summary: 'Write the record of processing activities (Art. 30) as a Word document.',
    usage: 'register export --workspace FILE.vigie --out REGISTER.docx [--lang fr|en] [--force] [--json]',
    options: { ...common, ...workspaceOpt, ...forceOpt, out: { type: 'string' }, lang: { type: 'string' } },
    async run({ values, io }) {
      if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') throw new CliError('--lang must be fr or en.', 2, 'invalid_input');
      const target = outputTarget(values, io, 'docx');
      const r = await withWorkspace(values, io, (ws) => new RegisterService(ws).exportDocx(values.lang as 'fr' | 'en' | undefined));
      const bytes = Buffer.from(r.contentBase64, 'base64');
      const { path: out } = await target.write(bytes);
      return { json: { out, bytes: bytes.length }, text: `Wrote ${out} (${bytes.length} bytes).` };
    },
  },
  {
    words: ['register', 'list'],
    summary: 'List processing activities with their completeness score; --json gives every field of each activity.',
    usage: 'register list --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const r = await withWorkspace(values, io, (ws) => registerListFull(ws));
      return { json: r, text: r.items.map((a) => `${a.reference.padEnd(10)} ${String(a.score).padStart(3)}  ${a.role.padEnd(16)} ${a.name}`).join('\n') || 'The register is empty.' };
    },
  },
];
