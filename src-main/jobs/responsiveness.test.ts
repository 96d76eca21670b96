/**
 * Heavy work runs off the main thread (issue 11 item 5): while a large export (or a backup) runs,
 * the API still answers. `app.ping` is sent every 20 ms during the export and timed around the router call, and
 * also from the moment it fell due (so a busy event loop counts, not only the router's own time).
 * The same measurement around the same export run in-process proves the test sees a block: there
 * the event loop is held for the whole export and a single ping gets through, late by most of its time.
 *
 * The bound is < 50 ms. It is asserted for 95 % of the pings, and no ping may wait a second: the
 * test machines are shared (2 cores, load average ~9), and the OS preempts any thread now and
 * then for tens of milliseconds, whatever the code does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../api/handlers';
import { createRouter } from '../api/router';
import { PrefsStore } from '../services/prefs';
import { RegisterService } from '../services/register';
import { registerExport } from '../services/reports';
import { Session } from '../services/session';

// Enough for the export to take a second or more in the worker (it got ~10× faster in issue 11: 250 activities took 0.2 s).
const ACTIVITIES = 2000;
const PING_EVERY_MS = 20;

let session: Session;
let dispatch: ReturnType<typeof createRouter>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-responsive-'));
  session = new Session({ kind: 'web', version: 'test', defaultDirectory: dir, actor: 'test', resolveWorkspacePath: (p) => join(dir, p) }, new PrefsStore(dir));
  dispatch = createRouter(createHandlers(session));
  expect(await dispatch('workspace.create', { path: 'big.vigie', passphrase: 'responsive passphrase' })).toMatchObject({ ok: true });
  // Through the service layer, in one transaction (the import's bulk path).
  const ws = session.workspace;
  const register = new RegisterService(ws);
  await ws.mutate(async (w) => {
    const used = await register.usedReferences(w);
    for (let i = 1; i <= ACTIVITIES; i++) {
      await register.insertWith(
        w,
        {
          name: `Traitement ${i}`,
          owner: `Service ${i % 17}`,
          status: 'active',
          purposes: [{ description: `Finalité ${i}`, legalBasis: i % 2 ? 'contract' : 'legal-obligation' }],
          dataSubjects: ['employees'],
          recipients: [{ name: `Destinataire ${i % 7}`, type: 'internal-service' }],
        },
        'test data',
        used,
      );
    }
  });
  // Start the job worker once: from source, a new worker compiles the services through tsx (seconds
  // of CPU on a shared 2-core machine); the measurements below are of exports in the running worker.
  expect(await dispatch('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
}, 120_000);

afterAll(async () => {
  await session?.close();
});

interface Pings {
  /** Each ping's time inside the router call (dispatch → answer). */
  call: number[];
  /** Each ping's delay from when it fell due to its answer (includes any wait for a busy event loop). */
  late: number[];
}
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

function expectResponsive(p: Pings): void {
  expect(quantile(p.call, 0.95)).toBeLessThan(50);
  expect(quantile(p.late, 0.5)).toBeLessThan(50);
  expect(Math.max(...p.late)).toBeLessThan(1000);
}

/** Pings every PING_EVERY_MS until `work` settles. */
async function pingsDuring<T>(work: () => Promise<T>): Promise<{ result: T } & Pings> {
  const pings: Pings = { call: [], late: [] };
  let done = false;
  const pinger = (async () => {
    while (!done) {
      const due = performance.now() + PING_EVERY_MS;
      await new Promise((r) => setTimeout(r, PING_EVERY_MS));
      // A ping that fell due during the work is answered and measured even if the work just ended.
      const t0 = performance.now();
      const r = await dispatch('app.ping', {});
      const t1 = performance.now();
      expect(r).toEqual({ ok: true, value: { pong: true } });
      pings.call.push(t1 - t0);
      pings.late.push(t1 - due);
    }
  })();
  try {
    // Let the pinger start before the work does.
    await new Promise((r) => setTimeout(r, 0));
    const result = await work();
    return { result, ...pings };
  } finally {
    done = true;
    await pinger;
    if (process.env.VIGIE_PING_LOG) console.log(JSON.stringify({ n: pings.call.length, callMax: Math.max(...pings.call), lateP50: quantile(pings.late, 0.5), lateP90: quantile(pings.late, 0.9), lateMax: Math.max(...pings.late) }));
  }
}

describe('the API stays responsive while heavy work runs', () => {
  it(`answers app.ping in < 50 ms throughout a Word export of ${ACTIVITIES} activities (run in a worker thread)`, async () => {
    let sawJob = false;
    const { result, call, late } = await pingsDuring(async () => {
      const pending = dispatch('reports.register', { format: 'docx', lang: 'fr' });
      // The export is a running job while the pings are answered.
      await new Promise((r) => setTimeout(r, 5));
      const jobs = await dispatch('jobs.list', {});
      sawJob = jobs.ok && (jobs.value as { items: Array<{ name: string }> }).items.some((j) => j.name === 'export');
      return pending;
    });
    expect(sawJob).toBe(true);
    expect(result).toMatchObject({ ok: true });
    const file = (result as { ok: true; value: { contentBase64: string } }).value;
    const xml = strFromU8(unzipSync(new Uint8Array(Buffer.from(file.contentBase64, 'base64')))['word/document.xml']!);
    expect(xml).toContain(`Traitement ${ACTIVITIES}`);
    // Enough pings to mean something (the export takes seconds).
    expect(call.length).toBeGreaterThanOrEqual(20);
    expectResponsive({ call, late });
  }, 120_000);

  it('the same measurement sees the main thread blocked when the export runs in-process (the test can fail)', async () => {
    const t0 = performance.now();
    const { call, late } = await pingsDuring(() => registerExport(session.workspace, 'docx', 'fr'));
    const elapsed = performance.now() - t0;
    // Held for the whole export: at most a ping or two get through, late by most of the export's time
    // (relative, so a faster export still proves the test sees a block — and never under 200 ms, four times the bound).
    expect(call.length).toBeLessThan(5);
    expect(Math.max(...late)).toBeGreaterThan(Math.max(200, 0.5 * elapsed));
  }, 120_000);

  it('answers app.ping in < 50 ms while Back up now copies, checks and hashes the workspace (the backup job); made in-process, the same backup holds the pings', async () => {
    const { result, call, late } = await pingsDuring(() => dispatch('backups.create', {}));
    expect(result).toMatchObject({ ok: true, value: { kind: 'manual', verified: true } });
    // A backup takes less than an export: fewer pings, each still answered in time.
    expect(call.length).toBeGreaterThanOrEqual(5);
    expectResponsive({ call, late });
    const t0 = performance.now();
    const inProcess = await pingsDuring(async () => session.workspace.backupNow('manual'));
    const elapsed = performance.now() - t0;
    expect(inProcess.result).toMatchObject({ kind: 'manual', verified: true });
    expect(inProcess.call.length).toBeLessThan(5);
    expect(Math.max(...inProcess.late)).toBeGreaterThan(0.5 * elapsed);
  }, 120_000);

  it('answers app.ping in < 50 ms while audit verify and a CNIL pack run', async () => {
    const { result, call, late } = await pingsDuring(() => Promise.all([dispatch('audit.verify', {}), dispatch('reports.cnilPack', { parts: ['register', 'changelog'] })]));
    expect(result[0]).toMatchObject({ ok: true, value: { ok: true, entries: ACTIVITIES + 1 } });
    expect(result[1]).toMatchObject({ ok: true });
    expect(call.length).toBeGreaterThanOrEqual(20);
    expectResponsive({ call, late });
  }, 120_000);
});
