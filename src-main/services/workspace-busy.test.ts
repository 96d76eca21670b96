import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { mapKnownError } from '../api/map-error';
import { Workspace } from './workspace';

const PASS = 'two writers passphrase';

/**
 * Another program (a worker thread with its own connection) takes the write lock, writes, holds the
 * lock for `holdMs`, then commits. The main thread's better-sqlite3 calls block, so the other writer
 * must live on another thread to be able to finish while the main one waits.
 */
function otherWriter(path: string, holdMs: number): Promise<{ locked: Promise<void>; done: Promise<void> }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require('better-sqlite3-multiple-ciphers');
    const db = new Database(workerData.path);
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma("key='" + workerData.pass + "'");
    db.pragma('busy_timeout = 5000');
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare("UPDATE meta SET value = value WHERE key = 'device_id'").run();
    parentPort.postMessage('locked');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
    db.prepare('COMMIT').run();
    db.close();
    parentPort.postMessage('done');
  `;
  const worker = new Worker(code, { eval: true, workerData: { path, pass: PASS, holdMs } });
  let onLocked!: () => void;
  let onDone!: () => void;
  const locked = new Promise<void>((r) => (onLocked = r));
  const done = new Promise<void>((r) => (onDone = r));
  worker.on('message', (m) => (m === 'locked' ? onLocked() : onDone()));
  return Promise.resolve({ locked, done });
}

async function workspace(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'vigie-busy-')), 'w.vigie');
  const ws = await Workspace.create(path, PASS, { actor: 'test' });
  await ws.close();
  return path;
}

describe('two writers on one workspace', () => {
  it('a write waits for another program that holds the write lock, then succeeds (BEGIN IMMEDIATE + busy timeout)', async () => {
    const path = await workspace();
    const ws = await Workspace.open(path, PASS, { actor: 'a' });
    try {
      // Read first, so a deferred transaction would hold a stale snapshot when it tries to write.
      expect((await ws.getProfile()).profile.dpo_name).toBe('');
      const other = await otherWriter(path, 400);
      await other.locked;
      const started = Date.now();
      const r = await ws.updateProfile({ dpo_name: 'Camille' });
      expect(r.changed).toEqual(['dpo_name']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      await other.done;
      expect((await ws.verifyAudit()).ok).toBe(true);
    } finally {
      await ws.close();
    }
  });

  it('when the other program keeps the lock past the busy timeout: "open in another window or program", and nothing changed', async () => {
    const path = await workspace();
    const ws = await Workspace.open(path, PASS, { actor: 'a' });
    try {
      ws.raw.pragma('busy_timeout = 150');
      const other = await otherWriter(path, 1500);
      await other.locked;
      const error = await ws.updateProfile({ dpo_name: 'Camille' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      const mapped = mapKnownError(error);
      expect(mapped?.code).toBe('workspace_busy');
      expect(mapped?.message).toMatch(/open in another window or program/);
      await other.done;
      expect((await ws.getProfile()).profile.dpo_name).toBe('');
      expect((await ws.changeLogStats()).entries).toBe(1);
    } finally {
      await ws.close();
    }
  });
});
