/**
 * `npx tsx bench/export-jobs.ts [--activities 1000]`: the register's Word export (issue 11's row
 * "register Word export, 1,000 activities ≤ 3 s, main process never blocked"), built through the
 * register service in one transaction, then exported three ways: in-process (as before the jobs),
 * as a job in a new worker (the first of a session), and as a job in the warm worker. For each:
 * the time, and the longest the main thread's event loop was held meanwhile (a 10 ms
 * timer's lateness) — what a window's API call would have waited at worst.
 *
 * Run from source, a new worker also compiles the TypeScript modules through tsx: the Electron
 * build's bundled worker starts faster than the "new worker" row shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { JobRunner } from '../src-main/jobs/runner';
import { RegisterService } from '../src-main/services/register';
import { registerExport } from '../src-main/services/reports';
import { Workspace } from '../src-main/services/workspace';

const { values } = parseArgs({ options: { activities: { type: 'string', default: '1000' } } });
const N = Number(values.activities);
const PASS = 'bench passphrase';
const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-jobs-'));
const ws = await Workspace.create(join(dir, 'r.vigie'), PASS, { actor: 'bench' });
const register = new RegisterService(ws);
const t0 = performance.now();
await ws.mutate(async (w) => {
  const used = await register.usedReferences(w);
  for (let i = 1; i <= N; i++) {
    await register.insertWith(
      w,
      {
        name: `Traitement synthétique ${i}`,
        owner: `Service ${i % 17}`,
        status: 'active',
        purposes: [{ description: `Finalité ${i}`, legalBasis: i % 2 ? 'contract' : 'legal-obligation' }],
        dataSubjects: ['employees', 'customers'],
        recipients: [{ name: `Destinataire ${i % 7}`, type: 'internal-service' }],
      },
      'bench',
      used,
    );
  }
});
const built = performance.now() - t0;

/** Runs `work` while a 10 ms timer measures how late each of its ticks comes (the event loop held). */
async function measure(name: string, work: () => Promise<{ bytes: Uint8Array }>) {
  let held = 0;
  let due = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    held = Math.max(held, now - due);
    due = now + 10;
  }, 10);
  const t = performance.now();
  const r = await work();
  const ms = performance.now() - t;
  // Let a tick that fell due during the work run and count.
  await new Promise((res) => setTimeout(res, 15));
  clearInterval(timer);
  return { name, ms: Math.round(ms), heldMs: Math.round(held), bytes: r.bytes.length };
}

const runner = new JobRunner(() => ({ workspace: { path: ws.path, actor: ws.actor, deviceId: ws.deviceId, workspaceId: ws.workspaceId, sealCheck: ws.sealCheck }, passphrase: PASS }));
const job = () => runner.run('export', { kind: 'register', format: 'docx', lang: 'fr' });
const rows = [
  await measure('in-process (main thread)', () => registerExport(ws, 'docx', 'fr')),
  await measure('job, new worker', job),
  await measure('job, warm worker', job),
];
console.log(`${N} activities built in ${(built / 1000).toFixed(1)} s; register Word export (target ≤ 3000 ms, main thread never held):`);
for (const r of rows) console.log(`  ${r.name.padEnd(28)} ${String(r.ms).padStart(7)} ms   event loop held at most ${String(r.heldMs).padStart(6)} ms   ${r.bytes} bytes`);
await runner.cancelAll();
await ws.close();
rmSync(dir, { recursive: true, force: true });
