import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const prefsSchema = z.object({
  recent: z.array(z.object({ path: z.string(), openedAt: z.string() })).default([]),
  /** Passphrases wrapped by the OS keychain (Electron safeStorage), base64. Never plaintext. */
  remembered: z.record(z.string(), z.string()).default({}),
  window: z.object({ x: z.number().optional(), y: z.number().optional(), width: z.number(), height: z.number(), maximized: z.boolean().optional() }).optional(),
  language: z.enum(['fr', 'en']).optional(),
});
export type Prefs = z.infer<typeof prefsSchema>;

export const MAX_RECENT = 8;

/** Per-computer preferences (recent workspaces, window bounds). Not workspace data: never synced. */
export class PrefsStore {
  private readonly file: string;
  constructor(dir: string) {
    this.file = join(dir, 'vigie-prefs.json');
  }

  read(): Prefs {
    if (!existsSync(this.file)) return prefsSchema.parse({});
    try {
      return prefsSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // A damaged preferences file only loses the recent list; workspaces are untouched.
      return prefsSchema.parse({});
    }
  }

  update(fn: (p: Prefs) => Prefs): Prefs {
    const next = prefsSchema.parse(fn(this.read()));
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(next, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
    return next;
  }

  touchRecent(path: string, at = new Date()): void {
    this.update((p) => ({ ...p, recent: [{ path, openedAt: at.toISOString() }, ...p.recent.filter((r) => r.path !== path)].slice(0, MAX_RECENT) }));
  }
}
