import { backupDir } from '../db/open';
import { listBackups, restoreBackup, type BackupInfo } from '../services/backups';
import { Workspace } from '../services/workspace';
import { CliError } from './io';
import { actorOf, passphraseFrom, userPath, withWorkspace, type CommandSpec } from './run';

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const workspaceOpt = { workspace: { type: 'string', short: 'w' }, actor: { type: 'string' } } as const;

function req(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new CliError(`Missing --${name}.`, 2, 'invalid_input');
  return v;
}

const publicInfo = ({ id, fileName, path, kind, createdAt, size, schemaVersion, verified }: BackupInfo) => ({ id, fileName, path, kind, createdAt, size, schemaVersion, verified });

function line(b: BackupInfo): string {
  const kb = `${Math.max(1, Math.round(b.size / 1024))} KB`;
  return `${b.id}  ${b.createdAt}  ${b.kind.padEnd(11)}  schema ${b.schemaVersion ?? '?'}  ${kb}${b.verified ? '' : '  (not verified)'}`;
}

/** `backup create|list|restore`: the same backups as Settings › Backups. */
export const COMMANDS: CommandSpec[] = [
  {
    words: ['backup', 'create'],
    summary: 'Make an encrypted, checked backup of the workspace now (in <name>.backups/ beside it).',
    usage: 'backup create --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const b = await withWorkspace(values, io, async (ws) => ws.backupNow('manual'));
      return { json: { backup: publicInfo(b) }, text: `Backed up to ${b.path}.` };
    },
  },
  {
    words: ['backup', 'list'],
    summary: 'List the backups of a workspace, newest first (needs no passphrase: it reads their manifests).',
    usage: 'backup list --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const path = userPath(io, req(values, 'workspace'));
      if (!path.endsWith('.vigie')) throw new CliError('--workspace must name a .vigie file.', 2, 'invalid_input');
      const items = listBackups(path);
      return {
        json: { workspace: path, folder: backupDir(path), backups: items.map(publicInfo) },
        text: items.length ? items.map(line).join('\n') : `No backups in ${backupDir(path)}.`,
      };
    },
  },
  {
    words: ['backup', 'restore'],
    summary: 'Replace the workspace with one of its backups: the current file is backed up first, then the restored file is checked (quick_check and audit verify).',
    usage: 'backup restore --workspace FILE.vigie --id ID [--json]',
    options: { ...common, ...workspaceOpt, id: { type: 'string' } },
    async run({ values, io }) {
      const path = userPath(io, req(values, 'workspace'));
      const id = req(values, 'id');
      const passphrase = await passphraseFrom(io);
      const actor = actorOf(values, io);
      const r = await restoreBackup({ path, passphrase, id, reopen: (p) => Workspace.open(p, passphrase, { actor }) });
      await r.workspace.close();
      const json = {
        restored: publicInfo(r.restored),
        safetyCopy: r.safetyCopy ? publicInfo(r.safetyCopy) : null,
        quickCheck: r.quickCheck,
        audit: r.audit,
        verified: r.verified,
      };
      const text = [
        `Restored ${r.restored.id} (${r.restored.createdAt}) into ${path}.`,
        r.safetyCopy ? `The file it replaced was kept as backup ${r.safetyCopy.id}${r.safetyCopy.verified ? '' : ' (a byte copy: it did not open with this passphrase)'}.` : '',
        r.verified ? `Checked: quick_check ok, audit trail intact (${r.audit.entries} entries).` : `WARNING: the restored file did not verify (quick_check: ${r.quickCheck}; audit: ${r.audit.ok ? 'ok' : r.audit.firstBroken?.reason ?? 'broken'}).`,
      ]
        .filter(Boolean)
        .join('\n');
      return { json, text, exitCode: r.verified ? 0 : 1 };
    },
  },
];
