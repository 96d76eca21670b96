/**
 * `npm run bench`: builds a synthetic workspace and prints, in one run, the validated write path's
 * throughput next to raw better-sqlite3 inserts of the same rows (same cipher, one transaction),
 * as a ratio. Later issues add rows to this table. Speed targets live here, never in unit tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Document, Packer, PageBreak, Paragraph } from 'docx';
import { verifyPack } from '../src-main/export/manifest';
import { computeDsarDeadlines } from '../src-main/domain/dsar-deadlines';
import { RegisterService } from '../src-main/services/register';
import { annualReport, cnilPack } from '../src-main/services/reports';
import { RequestsService } from '../src-main/services/requests';
import { commitImport } from '../src-main/services/register-import';
import { Workspace } from '../src-main/services/workspace';
import { activitiesDdl, rawActivityInserts } from './raw-baseline';
import { runScale } from './scale';
import { seedDemoWorkspace } from '../src-main/services/demo';
import { entriesOf, versionVector } from '../src-main/db/remote';
import { sealBundle } from '../src-main/sync/bundle';
import { deviceKeys, writeSnapshot, memberRecords } from '../src-main/sync/engine';
import { SyncService } from '../src-main/services/sync';
import { writeBundleFile } from '../src-main/sync/folder';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '2000' }, remote: { type: 'string', default: '10000' }, scale: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } } });
if (values.scale !== undefined) {
  // `npm run bench -- --scale 100000 [--out FILE] [--json]`: the synthetic workspace of issue 11 and its table.
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 100) throw new Error(`--scale is the number of rights requests, a whole number of at least 100 (got ${values.scale}).`);
  await runScale({ scale, out: values.out, json: values.json });
  process.exit(0);
}
const N = Number(values.rows);
/** Remote entries applied in the sync rows (issue 10 targets 100,000 in ≤ 5 s: `npm run bench -- --remote 100000`). */
const R = Number(values.remote);
const PASS = 'bench passphrase';
const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));

function activity(i: number) {
  return {
    reference: `B-${String(i).padStart(5, '0')}`,
    name: `Traitement synthétique ${i}`,
    role: i % 5 === 0 ? 'processor' : 'controller',
    status: 'active',
    owner: `Service ${i % 17}`,
    review_date: '2027-06-30',
    details: {
      purposes: [{ description: `Finalité ${i}`, legalBasis: i % 2 ? 'contract' : 'legitimate-interests', legitimateInterest: 'Prospection B2B' }],
      dataSubjects: ['customers'],
      dataCategories: [{ id: 'c1', label: 'Identité', family: null, special: null, retention: { activePeriod: { value: 3, unit: 'years' }, activeTrigger: 'fin de la relation', finalFate: 'deletion' } }],
    },
  };
}

type Row = { label: string; seconds: number; count: number; baseline?: number };
const rows: Row[] = [];
const time = async (label: string, count: number, fn: () => Promise<void> | void, baseline?: number): Promise<number> => {
  const t0 = performance.now();
  await fn();
  const seconds = (performance.now() - t0) / 1000;
  rows.push({ label, seconds, count, baseline });
  return seconds;
};

