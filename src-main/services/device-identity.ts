import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { newUlid } from '../db/write';

/**
 * Device identity per installation (issue 10, Part 1, item 4).
 *
 * Each change-log entry names the device that wrote it, and each device has its own chain: two
 * copies of a workspace must never write under one device id. So the id lives with the
 * installation (Electron's userData folder; for the CLI, the per-user config folder; `VIGIE_HOME`
 * overrides both, so tests and scripts can play several installations on one machine), keyed by
 * workspace id and by the file's real path:
 * - the same file opened again on this installation keeps its id;
 * - a file moved or renamed (its old path no longer exists) keeps its id;
 * - a copy (another path while the first still exists), or a file brought from another computer
 *   (no record here), gets a new device id before its first write.
 * A copy is a new device: to sync, it joins like a new colleague's laptop. Without an installation
 * folder (some tests), the id kept in the file is used.
 */
const registrySchema = z.object({
  format: z.literal(1),
  workspaces: z.record(z.string(), z.array(z.object({ deviceId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/), path: z.string() }))),
});
type Registry = z.infer<typeof registrySchema>;

export class DeviceRegistry {
  private readonly file: string;
  constructor(readonly home: string) {
    this.file = join(home, 'devices.json');
  }

  private read(): Registry {
    if (!existsSync(this.file)) return { format: 1, workspaces: {} };
    try {
      return registrySchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // A damaged registry is set aside: every workspace gets a new device id (safe: never a reused one).
      renameSync(this.file, `${this.file}.damaged-${Date.now()}`);
      return { format: 1, workspaces: {} };
    }
  }

  private save(r: Registry): void {
    mkdirSync(this.home, { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(r, null, 2), { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }

  /** The device id this installation writes `workspaceId` at `path` under (created when new). */
  resolve(workspaceId: string, path: string): { deviceId: string; fresh: boolean } {
    const real = realPath(path);
    const r = this.read();
    const list = (r.workspaces[workspaceId] ??= []);
    const same = list.find((e) => e.path === real);
    if (same) return { deviceId: same.deviceId, fresh: false };
    const moved = list.find((e) => !existsSync(e.path));
    if (moved) {
      moved.path = real;
      this.save(r);
      return { deviceId: moved.deviceId, fresh: false };
    }
    const deviceId = newUlid();
    list.push({ deviceId, path: real });
    this.save(r);
    return { deviceId, fresh: true };
  }

  /** Records the id a workspace was just created (or joined) with at `path`. */
  remember(workspaceId: string, path: string, deviceId: string): void {
    const r = this.read();
    const list = (r.workspaces[workspaceId] ??= []);
    const real = realPath(path);
    const i = list.findIndex((e) => e.path === real);
    if (i >= 0) list[i] = { deviceId, path: real };
    else list.push({ deviceId, path: real });
    this.save(r);
  }
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
