import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * A seal anchors a workspace's change log outside its file: the workspace id, how many entries it
 * holds and the hash of the newest one. Anyone holding the passphrase can rewrite the file, but not
 * the seals kept elsewhere: this computer's copy (per installation, one file per workspace id), the
 * seal a DPO pastes into a report, and later the heads sync peers keep of each other.
 */
export const sealSchema = z.object({
  workspaceId: z.string().regex(/^[0-9A-Za-z]{1,64}$/),
  entries: z.number().int().min(0),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
});
export type Seal = z.infer<typeof sealSchema>;

const sealFileSchema = z.object({
  seal: sealSchema,
  /** The last time someone carried on working on a workspace behind what this computer had seen. */
  acceptedBehind: z.object({ at: z.string(), seen: sealSchema, found: sealSchema }).optional(),
});
export type SealFile = z.infer<typeof sealFileSchema>;

export type SealStatus = 'first-seen' | 'same' | 'ahead' | 'behind' | 'unavailable';
export interface SealCheck {
  status: SealStatus;
  /** The seal this computer had kept, when it had one. */
  seen?: Seal;
  /** The workspace as it was found when compared. */
  found?: Seal;
  /** A sentence for a person when the status is 'behind' or 'unavailable'. */
  warning?: string;
}

export const BEHIND_WARNING = 'This workspace is behind what this computer last saw';

/** The seals this installation keeps, in `<home>/seals/<workspaceId>.json` (0600, folder 0700). */
export class SealStore {
  readonly dir: string;
  constructor(home: string) {
    this.dir = join(home, 'seals');
  }

  private file(workspaceId: string): string {
    // The id is validated before it names a file: a workspace cannot make Vigie write elsewhere.
    return join(this.dir, `${sealSchema.shape.workspaceId.parse(workspaceId)}.json`);
  }

  read(workspaceId: string): SealFile | undefined {
    const f = this.file(workspaceId);
    if (!existsSync(f)) return undefined;
    const parsed = sealFileSchema.safeParse(safeJson(readFileSync(f, 'utf8')));
    if (!parsed.success) throw new DamagedSealError(f);
    return parsed.data;
  }

  /** Moves a damaged seal file aside (kept for whoever investigates) so a new one can start. */
  setAside(workspaceId: string, at: Date): string {
    const f = this.file(workspaceId);
    const aside = `${f}.damaged-${at.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(f, aside);
    return aside;
  }

  write(file: SealFile): void {
    const f = this.file(file.seal.workspaceId);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${f}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(sealFileSchema.parse(file), null, 2), { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(tmp, 0o600);
    renameSync(tmp, f);
  }
}

export class DamagedSealError extends Error {
  constructor(readonly file: string) {
    super(`The seal file ${file} is damaged.`);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Compares the workspace as opened with the seal this computer kept. `seenHeadPresent` says whether
 * the kept head entry is still in the workspace's log (the chain itself is checked by audit verify).
 */
export function compareSeal(seen: Seal | undefined, current: Seal, seenHeadPresent: boolean): SealCheck {
  if (!seen) return { status: 'first-seen', found: current };
  if (seen.entries === current.entries && seen.headHash === current.headHash) return { status: 'same', seen, found: current };
  if (seenHeadPresent && current.entries >= seen.entries) return { status: 'ahead', seen, found: current };
  const lost = current.entries < seen.entries ? `it now has ${current.entries}` : `it now has ${current.entries}, but no longer contains that entry`;
  return {
    status: 'behind',
    seen,
    found: current,
    warning: `${BEHIND_WARNING}: on ${seen.at.slice(0, 16).replace('T', ' ')} UTC its change log had ${seen.entries} entries (head ${seen.headHash.slice(0, 12)}…); ${lost}. If you restored a backup or opened an older copy, this is expected; otherwise the file was rolled back or cut short.`,
  };
}

/** The seal as a DPO pastes it into a report or an e-mail: one line, every field named. */
export function formatSeal(seal: Seal): string {
  return `Vigie seal · workspace ${seal.workspaceId} · ${seal.entries} entries · head sha256:${seal.headHash} · ${seal.at}`;
}
