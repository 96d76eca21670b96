/**
 * Sync through a shared folder (issue 10, Part 2) and erasure of one record (Part 1, item 7):
 * `sync`, `join`, `members list|approve|remove`, `conflicts list|resolve`, `purge`.
 * Command names, flags and JSON keys are the issue's contract.
 */
import { localDateOf } from '../domain/calendar';
import { ERASABLE_TABLES } from '../domain/erasure';
import { eraseRecord, planErasure } from '../services/erasure';
import { vigieHome } from '../services/install-home';
import { SyncService, type ConflictView, type MemberView } from '../services/sync';
import { CliError } from './io';
import { passphraseFrom, userPath, withWorkspace, type CommandSpec } from './run';

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
const workspaceOpt = { workspace: { type: 'string', short: 'w' }, actor: { type: 'string' } } as const;

function req(values: Record<string, unknown>, name: string, hint = ''): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(`Missing --${name}${hint ? ` ${hint}` : ''}.`, 2, 'invalid_input');
  return v;
}

const DEVICE_ID = /^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/;
function deviceOf(values: Record<string, unknown>): string {
  const d = req(values, 'device', 'ID (see `members list`)');
  if (!DEVICE_ID.test(d)) throw new CliError('--device must be a device id (letters, digits, _ or -; see `members list`).', 2, 'invalid_input');
  return d;
}

function memberLine(m: MemberView): string {
  const code = m.memberCode ? ` [${m.memberCode}]` : '';
  return `${m.deviceId}  ${m.status.padEnd(7)}  ${m.name}${code}  ${m.fingerprint}${m.thisDevice ? '  (this device)' : ''}`;
}

function conflictLine(c: ConflictView): string {
  const show = (v: unknown) => JSON.stringify(v)?.slice(0, 80) ?? '';
  if (c.kind === 'edited-while-deleted') return `${c.id}  ${c.recordLabel}: edited while deleted (keep mine = stay deleted, keep theirs = restore with the edit)`;
  return `${c.id}  ${c.recordLabel} · ${c.cell}: mine ${show(c.mine.value)} (${c.mine.actor}, ${c.mine.at}) / theirs ${show(c.theirs.value)} (${c.theirs.actor}, ${c.theirs.at}); shown now: ${c.keptIs}`;
}

