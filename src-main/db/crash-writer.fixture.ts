/**
 * The writer child of the kill -9 harness (crash-harness.test.ts): opens the workspace, writes
 * through the one write path in a loop and acknowledges each committed transaction on stdout, one
 * line per effect, until its parent kills it. stdout is a pipe, which Node writes synchronously on
 * POSIX, so a line the parent read was written after its transaction committed.
 */
import { Workspace } from '../services/workspace';

const path = process.env.VIGIE_CRASH_WORKSPACE;
const passphrase = process.env.VIGIE_CRASH_PASSPHRASE;
const run = process.env.VIGIE_CRASH_RUN ?? '0';
if (!path || !passphrase) throw new Error('VIGIE_CRASH_WORKSPACE and VIGIE_CRASH_PASSPHRASE are required');

const ack = (line: string) => process.stdout.write(`${line}\n`);
const activity = (reference: string) => ({ reference, name: `Traitement ${reference}`, role: 'controller', status: 'draft', owner: `Owner ${reference}`, review_date: null, details: { purposes: [{ description: reference, legalBasis: 'contract' }] } });

const ws = await Workspace.open(path, passphrase, { actor: 'crash writer' });
if (process.env.VIGIE_CRASH_CHECK === '1') {
  // The first thing after a crash: what the next open finds. The parent compares it with the
  // writes it saw acknowledged before the kill.
  const integrity = ws.raw.pragma('integrity_check', { simple: true });
  const audit = await ws.verifyAudit();
  const rows = ws.raw.prepare('SELECT id, status, owner, deleted_at FROM activities').all();
  ack(`check ${JSON.stringify({ integrity, audit: { ok: audit.ok, entries: audit.entries, firstBroken: audit.firstBroken }, rows })}`);
}
ack('ready');
// Bounded, so a parent that never kills still ends.
for (let i = 0; i < 400; i++) {
  const ref = `K-${run}-${i}`;
  if (i % 5 === 2) {
    // Two rows in one transaction: both or neither.
    const [a, b] = await ws.mutate(async (w) => [await w.write({ op: 'insert', table: 'activities', values: activity(`${ref}a`) }), await w.write({ op: 'insert', table: 'activities', values: activity(`${ref}b`) })]);
    ack(`ins ${a!.id}`);
    ack(`ins ${b!.id}`);
    continue;
  }
  const { id } = await ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity(ref) }));
  ack(`ins ${id}`);
  await ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { status: 'active', owner: `Owner ${ref} bis` } }));
  ack(`upd ${id}`);
  if (i % 3 === 0) {
    // A purge rewrites earlier entries of the row: the riskiest write to interrupt.
    await ws.mutate((w) => w.write({ op: 'purge', table: 'activities', id, values: { owner: '' }, reason: 'crash harness erasure' }));
    ack(`pur ${id}`);
  }
  if (i % 4 === 1) {
    await ws.mutate((w) => w.write({ op: 'delete', table: 'activities', id }));
    ack(`del ${id}`);
  }
}
await ws.close();
ack('done');