try {
  // Raw better-sqlite3, same cipher and pragmas, same rows into the same table (the workspace's own
  // activities table and indexes), one transaction; and into a bare table keyed by id alone.
  const ws = await Workspace.create(join(dir, 'bench.vigie'), PASS, { actor: 'bench' });
  const ddl = activitiesDdl(ws.raw);
  const rawSeconds = rawActivityInserts(join(dir, 'raw.vigie'), PASS, N, activity, ddl);
  rows.push({ label: 'raw better-sqlite3 inserts, same table (1 transaction)', seconds: rawSeconds, count: N });
  rows.push({ label: 'raw better-sqlite3 inserts, bare table keyed by id (1 transaction)', seconds: rawActivityInserts(join(dir, 'raw-bare.vigie'), PASS, N, activity), count: N });

  await time('write path inserts: zod + row + change log + hash chain (1 transaction)', N, () =>
    ws.mutate(async (w) => {
      for (let i = 0; i < N; i++) await w.write({ op: 'insert', table: 'activities', values: activity(i) });
    }),
    rawSeconds,
  );
  await time('audit verify (chain + replay of every row)', N + 1, async () => {
    const r = await ws.verifyAudit();
    if (!r.ok) throw new Error('audit failed in bench');
  });
  await time('register.list with completeness of every activity', N, async () => {
    await new RegisterService(ws).list();
  });
  await time('register as Word document (every record sheet)', N, async () => {
    await new RegisterService(ws).exportDocx('fr');
  });
  const csvRows = Math.min(N, 1000);
  const csv = ['Nom du traitement;Finalité principale;Base légale;Catégories de personnes concernées;Catégories de données;Durée de conservation;Transferts hors UE;Mesures de sécurité']
    .concat(Array.from({ length: csvRows }, (_, i) => `Import ${i};Finalité ${i};Contrat;Clients;"Identité\nCoordonnées";3 ans;Non;Chiffrement des données; Journalisation`))
    .join('\n');
  await time('register import of a CNIL-style CSV (parse, validate, write)', csvRows, async () => {
    const r = await commitImport(ws, { fileName: 'bench.csv', bytes: new TextEncoder().encode(csv) });
    if (r.imported !== csvRows) throw new Error(`bench import: ${JSON.stringify(r.errors.slice(0, 3))}`);
  });
  const requests = new RequestsService(ws);
  const cases = Math.min(N, 2000);
  await time('rights requests created one by one (validation, reference, write path)', cases, async () => {
    for (let i = 0; i < cases; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      const month = String((i % 10) + 1).padStart(2, '0');
      await requests.create({ requester: { name: `Personne ${i}` }, rights: i % 3 ? ['access'] : ['erasure', 'objection'], objectionGround: 'marketing', channel: 'email', receivedOn: `2026-${month}-${day}` });
    }
  });
  await time('requests.list: deadlines and status of every case (FR calendar)', cases, async () => {
    await requests.list({});
  });
  await time('requests.summary (dashboard)', cases, async () => {
    await requests.summary();
  });
  // Reports (issue 9): the annual report and the CNIL pack on this workspace, next to the docx
  // library packing an empty document of the report's page count (our overhead as a ratio).
  const reportPages = 12;
  const emptyDocSeconds = await time(`docx library: empty document of ${reportPages} pages (baseline)`, 1, async () => {
    await Packer.toBuffer(new Document({ sections: [{ children: Array.from({ length: reportPages }, () => new Paragraph({ children: [new PageBreak()] })) }] }));
  });
  await time('annual report: figures, 10 charts (Vega-Lite → resvg), Word with TOC', cases, async () => {
    await annualReport(ws, { lang: 'fr' });
  }, emptyDocSeconds);
  await time('CNIL pack: every part, sealed (manifest.json + contenu.txt)', cases, async () => {
    const r = await cnilPack(ws);
    if (!verifyPack(r.bytes).ok) throw new Error('bench: the pack does not verify');
  }, emptyDocSeconds);
  await ws.close();
  await time('open workspace (key derivation + migration check)', 1, async () => {
    await (await Workspace.open(join(dir, 'bench.vigie'), PASS, { actor: 'bench' })).close();
  });
  await time('DSAR deadlines, FR calendar, with explanations', 10_000, () => {
    for (let i = 0; i < 10_000; i++) {
      const d = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      computeDsarDeadlines({ received: d, jurisdiction: 'FR' });
    }
  });

  // Sync (issue 10): applying a colleague's entries, sealing a bundle, a snapshot of the demo workspace.
  const rawRemoteSeconds = rawActivityInserts(join(dir, 'raw-remote.vigie'), PASS, R, activity, ddl);
  rows.push({ label: `raw better-sqlite3 inserts of ${R} rows (baseline of sync rows)`, seconds: rawRemoteSeconds, count: R });
  const src = await Workspace.create(join(dir, 'sync-src.vigie'), PASS, { actor: 'bench' });
  const chunk = 5000;
  for (let from = 0; from < R; from += chunk) {
    await src.mutate(async (w) => {
      for (let i = from; i < Math.min(R, from + chunk); i++) await w.write({ op: 'insert', table: 'activities', values: activity(i) });
    });
  }
  const remote = entriesOf(src.raw, src.deviceId, 0);
  // As the app applies a large bundle (checked whole, then in parts of ~25 ms: the window answers), and in one transaction.
  for (const [how, part] of [['checked whole, applied in parts', undefined], ['1 transaction', 1_000_000_000]] as const) {
    const dst = await Workspace.createJoined(join(dir, `sync-dst-${part ?? 'parts'}.vigie`), PASS, src.workspaceId, { actor: 'bench' });
    await time(`sync: applyRemote of ${remote.length} remote entries (${how})`, remote.length, async () => {
      const r = await dst.applyRemote(remote, { sender: { device: src.deviceId, vector: versionVector(src.raw) }, ...(part ? { part } : {}) });
      if (r.applied !== remote.length) throw new Error(`bench applyRemote: ${JSON.stringify({ ...r, touched: r.touched.length })}`);
    }, rawRemoteSeconds);
    await dst.close();
  }
  const keys = await deviceKeys(src);
  const bundleEntries = remote.slice(0, 10_000);
  const folder = mkdtempSync(join(dir, 'folder-'));
  await time(`sync: bundle of ${bundleEntries.length} entries (JSON, Ed25519, age, written)`, bundleEntries.length, async () => {
    const sealed = await sealBundle({ format: 1, schemaVersion: Math.max(1, src.schemaVersion), workspaceId: src.workspaceId, device: src.deviceId, epoch: 1, seq: 1, vector: versionVector(src.raw), entries: bundleEntries }, keys, [keys.ageRecipient]);
    writeBundleFile(folder, src.workspaceId, { device: src.deviceId, epoch: 1, seq: 1 }, sealed);
  });
  await src.close();
  const demo = await Workspace.create(join(dir, 'sync-demo.vigie'), PASS, { actor: 'bench' });
  await seedDemoWorkspace(demo);
  const demoFolder = mkdtempSync(join(dir, 'demo-folder-'));
  const svc = new SyncService(demo);
  await svc.setFolder(demoFolder);
  await svc.syncNow(); // founding member, keys, first bundles and snapshot
  const demoEntries = Number(demo.raw.prepare('SELECT COUNT(*) FROM change_log').pluck().get());
  await time(`sync: snapshot of the demo workspace (${demoEntries} entries + files)`, demoEntries, async () => {
    await writeSnapshot(demo, demoFolder, await deviceKeys(demo), memberRecords(demo), new Date());
  });
  await demo.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (values.json) {
  // `--json`: the rows in the scale run's shape ({ rows: [{ name, target, measured, unit, ok }] }); the
  // quick run has no targets (null), only times, with the count and the ratio to its raw baseline.
  const out = rows.map((r) => ({ name: r.label, target: null, measured: r.seconds, unit: 's', ok: null, count: r.count, perSecond: r.count / r.seconds, ...(r.baseline ? { slowerThanRaw: r.seconds / r.baseline } : {}) }));
  console.log(JSON.stringify({ rows: out }, null, 2));
  process.exit(0);
}
const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\nVigie benchmark — ${N} synthetic activities, Node ${process.version}\n`);
console.log(`${pad('operation', 76)} ${pad('count', 7)} ${pad('seconds', 9)} ${pad('per second', 12)} ratio to raw`);
for (const r of rows) {
  const ratio = r.baseline ? `${(r.seconds / r.baseline).toFixed(1)}× slower` : '';
  console.log(`${pad(r.label, 76)} ${pad(String(r.count), 7)} ${pad(r.seconds.toFixed(3), 9)} ${pad(Math.round(r.count / r.seconds).toLocaleString('en'), 12)} ${ratio}`);
}
