/**
 * Exports saved by the main process (issue 9, items 6 and 7): the file is computed and written to
 * disk here, through writeOutputFile (no workspace, no backups folder, matching extension, replace
 * only with force, temp file + rename), and its bytes never cross to the window. Long exports report
 * their steps and can be cancelled; a cancelled export leaves no file (not even a partial one).
 */
import { localDateOf } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { PACK_PARTS, packFileName } from '../export/cnil-pack';
import type { PackPart } from '../export/cnil-pack';
import type { Lang } from '../export/labels';
import { resolvePeriod } from './figures';
import { checkOutputPath, writeOutputFile, type OutputFormat } from './output-file';
import type { Workspace } from './workspace';

/** What to export: the same choices as the `reports.*` methods that return the file to the window. */
export type ExportJob =
  | { kind: 'annualReport'; from?: string; to?: string; lang?: Lang; logo?: Uint8Array }
  | { kind: 'register'; format: 'docx' | 'xlsx' | 'ods' | 'csv'; lang?: Lang }
  | { kind: 'requests'; format: 'docx' | 'xlsx' | 'csv'; lang?: Lang }
  | { kind: 'vendors'; format: 'docx' | 'xlsx' | 'csv'; lang?: Lang }
  | { kind: 'cnilPack'; from?: string; to?: string; parts?: readonly PackPart[] };

export function exportFormat(job: ExportJob): OutputFormat {
  if (job.kind === 'annualReport') return 'docx';
  if (job.kind === 'cnilPack') return 'zip';
  return job.format;
}

/** The file name proposed in the save dialog (the same names the exports give their files). */
export async function suggestedExportName(ws: Workspace, job: ExportJob, now = new Date()): Promise<string> {
  const { profile } = await ws.getProfile();
  const today = localDateOf(now.toISOString(), profile.time_zone);
  const fr = ('lang' in job && job.lang ? job.lang : profile.language) === 'fr';
  switch (job.kind) {
    case 'annualReport': {
      const p = resolvePeriod(today, job.from, job.to);
      return `${fr ? 'bilan-annuel-dpo' : 'dpo-annual-report'}-${p.from}-${p.to}.docx`;
    }
    case 'cnilPack':
      return packFileName(profile.controller_name, today);
    case 'register':
      return `${fr ? 'registre-des-traitements' : 'record-of-processing'}-${today}.${job.format}`;
    case 'requests':
      return `${fr ? 'registre-des-demandes-de-droits' : 'rights-request-register'}-${today}.${job.format}`;
    case 'vendors':
      return `${fr ? 'registre-des-prestataires' : 'vendor-register'}-${today}.${job.format}`;
  }
}

/**
 * How many steps an export reports (its `progress` calls, then 'saving'), so the window can show a
 * determinate bar. The CNIL pack names one step per part except the organisation's text file.
 */
export function exportStepCount(job: ExportJob): number {
  if (job.kind === 'annualReport') return 4;
  if (job.kind === 'cnilPack') {
    const parts = job.parts?.length ? PACK_PARTS.filter((p) => job.parts!.includes(p)) : PACK_PARTS;
    return 1 + parts.filter((p) => p !== 'organisation').length + 1 + 1;
  }
  return 1;
}

export interface SaveExportOptions {
  force?: boolean;
  /** Called with each step of a long export (annual report, CNIL pack), then 'saving'. */
  progress?: (step: string) => void;
  /** Aborting it cancels the export between steps and between written chunks; no file is left. */
  signal?: AbortSignal;
}

/** Chunks of at most 1 MiB, so a cancel is seen while a large pack is written. */
function* chunks(bytes: Uint8Array, size = 1 << 20): Iterable<Uint8Array> {
  for (let off = 0; off < bytes.length; off += size) yield bytes.subarray(off, Math.min(bytes.length, off + size));
}

/** One export's file, as computed (before it is written anywhere). */
export interface MadeExport {
  fileName: string;
  bytes: Uint8Array;
  /** The CNIL pack's files with their digests (manifest.json's list). */
  files?: Array<{ name: string; sha256: string; bytes: number }>;
}

