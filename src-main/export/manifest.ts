/**
 * The seals of a CNIL pack: `manifest.json` (every file with SHA-256 and size, generator, workspace,
 * period, change-log head) and `contenu.txt` in the format of LOUTRE, the CNIL's own hashing tool:
 *
 *   Nom du document<TAB>Taille (octets)<TAB>SHA256<CRLF>
 *   relative/path<TAB>size in bytes<TAB>lower-case hex SHA-256<CRLF>
 *
 * UTF-8 without BOM, CRLF line ends, paths with '/' relative to the pack's root. contenu.txt lists
 * every file of the pack but itself (manifest.json included); manifest.json lists every file but
 * itself and contenu.txt. Format version 1 (2026-12-01); bump it, never change it silently.
 *
 * `verifyPack` re-checks both lists against the files in the ZIP, each entry's CRC-32 against its
 * bytes, and that nothing is missing or unlisted: any changed byte of any file is caught.
 */
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';

export const PACK_FORMAT_VERSION = 1;
export const LOUTRE_HEADER = 'Nom du document\tTaille (octets)\tSHA256';
export const MANIFEST_NAME = 'manifest.json';
export const CONTENTS_NAME = 'contenu.txt';

export interface PackFile {
  name: string;
  sha256: string;
  bytes: number;
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function describeFile(name: string, data: Uint8Array): PackFile {
  return { name, sha256: sha256Hex(data), bytes: data.length };
}

/** contenu.txt, LOUTRE's layout. */
export function loutreContents(files: readonly PackFile[]): string {
  return [LOUTRE_HEADER, ...files.map((f) => `${f.name}\t${f.bytes}\t${f.sha256}`)].join('\r\n') + '\r\n';
}

/** Reads contenu.txt back; throws on a line that is not `path<TAB>size<TAB>sha256`. */
export function parseLoutre(text: string): PackFile[] {
  const lines = text.replace(/^\ufeff/, '').split('\r\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines[0] !== LOUTRE_HEADER) throw new Error(`${CONTENTS_NAME}: the first line must be "${LOUTRE_HEADER.replaceAll('\t', '<TAB>')}" (lines end with CRLF).`);
  return lines.slice(1).map((line, i) => {
    const m = /^([^\t]+)\t(\d+)\t([0-9a-f]{64})$/.exec(line);
    if (!m) throw new Error(`${CONTENTS_NAME}, line ${i + 2}: expected path<TAB>size<TAB>sha256 (lower-case hex), got ${JSON.stringify(line.slice(0, 120))}.`);
    return { name: m[1]!, bytes: Number(m[2]), sha256: m[3]! };
  });
}

// ── CRC-32 (ZIP), to check each entry's stored checksum ─────────────────────────────────────────────
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 of each entry as written in the ZIP's central directory. */
function centralCrcs(zip: Uint8Array): Map<string, number> {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP archive (no end of central directory)');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out = new Map<string, number>();
  for (let n = 0; n < count; n++) {
    if (dv.getUint32(p, true) !== 0x02014b50) throw new Error('damaged ZIP central directory');
    const crc = dv.getUint32(p + 16, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    out.set(new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen)), crc);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export interface PackMismatch {
  name: string;
  problem: 'missing' | 'unlisted' | 'size' | 'sha256' | 'crc' | 'unreadable' | 'lists_disagree';
  list?: 'contenu.txt' | 'manifest.json';
  expected?: string | number;
  actual?: string | number;
}

export interface PackVerification {
  ok: boolean;
  files: number;
  mismatches: PackMismatch[];
  manifest?: { generator?: string; workspaceId?: string; generatedAt?: string; period?: { from: string; to: string }; changeLog?: unknown };
}

/** Re-checks every hash of both lists against the ZIP's files. Never throws. */
export function verifyPack(zip: Uint8Array): PackVerification {
  let files: Record<string, Uint8Array>;
  let crcs: Map<string, number>;
  try {
    files = unzipSync(zip);
    crcs = centralCrcs(zip);
  } catch (e) {
    return { ok: false, files: 0, mismatches: [{ name: '(archive)', problem: 'unreadable', actual: (e as Error).message }] };
  }
  const names = Object.keys(files).filter((n) => !n.endsWith('/'));
  const mismatches: PackMismatch[] = [];
  for (const n of names) {
    const stored = crcs.get(n);
    if (stored === undefined || stored !== crc32(files[n]!)) mismatches.push({ name: n, problem: 'crc', expected: stored, actual: crc32(files[n]!) });
  }
  const check = (listName: 'contenu.txt' | 'manifest.json', list: PackFile[], exempt: string[]) => {
    const listed = new Set(list.map((f) => f.name));
    for (const f of list) {
      const data = files[f.name];
      if (!data) {
        mismatches.push({ name: f.name, problem: 'missing', list: listName });
        continue;
      }
      if (data.length !== f.bytes) mismatches.push({ name: f.name, problem: 'size', list: listName, expected: f.bytes, actual: data.length });
      const h = sha256Hex(data);
      if (h !== f.sha256) mismatches.push({ name: f.name, problem: 'sha256', list: listName, expected: f.sha256, actual: h });
    }
    for (const n of names) if (!listed.has(n) && !exempt.includes(n)) mismatches.push({ name: n, problem: 'unlisted', list: listName });
  };
  let contents: PackFile[] = [];
  let manifestFiles: PackFile[] = [];
  let manifest: PackVerification['manifest'];
  if (!files[CONTENTS_NAME]) mismatches.push({ name: CONTENTS_NAME, problem: 'missing' });
  else {
    try {
      contents = parseLoutre(strFromU8(files[CONTENTS_NAME]));
      check(CONTENTS_NAME, contents, [CONTENTS_NAME]);
    } catch (e) {
      mismatches.push({ name: CONTENTS_NAME, problem: 'unreadable', actual: (e as Error).message });
    }
  }
  if (!files[MANIFEST_NAME]) mismatches.push({ name: MANIFEST_NAME, problem: 'missing' });
  else {
    try {
      const m = JSON.parse(strFromU8(files[MANIFEST_NAME])) as { files?: PackFile[] } & NonNullable<PackVerification['manifest']>;
      if (!Array.isArray(m.files)) throw new Error('no "files" list');
      manifestFiles = m.files;
      manifest = { generator: m.generator, workspaceId: m.workspaceId, generatedAt: m.generatedAt, period: m.period, changeLog: m.changeLog };
      check(MANIFEST_NAME, manifestFiles, [CONTENTS_NAME, MANIFEST_NAME]);
    } catch (e) {
      mismatches.push({ name: MANIFEST_NAME, problem: 'unreadable', actual: (e as Error).message });
    }
  }
  // The two lists must say the same thing about the files they share.
  const byName = new Map(contents.map((f) => [f.name, f]));
  for (const f of manifestFiles) {
    const c = byName.get(f.name);
    if (c && (c.sha256 !== f.sha256 || c.bytes !== f.bytes)) mismatches.push({ name: f.name, problem: 'lists_disagree', expected: c.sha256, actual: f.sha256 });
  }
  return { ok: mismatches.length === 0, files: names.length, mismatches, ...(manifest ? { manifest } : {}) };
}
