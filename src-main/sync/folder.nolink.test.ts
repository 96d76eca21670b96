/**
 * writeNewFile on a file system without hard links (FAT on a USB stick, some SMB and FUSE mounts):
 * the fallback renames the temporary file, still never over an existing name, and leaves no temp file.
 */
import type * as nodeFs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const linkCalls = vi.hoisted(() => ({ n: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof nodeFs>();
  return {
    ...fs,
    linkSync: () => {
      linkCalls.n++;
      throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    },
  };
});

const { FileExistsError, writeNewFile } = await import('./folder');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('writeNewFile without hard links', () => {
  it('falls back to rename, refuses an existing name, leaves no temporary file', () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-nolink-'));
    const path = join(dir, 'dev', '1-1.age');
    writeNewFile(path, new Uint8Array([4, 5, 6]));
    expect([...readFileSync(path)]).toEqual([4, 5, 6]);
    expect(linkCalls.n).toBe(1); // the link was tried and refused: the rename fallback wrote the file
    expect(() => writeNewFile(path, new Uint8Array([7]))).toThrow(FileExistsError);
    expect([...readFileSync(path)]).toEqual([4, 5, 6]);
    expect(readdirSync(join(dir, 'dev'))).toEqual(['1-1.age']);
  });
});
