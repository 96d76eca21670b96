/**
 * API methods that save an export to disk from the main process ('exports.<verb>'): the window asks
 * for a file, the main process asks where (Electron's save dialog), computes it, reports its steps
 * as `export-progress` events and writes it; the bytes never cross to the window. The window never
 * sends a path: only the dialog chooses one (and the OS dialog asks before replacing a file).
 * Pure: zod only.
 */
import { z } from 'zod';
import { isoDate, type ContractFragment } from './shared';
import { PACK_PARTS, langInput } from './reports';

const period = { from: isoDate.optional(), to: isoDate.optional() };

export const exportJobInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('annualReport'), ...period, lang: langInput, logoBase64: z.string().max(4_000_000).optional() }).strict(),
  z.object({ kind: z.literal('register'), format: z.enum(['docx', 'xlsx', 'ods', 'csv']), lang: langInput }).strict(),
  z.object({ kind: z.literal('requests'), format: z.enum(['docx', 'xlsx', 'csv']), lang: langInput }).strict(),
  z.object({ kind: z.literal('vendors'), format: z.enum(['docx', 'xlsx', 'csv']), lang: langInput }).strict(),
  z.object({ kind: z.literal('cnilPack'), ...period, parts: z.array(z.enum(PACK_PARTS)).min(1).optional() }).strict(),
]);
export type ExportJobInput = z.infer<typeof exportJobInput>;

/**
 * Methods that answer one file as base64 (`{ fileName, contentBase64 }`) and the format of that file:
 * `exports.saveFile` runs them in the main process and writes their file where the person chose.
 */
export const FILE_METHODS = {
  'register.exportDocx': () => 'docx',
  'breaches.register': (input: unknown) => ((input as { format?: string } | undefined)?.format === 'csv' ? 'csv' : 'docx'),
  'audit.exportCsv': () => 'csv',
  'requests.exportCsv': () => 'csv',
  'requests.ics': () => 'ics',
  'retention.scheduleIcs': () => 'ics',
} as const satisfies Record<string, (input: unknown) => 'docx' | 'csv' | 'ics'>;
export type FileMethod = keyof typeof FILE_METHODS;
const fileMethods = Object.keys(FILE_METHODS) as [FileMethod, ...FileMethod[]];

/** The window's name for one export, echoed in its progress events and used to cancel it. */
const exportId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const savedOutput = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true), path: z.string(), fileName: z.string(), bytes: z.number() }),
  z.object({ saved: z.literal(false) }),
]);

export const exportsContract = {
  'exports.save': {
    input: z
      .object({
        id: exportId,
        job: exportJobInput,
      })
      .strict(),
    output: savedOutput,
  },
  'exports.saveFile': {
    input: z.object({ method: z.enum(fileMethods), input: z.unknown().optional() }).strict(),
    output: savedOutput,
  },
  'exports.cancel': { input: z.object({ id: exportId }).strict(), output: z.object({ cancelled: z.boolean() }) },
} as const satisfies ContractFragment;
