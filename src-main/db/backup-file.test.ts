/** A backup copy is flushed to the disk, with its directory entry, before it is called a backup. */
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import type * as FsModule from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const synced: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof FsModule>();
  const paths = new Map<number, string>();
  return {
    ...fs,
    openSync: (p: string, ...rest: unknown[]) => {
      const fd = (fs.openSync as (...a: unknown[]) => number)(p, ...rest);
      paths.set(fd, p);
      return fd;
    },
    fsyncSync: (fd: number) => {
      synced.push(paths.get(fd) ?? `fd ${fd}`);
      fs.fsyncSync(fd);
    },
  };
});

describe('backup copies are durable', () => {
  it('vacuumInto fsyncs the copy and its folder', async () => {
    const Database = (await import('better-sqlite3-multiple-ciphers')).default;
    const { applyKey } = await import('./cipher');
    const { vacuumInto } = await import('./backup-file');
    const dir = mkdtempSync(join(tmpdir(), 'vigie-backup-fsync-'));
    const raw = new Database(join(dir, 'w.vigie'));
    applyKey(raw, 'pass');
    raw.exec('CREATE TABLE t (x TEXT); INSERT INTO t VALUES (1)');
    const target = join(dir, 'copy.vigie');
    synced.length = 0;
    vacuumInto(raw, target);
    raw.close();
    expect(synced).toContain(target);
    if (process.platform !== 'win32') expect(synced).toContain(dirname(target));
    const copy = new Database(target);
    applyKey(copy, 'pass');
    expect(copy.prepare('SELECT x FROM t').pluck().get()).toBe('1');
    copy.close();
  });
});
