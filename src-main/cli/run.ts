import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TABLES, type DomainTable } from '../db/tables';
import { checkOutputPath, writeOutputFile, type OutputFormat } from '../services/output-file';
import { normalisePassphrase } from '../services/passphrase';
import { Workspace } from '../services/workspace';
import { seedDemoWorkspace } from '../services/demo';
import { vigieHome } from '../services/install-home';
import { formatSeal } from '../services/seals';
import { COMMANDS as BACKUP_COMMANDS } from './backup';
import { mapKnownError } from '../api/map-error';
import { CliError, EXIT, exitCodeFor, type CliIo } from './io';
import { safeForTerminal, safeJson } from './terminal';
import { unsafeCharIn } from '../domain/text';
import { COMMANDS as BREACH_COMMANDS } from './breaches';
import { COMMANDS as EXPORT_COMMANDS } from './export';
import { COMMANDS as REGISTER_COMMANDS } from './register';
import { COMMANDS as REQUEST_COMMANDS } from './requests';
import { COMMANDS as RETENTION_COMMANDS } from './retention';
import { COMMANDS as TOOL_COMMANDS } from './tools';
import { COMMANDS as VENDOR_COMMANDS } from './vendors';
import { COMMANDS as SYNC_COMMANDS } from './sync';
import { startAuditHasher } from '../jobs/audit-hasher';

type Values = Record<string, string | boolean | string[] | undefined>;

export interface CommandSpec {
  /** Words after `npm run cli --`, e.g. ['audit', 'verify']. */
  words: string[];
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals?: boolean;
  run(ctx: { values: Values; positionals: string[]; io: CliIo }): Promise<{ json: unknown; text: string; exitCode?: number }>;
}

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const workspaceOpt = { workspace: { type: 'string', short: 'w' }, actor: { type: 'string' } } as const;

export async function passphraseFrom(io: CliIo, confirm = false): Promise<string> {
  const fromEnv = io.env.VIGIE_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.promptSecret) throw new CliError('No passphrase: set VIGIE_PASSPHRASE or run the command in a terminal to be asked for it.', 2, 'passphrase_required');
  const first = await io.promptSecret('Workspace passphrase: ');
  if (confirm) {
    const again = await io.promptSecret('Repeat the passphrase: ');
    // Compared as the workspace will use them (NFC): the same word typed with a composed or a
    // decomposed accent is the same passphrase. A NUL is refused here, without echoing either.
    if (normalisePassphrase(again) !== normalisePassphrase(first)) throw new CliError('The two passphrases differ; nothing was created.', 2, 'passphrase_mismatch');
  }
  return first;
}

/** `npm run` changes the working directory to the package; INIT_CWD is where the user typed the command. */
export function userPath(io: CliIo, p: string): string {
  return resolve(io.env.INIT_CWD ?? process.cwd(), p);
}

function requireString(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new CliError(`Missing --${name}.`, 2, 'invalid_input');
  return v;
}

export function actorOf(values: Values, io: CliIo): string {
  if (typeof values.actor === 'string' && values.actor) return values.actor;
  if (io.env.VIGIE_ACTOR) return io.env.VIGIE_ACTOR;
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}

/**
 * The `--out` file of a command, checked before the workspace is opened or anything computed:
 * never the workspace itself (nor its -wal/-shm/backups), extension matching the format, an
 * existing file only with --force. Returns a writer to call once the content is ready.
 */
export function outputTarget(values: Values, io: CliIo, format: OutputFormat): { path: string; write(data: Uint8Array | string): Promise<{ path: string; bytes: number }> } {
  const out = values.out;
  if (typeof out !== 'string' || out === '') throw new CliError(`Missing --out (a .${format} file).`, 2, 'invalid_input');
  const opts = {
    format,
    force: values.force === true,
    protectedPaths: typeof values.workspace === 'string' && values.workspace !== '' ? [userPath(io, values.workspace)] : [],
  };
  const path = checkOutputPath(userPath(io, out), opts);
  return { path, write: (data) => writeOutputFile(path, data, opts) };
}

