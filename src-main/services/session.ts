import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { DomainError } from '../domain/errors';
import type { PrefsStore } from './prefs';
import type { Seal } from './seals';
import type { Platform } from './platform';
import { Workspace } from './workspace';
import { dailyBackupDue, findBackup, restoreBackup, type BackupInfo } from './backups';
import { backupDir } from '../db/open';
import { seedDemoWorkspace } from './demo';
import { normalisePassphrase } from './passphrase';

export interface WorkspaceStatus {
  open: boolean;
  path?: string;
  name?: string;
  deviceId?: string;
  actor?: string;
  migrated?: string[];
  backup?: string;
  /** Set when the workspace is behind what this computer last saw (rolled back or cut short), or its seal could not be kept. */
  sealWarning?: string;
  /** The seal this computer kept and the workspace as found, for the renderer's own sentence. */
  sealBehind?: { seen: Seal; found: Seal };
}

/** The workspace the app has open (at most one), and the per-computer list of recent ones. */
export class Session {
  private ws: Workspace | undefined;
  private readonly listeners = new Set<(status: WorkspaceStatus) => void>();

  /** Called after a workspace is opened, created or closed (the Electron menu rebuilds its recent list). */
  onChange(listener: (status: WorkspaceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const s = this.status();
    for (const l of this.listeners) l(s);
  }

  constructor(
    readonly platform: Platform,
    readonly prefs: PrefsStore,
  ) {}

  /**
   * Where backups are made off the main thread (the handlers' job runner, api/handlers/jobs.ts):
   * `backup` runs the `backup` job, `stop` cancels every job and waits until their workers have let
   * go of the file. Without it (a session no handlers were made for), backups are made here.
   */
  backgroundJobs: { backup(kind: 'daily' | 'manual'): Promise<BackupInfo | null>; stop(): Promise<void> } | undefined;
  /** The day's automatic backup being made in the background (see startDailyBackup). */
  private dailyBackup: Promise<void> | undefined;

  /** Resolves when the day's automatic backup started by the last open is made (or failed, or was cancelled). */
  async idle(): Promise<void> {
    await this.dailyBackup;
  }

  /**
   * The day's automatic backup, if none was made today: in a worker thread, so an unlock of a large
   * workspace does not wait for its copy (12 s at 100,000 requests on a slow machine) and the window
   * answers meanwhile. A failure is kept as the workspace's backup warning (Settings › Backups shows
   * it); a cancel (the workspace was closed) leaves no copy and no warning; while a backup asked for
   * now is being made, the hourly check tries again at its next turn.
   */
  private startDailyBackup(): void {
    const ws = this.ws;
    const jobs = this.backgroundJobs;
    if (!ws) return;
    if (!jobs) {
      ws.ensureDailyBackup();
      return;
    }
    if (this.dailyBackup) return;
    try {
      if (!dailyBackupDue(ws.path, new Date())) return;
    } catch {
      // The backups folder cannot be read: the job reports why.
    }
    const done = jobs.backup('daily').then(
      () => {
        ws.backupWarning = undefined;
      },
      (e: unknown) => {
        // Cancelled (the workspace was closed), or a backup asked for now is being made: tried again within the hour.
        if (e instanceof DomainError && (e.code === 'cancelled' || e.code === 'job_running')) return;
        ws.backupWarning = e instanceof Error ? e.message : String(e);
      },
    );
    const tracked: Promise<void> = done.finally(() => {
      if (this.dailyBackup === tracked) this.dailyBackup = undefined;
    });
    this.dailyBackup = tracked;
  }

  /** Stops the jobs reading the open workspace (a backup's copy among them) before its file is closed or replaced. */
  private async stopJobs(): Promise<void> {
    await this.backgroundJobs?.stop();
    await this.dailyBackup;
  }

  get workspace(): Workspace {
    if (!this.ws) throw new DomainError('no_workspace', 'No workspace is open. Create or open one first.');
    return this.ws;
  }

  get isOpen(): boolean {
    return this.ws !== undefined;
  }

  status(): WorkspaceStatus {
    const ws = this.ws;
    if (!ws) return { open: false };
    const c = ws.sealCheck;
    const sealWarning = c.warning;
    const sealBehind = c.status === 'behind' && c.seen && c.found ? { seen: c.seen, found: c.found } : undefined;
    return { open: true, path: ws.path, name: ws.name, deviceId: ws.deviceId, actor: ws.actor, migrated: ws.migrated, ...(ws.backup ? { backup: ws.backup } : {}), ...(sealWarning ? { sealWarning } : {}), ...(sealBehind ? { sealBehind } : {}) };
  }

  async create(input: { path: string; passphrase: string; controllerName?: string; language?: 'fr' | 'en'; demo?: boolean }): Promise<WorkspaceStatus> {
    const path = this.platform.resolveWorkspacePath(input.path);
    const ws = await Workspace.create(path, normalisePassphrase(input.passphrase), {
      actor: this.platform.actor,
      home: this.platform.home,
      profile: { ...(input.controllerName ? { controller_name: input.controllerName } : {}), ...(input.language ? { language: input.language } : {}) },
    });
    if (input.demo) {
      try {
        await seedDemoWorkspace(ws);
      } catch (e) {
        // A failed create leaves no file behind.
        await ws.discard();
        throw e;
      }
    }
    await this.replace(ws);
    return this.status();
  }

  async open(input: { path: string; passphrase?: string; remember?: boolean }): Promise<WorkspaceStatus> {
    const path = this.platform.resolveWorkspacePath(input.path);
    let passphrase = input.passphrase;
    const secrets = this.platform.secrets;
    if (!passphrase) {
      const wrapped = this.prefs.read().remembered[path];
      if (wrapped && secrets?.available()) {
        try {
          passphrase = secrets.decrypt(wrapped);
        } catch {
          passphrase = undefined;
        }
      }
      if (!passphrase) throw new DomainError('passphrase_required', 'Enter the passphrase of this workspace.');
    }
    // Refuses a NUL before anything else; Workspace.open keys with the NFC form (and, for a workspace
    // made before normalisation, tries the passphrase as typed), so the raw text is passed on.
    normalisePassphrase(passphrase);
    // The day's backup is made after the open, in the background (startDailyBackup), when a job runner is there.
    const ws = await Workspace.open(path, passphrase, { actor: this.platform.actor, dailyBackup: !this.backgroundJobs, home: this.platform.home });
    if (input.remember) {
      if (!secrets?.available()) {
        await ws.close();
        throw new DomainError(
          'keychain_unavailable',
          'This computer offers no secure keychain, so Vigie will not remember the passphrase (it never stores it in plaintext). Open the workspace without “remember”.',
        );
      }
      const wrapped = secrets.encrypt(passphrase);
      this.prefs.update((p) => ({ ...p, remembered: { ...p.remembered, [path]: wrapped } }));
    }
    await this.replace(ws);
    this.startDailyBackup();
    return this.status();
  }

  async close(): Promise<WorkspaceStatus> {
    const ws = this.ws;
    this.ws = undefined;
    this.stopBackupTimer();
    await this.stopJobs();
    if (ws) await ws.close();
    this.emit();
    return this.status();
  }

  forget(path: string): void {
    this.prefs.update((p) => {
      const { [path]: _gone, ...remembered } = p.remembered;
      return { ...p, remembered, recent: p.recent.filter((r) => r.path !== path) };
    });
  }

  recent() {
    const p = this.prefs.read();
    return p.recent.map((r) => ({ path: r.path, name: basename(r.path, '.vigie'), openedAt: r.openedAt, remembered: r.path in p.remembered, exists: existsSync(r.path) }));
  }

  private async replace(ws: Workspace): Promise<void> {
    if (this.ws) {
      await this.stopJobs();
      await this.ws.close();
    }
    this.ws = ws;
    this.prefs.touchRecent(ws.path);
    this.startBackupTimer();
    this.emit();
  }

  // ── backups ─────────────────────────────────────────────────────────────
  private backupTimer: ReturnType<typeof setInterval> | undefined;

  /** While a workspace stays open, the day's backup is made once the date has changed (checked hourly). */
  private startBackupTimer(): void {
    this.stopBackupTimer();
    this.backupTimer = setInterval(() => this.startDailyBackup(), 60 * 60 * 1000);
    this.backupTimer.unref?.();
  }

  private stopBackupTimer(): void {
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = undefined;
  }

  listBackups(): { folder: string; items: BackupInfo[]; warning?: string; schemaVersion: number } {
    const ws = this.workspace;
    return { folder: backupDir(ws.path), items: ws.listBackups(), schemaVersion: ws.schemaVersion, ...(ws.backupWarning ? { warning: ws.backupWarning } : {}) };
  }

  /** A backup asked for now (Settings › Backups): made in a worker thread when a job runner is there. */
  async backupNow(): Promise<BackupInfo> {
    const ws = this.workspace;
    if (!this.backgroundJobs) return ws.backupNow('manual');
    const b = await this.backgroundJobs.backup('manual');
    if (!b) throw new DomainError('internal', 'The backup job made no copy.');
    return b;
  }

  /**
   * Restores backup `id` into a workspace that is not open (it no longer opens: damaged first page,
   * empty file), then opens it. The backup must open with `passphrase`, so a wrong passphrase
   * changes nothing.
   */
  async restoreInto(rawPath: string, passphrase: string, id: string) {
    const path = this.platform.resolveWorkspacePath(rawPath);
    if (this.ws?.path === path) return this.restoreBackup(id);
    const r = await restoreBackup({ path, passphrase, id, reopen: (p) => Workspace.open(p, passphrase, { actor: this.platform.actor }) });
    await this.replace(r.workspace);
    const { workspace: _ws, ...rest } = r;
    return rest;
  }

  /**
   * Restores backup `id` into the open workspace's file: closes it, lets restoreBackup copy the
   * current file aside, replace it and reopen it, then verifies. If the restore fails before the
   * file was replaced, the workspace that was open is opened again.
   */
  async restoreBackup(id: string) {
    const ws = this.workspace;
    const { path } = ws;
    const passphrase = ws.passphraseForRestore;
    findBackup(path, id);
    this.ws = undefined;
    this.stopBackupTimer();
    // No job may still read the file that is about to be replaced.
    await this.stopJobs();
    await ws.close();
    try {
      const r = await restoreBackup({ path, passphrase, id, reopen: (p) => Workspace.open(p, passphrase, { actor: this.platform.actor }) });
      await this.replace(r.workspace);
      const { workspace: _ws, ...rest } = r;
      return rest;
    } catch (e) {
      try {
        await this.replace(await Workspace.open(path, passphrase, { actor: this.platform.actor }));
      } catch {
        this.emit();
      }
      throw e;
    }
  }
}
