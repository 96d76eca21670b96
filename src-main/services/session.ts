import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { DomainError } from '../domain/errors';
import type { PrefsStore } from './prefs';
import type { Platform } from './platform';
import { Workspace } from './workspace';
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
    return { open: true, path: ws.path, name: ws.name, deviceId: ws.deviceId, actor: ws.actor, migrated: ws.migrated, ...(ws.backup ? { backup: ws.backup } : {}) };
  }

  async create(input: { path: string; passphrase: string; controllerName?: string; language?: 'fr' | 'en'; demo?: boolean }): Promise<WorkspaceStatus> {
    const path = this.platform.resolveWorkspacePath(input.path);
    const ws = await Workspace.create(path, normalisePassphrase(input.passphrase), {
      actor: this.platform.actor,
      profile: { ...(input.controllerName ? { controller_name: input.controllerName } : {}), ...(input.language ? { language: input.language } : {}) },
    });
    if (input.demo) {
      try {
        await seedDemoWorkspace(ws);
      } catch (e) {
        await ws.close();
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
    const ws = await Workspace.open(path, passphrase, { actor: this.platform.actor });
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
    return this.status();
  }

  async close(): Promise<WorkspaceStatus> {
    const ws = this.ws;
    this.ws = undefined;
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
    if (this.ws) await this.ws.close();
    this.ws = ws;
    this.prefs.touchRecent(ws.path);
    this.emit();
  }
}