export async function withWorkspace<T>(values: Values, io: CliIo, fn: (ws: Workspace) => Promise<T>): Promise<T> {
  const path = userPath(io, requireString(values, 'workspace'));
  const ws = await Workspace.open(path, await passphraseFrom(io), { actor: actorOf(values, io), dailyBackup: true, home: vigieHome(io.env) });
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}

/** What `audit verify` proves and what it cannot: said every time, in the README's words. */
export const AUDIT_LIMITS =
  'Checked: the hash chain of every change, each recorded value and its salt, every column of every table and the workspace id against the log, and the workspace against the seal this computer kept. ' +
  'Not detectable: someone with the passphrase who rewrites the whole file consistently and also every seal kept outside it (on this computer, in your reports, on other devices).';

const WORKSPACE_COMMANDS: CommandSpec[] = [
  {
    words: ['init'],
    summary: 'Create an encrypted workspace (passphrase from VIGIE_PASSPHRASE or asked on the terminal).',
    usage: 'init --workspace FILE.vigie [--demo] [--controller NAME] [--language fr|en] [--json]',
    options: { ...common, ...workspaceOpt, demo: { type: 'boolean' }, controller: { type: 'string' }, language: { type: 'string' } },
    async run({ values, io }) {
      const path = userPath(io, requireString(values, 'workspace'));
      const language = values.language;
      if (language !== undefined && language !== 'fr' && language !== 'en') throw new CliError('--language must be fr or en.', 2, 'invalid_input');
      const ws = await Workspace.create(path, await passphraseFrom(io, true), {
        actor: actorOf(values, io),
        home: vigieHome(io.env),
        profile: { ...(typeof values.controller === 'string' ? { controller_name: values.controller } : {}), ...(language ? { language } : {}) },
      });
      if (values.demo) {
        try {
          await seedDemoWorkspace(ws);
        } catch (e) {
          // A failed init leaves no file behind.
          await ws.discard();
          throw e;
        }
      }
      try {
        const stats = await ws.changeLogStats();
        return {
          json: { workspace: path, deviceId: ws.deviceId, demo: Boolean(values.demo), changeLogEntries: stats.entries },
          text: `Created ${path}${values.demo ? ' (demo workspace)' : ''}.`,
        };
      } finally {
        await ws.close();
      }
    },
  },
  {
    words: ['audit', 'verify'],
    summary: 'Check the change-log hash chain and that no row was changed outside Vigie.',
    usage: 'audit verify --workspace FILE.vigie [--quick] [--json]',
    options: { ...common, ...workspaceOpt, quick: { type: 'boolean' } },
    async run({ values, io }) {
      const report = await withWorkspace(values, io, (ws) => ws.verifyAudit(values.quick ? 'quick' : 'full', { hasher: startAuditHasher }));
      const text = report.ok
        ? report.scope === 'since-checkpoint'
          ? `Audit trail intact since the last full check (quick check; ${report.entries} entries in all). Run without --quick for the full check.`
          : `Audit trail intact: ${report.entries} entries.`
        : `Audit trail BROKEN after checking ${report.entries} entries: ${report.firstBroken?.reason} ${JSON.stringify(report.firstBroken)}`;
      const seal = report.seal.warning ? `\nWarning: ${report.seal.warning}` : '';
      return { json: report, text: text + seal + `\n${AUDIT_LIMITS}` };
    },
  },
  {
    words: ['audit', 'seal'],
    summary: 'Print the seal of the change log (workspace id, entry count, newest hash) to keep outside the file.',
    usage: 'audit seal --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const seal = await withWorkspace(values, io, (ws) => ws.seal());
      return { json: seal, text: formatSeal(seal) };
    },
  },
  {
    words: ['history'],
    summary: 'List change-log entries (newest first).',
    usage: 'history --workspace FILE.vigie [--table T] [--row ID] [--limit N] [--json]',
    options: { ...common, ...workspaceOpt, table: { type: 'string' }, row: { type: 'string' }, limit: { type: 'string' } },
    async run({ values, io }) {
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10000) throw new CliError('--limit must be a whole number from 1 to 10000.', 2, 'invalid_input');
      const entries = await withWorkspace(values, io, (ws) =>
        ws.history({ table: values.table as string | undefined, rowId: values.row as string | undefined, limit }),
      );
      return {
        json: { entries },
        text: entries.map((e) => `${e.at}  ${e.actor}  ${e.op} ${e.table}/${e.rowId}  ${Object.keys(e.fields).join(', ')}`).join('\n'),
      };
    },
  },
  {
    words: ['profile', 'get'],
    summary: 'Show the organisation profile.',
    usage: 'profile get --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const r = await withWorkspace(values, io, (ws) => ws.getProfile());
      return { json: r, text: Object.entries(r.profile).map(([k, v]) => `${k}: ${v ?? ''}`).join('\n') };
    },
  },
  {
    words: ['profile', 'set'],
    summary: 'Change organisation profile fields: profile set --workspace F dpo_name="Jeanne Dupont" jurisdiction=FR-57',
    usage: 'profile set --workspace FILE.vigie FIELD=VALUE… [--json]',
    options: { ...common, ...workspaceOpt },
    positionals: true,
    async run({ values, positionals, io }) {
      if (positionals.length === 0) throw new CliError('Give at least one FIELD=VALUE.', 2, 'invalid_input');
      const changes: Record<string, unknown> = {};
      for (const p of positionals) {
        const eq = p.indexOf('=');
        if (eq < 1) throw new CliError(`Expected FIELD=VALUE, got ${JSON.stringify(p)}.`, 2, 'invalid_input');
        const k = p.slice(0, eq);
        const v = p.slice(eq + 1);
        changes[k] = k === 'headcount' ? (v === '' ? null : Number(v)) : k === 'breach_notification_hours' ? Number(v) : v;
      }
      const r = await withWorkspace(values, io, (ws) => ws.updateProfile(changes));
      return { json: r, text: r.changed.length ? `Changed: ${r.changed.join(', ')}` : 'Nothing changed.' };
    },
  },
  {
    words: ['trash', 'list'],
    summary: 'List what is in the trash.',
    usage: 'trash list --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const items = await withWorkspace(values, io, (ws) => ws.listTrash());
      return { json: { items }, text: items.map((i) => `${i.deletedAt}  ${i.table}/${i.id}  ${i.label}`).join('\n') || 'The trash is empty.' };
    },
  },
  {
    words: ['trash', 'restore'],
    summary: 'Restore an item from the trash.',
    usage: 'trash restore --workspace FILE.vigie --table TABLE --id ID [--json]',
    options: { ...common, ...workspaceOpt, table: { type: 'string' }, id: { type: 'string' } },
    async run({ values, io }) {
      const table = requireString(values, 'table');
      const trashable = Object.values(TABLES).filter((t) => t.trashable).map((t) => t.name);
      if (!(trashable as string[]).includes(table)) throw new CliError(`--table must be one of: ${trashable.join(', ')} (got ${table}).`, 2, 'invalid_input');
      const id = requireString(values, 'id');
      await withWorkspace(values, io, (ws) => ws.restore(table as DomainTable, id));
      return { json: { restored: { table, id } }, text: `Restored ${table}/${id}.` };
    },
  },
];