export const COMMANDS: CommandSpec[] = [
  {
    words: ['sync'],
    summary: 'Exchange changes with colleagues through a shared folder (encrypted, signed files). The first call sets the folder up and writes a snapshot.',
    usage: 'sync --workspace FILE.vigie [--folder DIR] [--json]',
    options: { ...common, ...workspaceOpt, folder: { type: 'string' } },
    async run({ values, io }) {
      const folder = typeof values.folder === 'string' ? values.folder : undefined;
      if (values.folder !== undefined && (!folder || !folder.trim())) throw new CliError('--folder needs a folder.', 2, 'invalid_input');
      const { r, member } = await withWorkspace(values, io, async (ws) => {
        const svc = new SyncService(ws);
        if (folder) await svc.setFolder(userPath(io, folder));
        const report = await svc.syncNow();
        return { r: report, member: (await svc.status()).isMember };
      });
      const text = [
        member ? '' : 'This device is not an active member: it waits for a member to approve its join request (or it was removed).',
        `Exported ${r.exported} change${r.exported === 1 ? '' : 's'}, imported ${r.imported}.`,
        r.conflicts ? `${r.conflicts} concurrent edit${r.conflicts === 1 ? '' : 's'} to review: \`conflicts list\`.` : '',
        ...r.rejected.map((x) => `Refused ${x.file}: ${x.reason}`),
        ...r.pendingJoins.map((p) => `Join request from ${p.name} (device ${p.deviceId}): compare fingerprints by phone, then \`members approve --device ${p.deviceId}\`.`),
      ]
        .filter(Boolean)
        .join('\n');
      return { json: r, text, exitCode: r.rejected.length ? 1 : 0 };
    },
  },
  {
    words: ['join'],
    summary: 'Create your own workspace (its own passphrase) to join colleagues who sync through DIR; writes an encrypted join request for a member to approve.',
    usage: 'join --workspace NEW.vigie --folder DIR --name "Camille" [--json]',
    options: { ...common, ...workspaceOpt, folder: { type: 'string' }, name: { type: 'string' } },
    async run({ values, io }) {
      const path = userPath(io, req(values, 'workspace', 'NEW.vigie'));
      if (!path.endsWith('.vigie')) throw new CliError('--workspace must name a new .vigie file.', 2, 'invalid_input');
      const folder = userPath(io, req(values, 'folder', 'DIR'));
      const name = req(values, 'name', '"Your name"').trim();
      if (name.length > 120) throw new CliError('--name is at most 120 characters.', 2, 'invalid_input');
      const passphrase = await passphraseFrom(io, true);
      const home = vigieHome(io.env);
      const r = await SyncService.join({ path, passphrase, folder, name, ...(home ? { home } : {}) });
      return {
        json: r,
        text: `Join request written for ${name} (device ${r.deviceId}).\nFingerprint: ${r.fingerprint}\nRead it to the member who approves you, by phone; once approved and they have synced, run \`sync --workspace ${path}\`.`,
      };
    },
  },
  {
    words: ['members', 'list'],
    summary: 'Members of the synced workspace (and pending join requests) with their fingerprints.',
    usage: 'members list --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const items = await withWorkspace(values, io, (ws) => new SyncService(ws).members());
      return { json: { items }, text: items.length ? items.map(memberLine).join('\n') : 'No members yet: run `sync --folder DIR` once.' };
    },
  },
  {
    words: ['members', 'approve'],
    summary: 'Approve a join request (after comparing its fingerprint by phone); writes the snapshot the colleague starts from.',
    usage: 'members approve --workspace FILE.vigie --device ID [--json]',
    options: { ...common, ...workspaceOpt, device: { type: 'string' } },
    async run({ values, io }) {
      const device = deviceOf(values);
      const items = await withWorkspace(values, io, (ws) => new SyncService(ws).approve(device));
      const m = items.find((x) => x.deviceId === device);
      return { json: { items }, text: `Approved ${m?.name ?? device}${m?.memberCode ? ` (references ${m.memberCode})` : ''}.` };
    },
  },
  {
    words: ['members', 'remove'],
    summary: 'Remove a member: a new key epoch starts and new files are no longer encrypted to them (what they already received stays readable to them).',
    usage: 'members remove --workspace FILE.vigie --device ID [--json]',
    options: { ...common, ...workspaceOpt, device: { type: 'string' } },
    async run({ values, io }) {
      const device = deviceOf(values);
      const items = await withWorkspace(values, io, (ws) => new SyncService(ws).remove(device));
      const m = items.find((x) => x.deviceId === device);
      return {
        json: { items },
        text: `Removed ${m?.name ?? device}: new files use key epoch ${m?.removedEpoch ?? '?'} and are not encrypted to them. What they already received stays readable to them.`,
      };
    },
  },
  {
    words: ['conflicts', 'list'],
    summary: 'Concurrent edits to review: both values, who and when.',
    usage: 'conflicts list --workspace FILE.vigie [--json]',
    options: { ...common, ...workspaceOpt },
    async run({ values, io }) {
      const items = await withWorkspace(values, io, (ws) => new SyncService(ws).conflicts());
      return { json: { items }, text: items.length ? items.map(conflictLine).join('\n') : 'No conflict to review.' };
    },
  },
  {
    words: ['conflicts', 'resolve'],
    summary: 'Settle a conflict: keep mine or theirs (recorded as a change that reaches every colleague).',
    usage: 'conflicts resolve --workspace FILE.vigie --id ID --keep mine|theirs [--json]',
    options: { ...common, ...workspaceOpt, id: { type: 'string' }, keep: { type: 'string' } },
    async run({ values, io }) {
      const id = req(values, 'id', 'ID (see `conflicts list`)');
      const keep = req(values, 'keep', 'mine|theirs');
      if (keep !== 'mine' && keep !== 'theirs') throw new CliError('--keep must be mine or theirs.', 2, 'invalid_input');
      const r = await withWorkspace(values, io, (ws) => new SyncService(ws).resolve(id, keep));
      return { json: r, text: `Conflict ${id} settled (kept ${keep}).` };
    },
  },
  {
    words: ['purge'],
    summary: `Erase one record's personal data (GDPR art. 17) through the logged purge, with its timeline and documents; tables: ${ERASABLE_TABLES.join(', ')}. Asks for confirmation unless --yes.`,
    usage: 'purge --workspace FILE.vigie --table T --id ID --reason "…" [--yes] [--json]',
    options: { ...common, ...workspaceOpt, table: { type: 'string' }, id: { type: 'string' }, reason: { type: 'string' }, yes: { type: 'boolean' } },
    async run({ values, io }) {
      const table = req(values, 'table', `T (${ERASABLE_TABLES.join(', ')})`);
      const id = req(values, 'id', 'ID');
      const reason = req(values, 'reason', '"…" (kept in the log with the erasure)').trim();
      if (!values.yes && !io.promptLine) throw new CliError('purge erases personal data for good: confirm with --yes (no terminal to ask on).', 2, 'invalid_input');
      const r = await withWorkspace(values, io, async (ws) => {
        const plan = planErasure(ws, table, id);
        if (!values.yes) {
          const kids = plan.with.filter((w) => w.count > 0).map((w) => `${w.count} ${w.table.replace(/_/g, ' ')}`);
          const answer = await io.promptLine!(`Erase the personal data of ${plan.label} (${plan.columns.join(', ')})${kids.length ? ` and of its ${kids.join(', ')}` : ''}? Earlier values leave the history too; this cannot be undone. Type "yes": `);
          if (answer.trim().toLowerCase() !== 'yes') throw new CliError('Not confirmed: nothing was erased.', 1, 'cancelled');
        }
        const { profile } = await ws.getProfile();
        return eraseRecord(ws, { table, id, reason, today: localDateOf(new Date().toISOString(), profile.time_zone) });
      });
      return { json: r, text: `Erased the personal data of ${r.erased.length} record${r.erased.length === 1 ? '' : 's'}.` };
    },
  },
];
