// Times `audit verify` (full) on a workspace copy: npx tsx bench/verify-only.ts FILE (passphrase from VIGIE_BENCH_PASSPHRASE).
import { openReader } from '../src-main/db/open-reader';
import { verifyAudit } from '../src-main/db/audit';

const file = process.argv[2]!;
const r = openReader(file, process.env.VIGIE_BENCH_PASSPHRASE ?? 'bench-pass', { snapshot: true });
if (process.env.CACHE) r.raw.pragma(`cache_size = -${process.env.CACHE}`);
const rss0 = process.memoryUsage().rss / 2 ** 20;
const t0 = performance.now();
const c0 = process.cpuUsage();
const rep = await verifyAudit(r.db);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const rss1 = process.memoryUsage().rss / 2 ** 20;
console.log(JSON.stringify({ ok: rep.ok, entries: rep.entries, broken: rep.firstBroken, ms: Math.round(ms), rate: Math.round(rep.entries / (ms / 1000)), cpuMs: Math.round(cpuMs), cpuRate: Math.round(rep.entries / (cpuMs / 1000)), rss: `${rss0.toFixed(0)} -> ${rss1.toFixed(0)} MB` }));
r.close();