export const ALL_COMMANDS: CommandSpec[] = [...WORKSPACE_COMMANDS, ...REGISTER_COMMANDS, ...TOOL_COMMANDS, ...REQUEST_COMMANDS, ...BREACH_COMMANDS, ...VENDOR_COMMANDS, ...RETENTION_COMMANDS, ...BACKUP_COMMANDS, ...EXPORT_COMMANDS, ...SYNC_COMMANDS];

function helpText(): string {
  const lines = ['Vigie command line. Usage: npm run cli -- <command> [options]', '', 'Commands:'];
  for (const c of ALL_COMMANDS) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push('', 'Every command accepts --json (one JSON document on stdout). Errors go to stderr with a non-zero exit code.');
  lines.push('Workspace commands read the passphrase from VIGIE_PASSPHRASE, or ask for it on a terminal.');
  return lines.join('\n');
}

function findCommand(argv: string[]): { spec: CommandSpec; rest: string[] } | undefined {
  const sorted = [...ALL_COMMANDS].sort((a, b) => b.words.length - a.words.length);
  for (const spec of sorted) {
    if (spec.words.every((w, i) => argv[i] === w)) return { spec, rest: argv.slice(spec.words.length) };
  }
  return undefined;
}

/** Runs one CLI command; returns the exit code. Never throws, never prints a stack trace unless VIGIE_DEBUG is set. */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  // Whatever a workspace or an argument holds, nothing reaches the terminal as a control sequence.
  const io: CliIo = { ...rawIo, out: (t) => rawIo.out(safeForTerminal(t)), err: (t) => rawIo.err(safeForTerminal(t)) };
  const wantsJson = argv.includes('--json');
  const fail = (code: string, message: string, exit: number): number => {
    rawIo.err(wantsJson ? safeJson({ error: { code, message } }) : `vigie: ${safeForTerminal(message)}`);
    return exit;
  };
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.out(helpText());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  // A name typed with ESC, BEL, NUL or a bidi override would be stored and later drive terminals or
  // disguise text: refused here, naming the character, never echoing it.
  for (const [i, arg] of argv.entries()) {
    const char = unsafeCharIn(arg);
    if (char) {
      const prev = argv[i - 1];
      const what = prev?.startsWith('--') && !arg.startsWith('--') ? `The value of ${prev}` : `Argument ${i + 1}`;
      return fail('invalid_input', `${what} contains a control character (${char}), which Vigie does not accept. Remove it and try again.`, EXIT.usage);
    }
  }
  const found = findCommand(argv);
  if (!found) return fail('unknown_command', `Unknown command “${argv.slice(0, 2).join(' ')}”. Run \`npm run cli -- help\` for the list.`, EXIT.usage);
  const { spec, rest } = found;
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: spec.options, strict: true, allowPositionals: Boolean(spec.positionals) }) as { values: Values; positionals: string[] };
  } catch (e) {
    return fail('invalid_input', `${(e as Error).message}\nUsage: npm run cli -- ${spec.usage}`, EXIT.usage);
  }
  if (parsed.values.help) {
    io.out(`Usage: npm run cli -- ${spec.usage}\n${spec.summary}`);
    return EXIT.ok;
  }
  try {
    const { json, text, exitCode } = await spec.run({ values: parsed.values, positionals: parsed.positionals, io });
    if (parsed.values.json) rawIo.out(safeJson(json, 2));
    else io.out(text);
    const failed = typeof json === 'object' && json !== null && 'ok' in json && (json as { ok: unknown }).ok === false;
    return exitCode ?? (failed ? EXIT.refused : EXIT.ok);
  } catch (e) {
    if (e instanceof CliError) return fail(e.code, e.message, e.exitCode);
    const known = mapKnownError(e);
    if (known) return fail(known.code, known.message, exitCodeFor(known.code));
    if (rawIo.env.VIGIE_DEBUG) rawIo.err(safeForTerminal(e instanceof Error ? (e.stack ?? e.message) : String(e)));
    return fail('internal', 'Vigie hit an unexpected error and stopped; nothing was changed. Run the command again with VIGIE_DEBUG=1 to see the details, and report them.', EXIT.internal);
  }
}
