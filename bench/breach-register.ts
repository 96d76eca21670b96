/**
 * `npx tsx bench/breach-register.ts [--breaches 500] [--runs 3]`: the breach register (Word and
 * CSV) of a workspace with N breaches, built through the breaches service, timed in-process (the
 * export's own cost, without a worker's start-up), then one more Word export under the V8 profiler
 * to print how much of it goes to date and number formatting. Issue 11 item 5: a formatter made per
 * date cost seconds of this export; formatters are now cached (domain/intl-cache.ts).
 * Measured 2026-12-01 (2 shared cores, load ~9), 500 breaches: formatting 526 ms of the Word export
 * before the cache, 31 ms after.
 */
import { Session } from 'node:inspector/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BreachesService } from '../src-main/services/breaches';
import { Workspace } from '../src-main/services/workspace';

const { values } = parseArgs({ options: { breaches: { type: 'string', default: '500' }, runs: { type: 'string', default: '3' } } });
const N = Number(values.breaches);
const RUNS = Number(values.runs);
const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-breaches-'));
const ws = await Workspace.create(join(dir, 'b.vigie'), 'bench passphrase', { actor: 'bench' });
const now = () => new Date('2026-11-30T12:00:00Z');
const svc = new BreachesService(ws, { now });
const zones = ['Europe/Paris', 'America/Martinique', 'Indian/Reunion', 'Pacific/Noumea'];
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const day = 1 + (i % 28);
  const month = 1 + (i % 10);
  await svc.create({
    title: `Violation synthétique ${i}`,
    awareAt: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:15`,
    timeZone: zones[i % zones.length],
    nature: i % 3 ? ['confidentiality'] : ['availability', 'integrity'],
    peopleCount: 10 + i,
    consequences: 'Données exposées à un tiers non autorisé.',
    measuresTaken: 'Mot de passe réinitialisé, accès révoqué.',
  });
}
const built = performance.now() - t0;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const rows: Array<{ name: string; ms: number; bytes: number }> = [];
for (const format of ['docx', 'csv'] as const) {
  const times: number[] = [];
  let bytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    const out = await svc.register(format, 'fr');
    times.push(performance.now() - t);
    bytes = Buffer.from(out.contentBase64, 'base64').length;
  }
  rows.push({ name: `breach register ${format.toUpperCase()}, ${N} breaches (median of ${RUNS})`, ms: Math.round(median(times)), bytes });
}
/** Time inside the typography helpers (dates, times, offsets, numbers) during one Word export, from a CPU profile. */
async function formattingShare(): Promise<{ total: number; formatting: number }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const t = performance.now();
  await svc.register('docx', 'fr');
  const total = performance.now() - t;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples!.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)));
  const helpers = /^(formatInstantLong|formatInstant|formatDateLong|formatTime|utcOffset|dayParts|formatNumber|num)$/;
  let us = 0;
  for (const [id, t0] of self) {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (helpers.test(f.functionName) && /typography|cnil-draft/.test(f.url)) {
        us += t0;
        break;
      }
    }
  }
  return { total, formatting: us / 1000 };
}
const share = await formattingShare();

console.log(`built ${N} breaches in ${(built / 1000).toFixed(1)} s`);
console.log(`one Word export under the profiler: ${Math.round(share.total)} ms, of which date and number formatting ${Math.round(share.formatting)} ms`);
for (const r of rows) console.log(`${r.name.padEnd(55)} ${String(r.ms).padStart(6)} ms  ${r.bytes} bytes`);
await ws.close();
rmSync(dir, { recursive: true, force: true });