/**
 * Computes an export's file. `progress` names each step of a long export (annual report, CNIL
 * pack); `checkpoint` throws to stop between steps. Runs in the export worker (jobs/definitions.ts)
 * and, for the CLI and tests, in-process through saveExport.
 */
export async function makeExport(ws: Workspace, job: ExportJob, opts: { progress?: (step: string) => void; checkpoint?: () => void; now?: Date } = {}): Promise<MadeExport> {
  const progress = opts.progress ?? (() => undefined);
  const checkpoint = opts.checkpoint ?? (() => undefined);
  const now = opts.now ? { now: opts.now } : {};
  // Loaded when a file is made (it brings the chart renderer, docx and the spreadsheet writers): a window
  // that only opens a workspace and shows the dashboard never holds them in memory.
  const { annualReport, cnilPack, registerExport, requestsExport, vendorsExport } = await import('./reports');
  switch (job.kind) {
    case 'annualReport': {
      const r = await annualReport(ws, { from: job.from, to: job.to, ...(job.lang ? { lang: job.lang } : {}), ...(job.logo ? { logo: job.logo } : {}), ...now, progress, checkpoint });
      return { fileName: r.fileName, bytes: r.bytes };
    }
    case 'cnilPack': {
      const r = await cnilPack(ws, { from: job.from, to: job.to, ...(job.parts ? { parts: job.parts } : {}), ...now, progress, checkpoint });
      return { fileName: r.fileName, bytes: r.bytes, files: r.files };
    }
    case 'register': {
      const r = await registerExport(ws, job.format, job.lang);
      return { fileName: r.fileName, bytes: r.bytes };
    }
    case 'requests': {
      const r = await requestsExport(ws, job.format, job.lang);
      return { fileName: r.fileName, bytes: r.bytes };
    }
    case 'vendors': {
      const r = await vendorsExport(ws, job.format, job.lang);
      return { fileName: r.fileName, bytes: r.bytes };
    }
  }
}

export const cancelledExport = () => new DomainError('export_cancelled', 'The export was cancelled; no file was written.', {});

/** Writes a computed export to `path` in chunks of at most 1 MiB, so a cancel is seen while a large pack is written. */
export async function writeExport(ws: { path: string }, job: ExportJob, made: MadeExport, path: string, opts: { force?: boolean; checkpoint?: () => void } = {}): Promise<{ path: string; bytes: number; fileName: string }> {
  const r = await writeOutputFile(path, chunks(made.bytes), { format: exportFormat(job), force: opts.force, protectedPaths: [ws.path], checkpoint: opts.checkpoint });
  return { ...r, fileName: made.fileName };
}

/** Computes the export and writes it to `path`. Checks the path before computing anything. */
export async function saveExport(ws: Workspace, job: ExportJob, path: string, opts: SaveExportOptions = {}): Promise<{ path: string; bytes: number; fileName: string }> {
  const format = exportFormat(job);
  checkOutputPath(path, { format, force: opts.force, protectedPaths: [ws.path] });
  const checkpoint = () => {
    if (opts.signal?.aborted) throw cancelledExport();
  };
  const progress = opts.progress ?? (() => undefined);
  checkpoint();
  const made = await makeExport(ws, job, { progress, checkpoint });
  checkpoint();
  progress('saving');
  return writeExport(ws, job, made, path, { force: opts.force, checkpoint });
}

/** The exports running now, by the id the window gave them, so `exports.cancel` can reach them. */
export class RunningExports {
  private readonly running = new Map<string, AbortController>();

  start(id: string): AbortSignal {
    this.running.get(id)?.abort();
    const c = new AbortController();
    this.running.set(id, c);
    return c.signal;
  }

  finish(id: string, signal: AbortSignal): void {
    if (this.running.get(id)?.signal === signal) this.running.delete(id);
  }

  /** True when an export with this id was running (and is now told to stop). */
  cancel(id: string): boolean {
    const c = this.running.get(id);
    if (!c) return false;
    c.abort();
    this.running.delete(id);
    return true;
  }
}
