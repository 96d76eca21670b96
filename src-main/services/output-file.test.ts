import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import { checkOutputPath, formatOfPath, writeOutputFile, type OutputOptions } from './output-file';

const dir = () => mkdtempSync(join(tmpdir(), 'vigie-out-'));

async function refusal(path: string, data: Uint8Array | string, opts: OutputOptions): Promise<DomainError> {
  try {
    await writeOutputFile(path, data, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error(`writing ${path} was not refused`);
}

describe('checkOutputPath / writeOutputFile', () => {
  it.each([
    ['w.vigie', 'ics'],
    ['W.VIGIE', 'ics'],
    ['w.vigie-wal', 'ics'],
    ['w.vigie-shm', 'ics'],
    ['w.vigie-journal', 'ics'],
  ] as const)('refuses %s (a workspace file) whatever the format, and leaves it untouched', async (name, format) => {
    const d = dir();
    const path = join(d, name);
    writeFileSync(path, 'precious');
    const e = await refusal(path, 'BEGIN:VCALENDAR', { format, force: true });
    expect(e.code).toBe('output_is_workspace');
    expect(readFileSync(path, 'utf8')).toBe('precious');
    expect(readdirSync(d)).toEqual([name]);
  });

  it('refuses the open workspace and its side files even under another extension (protected paths)', async () => {
    const d = dir();
    const ws = join(d, 'register.db');
    writeFileSync(ws, 'precious');
    for (const p of [ws, `${ws}-wal`, `${ws}-shm`]) {
      expect(() => checkOutputPath(p, { format: 'csv', force: true, protectedPaths: [ws] })).toThrow(expect.objectContaining({ code: 'output_is_workspace' }));
    }
    expect(readFileSync(ws, 'utf8')).toBe('precious');
  });

  it('refuses a symbolic link that points at a workspace', async () => {
    const d = dir();
    const ws = join(d, 'w.vigie');
    writeFileSync(ws, 'precious');
    const link = join(d, 'calendar.ics');
    symlinkSync(ws, link);
    const e = await refusal(link, 'BEGIN:VCALENDAR', { format: 'ics', force: true });
    expect(e.code).toBe('output_is_workspace');
    expect(readFileSync(ws, 'utf8')).toBe('precious');
  });

  it('refuses to write into a backups folder, also through a linked folder', async () => {
    const d = dir();
    const backups = join(d, 'w.backups');
    mkdirSync(backups);
    expect((await refusal(join(backups, 'x.csv'), 'a', { format: 'csv' })).code).toBe('output_in_backups');
    expect((await refusal(join(backups, 'daily', 'x.csv'), 'a', { format: 'csv' })).code).toBe('output_in_backups');
    const link = join(d, 'exports');
    symlinkSync(backups, link);
    expect((await refusal(join(link, 'x.csv'), 'a', { format: 'csv' })).code).toBe('output_in_backups');
    expect(readdirSync(backups)).toEqual([]);
  });

  it.each([
    ['report.ics', 'docx'],
    ['report.docx', 'csv'],
    ['report', 'csv'],
    ['report.csv.txt', 'csv'],
    ['report.docx', 'ics'],
  ] as const)('refuses %s for a %s file (extension does not match the format)', async (name, format) => {
    const d = dir();
    const e = await refusal(join(d, name), 'x', { format });
    expect(e.code).toBe('output_extension_mismatch');
    expect(e.details).toMatchObject({ format });
    expect(readdirSync(d)).toEqual([]);
  });

  it('accepts the extension in any case', async () => {
    const d = dir();
    await writeOutputFile(join(d, 'Report.DOCX'), 'x', { format: 'docx' });
    expect(readdirSync(d)).toEqual(['Report.DOCX']);
  });

  it('refuses an existing file without force and keeps its content', async () => {
    const d = dir();
    const path = join(d, 'deadlines.ics');
    writeFileSync(path, 'old');
    const e = await refusal(path, 'new', { format: 'ics' });
    expect(e.code).toBe('output_exists');
    expect(e.message).toContain('--force');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(d)).toEqual(['deadlines.ics']);
  });

  it('replaces an existing file with force, through a temporary file, and leaves no temporary file', async () => {
    const d = dir();
    const path = join(d, 'deadlines.ics');
    writeFileSync(path, 'old');
    const r = await writeOutputFile(path, 'new content', { format: 'ics', force: true });
    expect(r).toEqual({ path, bytes: 11 });
    expect(readFileSync(path, 'utf8')).toBe('new content');
    expect(readdirSync(d)).toEqual(['deadlines.ics']);
  });

  it('creates the file readable by its owner only (0600)', async () => {
    const d = dir();
    const path = join(d, 'r.csv');
    await writeOutputFile(path, new Uint8Array([1, 2, 3]), { format: 'csv' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // A replaced file gets the same mode, whatever the old one had.
    chmodSync(path, 0o644);
    await writeOutputFile(path, 'x', { format: 'csv', force: true });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('writes chunks (sync and async iterables) and counts the bytes', async () => {
    const d = dir();
    const a = await writeOutputFile(join(d, 'a.txt'), [Buffer.from('ab'), Buffer.from('cd')], { format: 'txt' });
    expect(a.bytes).toBe(4);
    async function* gen() {
      yield Buffer.from('é');
      yield Buffer.from('z');
    }
    const b = await writeOutputFile(join(d, 'b.txt'), gen(), { format: 'txt' });
    expect(b.bytes).toBe(3);
    expect(readFileSync(join(d, 'b.txt'), 'utf8')).toBe('éz');
  });

  it('removes the temporary file when the export fails half-way, and keeps the old file', async () => {
    const d = dir();
    const path = join(d, 'register.docx');
    writeFileSync(path, 'old');
    function* failing() {
      yield Buffer.from('first part');
      throw new Error('export crashed');
    }
    await expect(writeOutputFile(path, failing(), { format: 'docx', force: true })).rejects.toThrow('export crashed');
    expect(readdirSync(d)).toEqual(['register.docx']);
    expect(readFileSync(path, 'utf8')).toBe('old');
  });

  it('a cancel through the checkpoint removes the temporary file and creates nothing', async () => {
    const d = dir();
    let n = 0;
    const opts: OutputOptions = {
      format: 'csv',
      checkpoint: () => {
        if (++n === 2) throw new DomainError('cancelled', 'Cancelled.');
      },
    };
    await expect(writeOutputFile(join(d, 'x.csv'), [Buffer.from('a'), Buffer.from('b'), Buffer.from('c')], opts)).rejects.toMatchObject({ code: 'cancelled' });
    expect(readdirSync(d)).toEqual([]);
  });

  it('a missing folder, a folder as target and an empty name each get their own code', async () => {
    const d = dir();
    expect((await refusal(join(d, 'nope', 'x.csv'), 'a', { format: 'csv' })).code).toBe('output_folder_missing');
    mkdirSync(join(d, 'sub.csv'));
    expect((await refusal(join(d, 'sub.csv'), 'a', { format: 'csv', force: true })).code).toBe('output_is_folder');
    expect((await refusal('', 'a', { format: 'csv' })).code).toBe('output_invalid_name');
    expect((await refusal('a\u0000.csv', 'a', { format: 'csv' })).code).toBe('output_invalid_name');
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('a folder Vigie may not write in is a sentence, not EACCES', async () => {
    const d = dir();
    const locked = join(d, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      const e = await refusal(join(locked, 'x.csv'), 'a', { format: 'csv' });
      expect(e.code).toBe('output_not_writable');
      expect(e.message).not.toMatch(/EACCES/);
      expect(readdirSync(locked)).toEqual([]);
    } finally {
      chmodSync(locked, 0o700);
    }
  });

  it('formatOfPath names the format of an extension', () => {
    expect(formatOfPath('/a/b.DOCX')).toBe('docx');
    expect(formatOfPath('b.ics')).toBe('ics');
    expect(formatOfPath('b.vigie')).toBeUndefined();
  });
});
