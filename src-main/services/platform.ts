/**
 * What a service may ask of the host (Electron or the web harness or a test), as small interfaces
 * that tests fake. Services never import electron.
 */
export interface SecretStore {
  /** False when the OS offers no real keychain (Linux 'basic_text'): then never store a passphrase. */
  available(): boolean;
  encrypt(plain: string): string;
  decrypt(wrapped: string): string;
}

export interface Dialogs {
  pickWorkspace(mode: 'open' | 'create'): Promise<string | null>;
}

export interface Platform {
  kind: 'electron' | 'web';
  version: string;
  /** Where new workspaces go by default (Documents/Vigie on a desktop; a sandbox folder in the harness). */
  defaultDirectory: string;
  /** Who is writing: the change log's actor. */
  actor: string;
  secrets?: SecretStore;
  dialogs?: Dialogs;
  /** Turns what the renderer sent into an absolute path the host allows (the harness confines it). */
  resolveWorkspacePath(path: string): string;
  /** The installation folder where this computer keeps the seal of each workspace it opened. */
  home?: string;
}
