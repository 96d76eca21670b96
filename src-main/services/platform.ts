/**
 * What a service may ask of the host (Electron or the web harness or a test), as small interfaces
 * that tests fake. Services never import electron.
 */
/** The formats an export can have (the keys of output-file's OUTPUT_FORMATS). */
export type OutputFormatName = 'docx' | 'xlsx' | 'ods' | 'csv' | 'ics' | 'zip' | 'json' | 'txt' | 'pdf';

export interface SecretStore {
  /** False when the OS offers no real keychain (Linux 'basic_text'): then never store a passphrase. */
  available(): boolean;
  encrypt(plain: string): string;
  decrypt(wrapped: string): string;
}

export interface Dialogs {
  pickWorkspace(mode: 'open' | 'create'): Promise<string | null>;
  /** The shared folder sync goes through (Electron's folder dialog); null when cancelled. */
  pickFolder?(): Promise<string | null>;
}

/** A step of a long export, sent to the window (Electron) so it can show a progress bar. */
export interface ExportProgressEvent {
  type: 'export-progress';
  /** The id the window gave the export (exports.save). */
  id: string;
  /** The step the export is at, as the services name it ('register', 'drawing the charts', 'saving'…). */
  step: string;
  /** How many steps were reported so far, this one included. */
  index: number;
  /** How many steps this export reports in all (the last one is 'saving'). */
  total: number;
}

/** How far a sync is (sync/engine.ts onProgress), for the Sync page's progress bar on large imports. */
export interface SyncProgressEvent {
  type: 'sync-progress';
  phase: 'snapshot' | 'import' | 'export';
  done: number;
  total: number;
}

/** What the host can send to the window besides answers (absent in the web harness and tests). */
export type PlatformEvent = ExportProgressEvent | SyncProgressEvent;

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
  /**
   * Turns a sync folder the person typed or picked into the absolute path the host allows (the web
   * harness confines it to its data folder). Absent: any absolute path (the desktop app).
   */
  resolveSyncFolder?(path: string): string;
  /**
   * Asks where to save a file the person exported (Electron's save dialog); null when they cancelled.
   * Absent in the web harness, where the window downloads the file instead.
   */
  saveFile?(suggestedName: string, format: OutputFormatName): Promise<string | null>;
  /** Sends an event to the window (Electron's bridge event channel). */
  notify?(event: PlatformEvent): void;
  /** The installation folder where this computer keeps the seal of each workspace it opened. */
  home?: string;
}
