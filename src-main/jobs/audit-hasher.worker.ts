/**
 * The second thread of a full `audit verify` job: checks batches of change-log entries against
 * their digests and hashes (db/audit-entry.ts checkEntries), and compares replayed rows with their
 * stored rows as text (db/audit-compare.ts sameAsStored), while the job's thread reads the
 * workspace and replays. Reads no file: everything comes from the job's snapshot.
 */
import { parentPort } from 'node:worker_threads';
import type * as TablesModule from '../db/tables';
import type { DomainTable } from '../db/tables';
import { applyText, newRow, sameAsStored, type TextCell, type TextRow } from '../db/audit-compare';
import { objectMembers } from '../db/log-format';
import { checkEntries, entrySpans, KEPT_BATCHES, unflatten, unpackEntries, type PackedEntries, type CheckedEntry, type Flat, type SentRow } from '../db/audit-entry';

const port = parentPort;
if (!port) throw new Error('jobs/audit-hasher.worker.ts runs only as a worker thread.');
// The table specs (derived columns, and the schemas their module loads) only for rows to compare,
// which a check sends only when asked to (audit-stream.ts limits.share).
let tables: Promise<typeof TablesModule> | undefined;
const kept: Array<Map<number, string>> = [];
const keptFields = (seq: number): string | undefined => {
  for (const k of kept) {
    const f = k.get(seq);
    if (f !== undefined) return f;
  }
  return undefined;
};
const known = new Map<string, { defaults: Map<string, unknown>; parsedDefaults: Record<string, unknown> }>();

type Message = { id: number; entries: Flat } | { id: number; packed: PackedEntries } | { id: number; table: string; defaults?: Array<[string, unknown]>; parsedDefaults?: Record<string, unknown>; stored: Flat; rows: SentRow[] };

async function answer(m: Message): Promise<unknown> {
  if ('entries' in m || 'packed' in m) {
    const entries = ('packed' in m ? unpackEntries(m.packed) : unflatten<CheckedEntry>(m.entries)) as Array<CheckedEntry & { seq?: number }>;
    // Kept for the rows of one entry the job's thread sends by seq (audit-hasher.ts holds).
    const fields = new Map<number, string>();
    for (const e of entries) if (typeof e.seq === 'number') fields.set(e.seq, e.fields);
    kept.push(fields);
    if (kept.length > KEPT_BATCHES) kept.shift();
    // The members found for the rows' comparison are the cells the checks read (no second scan).
    const spans = entrySpans(entries);
    return { results: checkEntries(entries, spans), spans };
  }
  if (m.defaults && m.parsedDefaults) known.set(m.table, { defaults: new Map(m.defaults), parsedDefaults: m.parsedDefaults });
  const spec = (await (tables ??= import('../db/tables'))).TABLES[m.table as DomainTable];
  const t = known.get(m.table);
  if (!spec || !t) throw new Error(`audit hasher: unknown table ${m.table}`);
  const notSame: number[] = [];
  const storedRows = unflatten<Record<string, unknown>>(m.stored);
  for (let i = 0; i < m.rows.length; i++) {
    const [, flat, createdAt, updatedAt, hlc, entry] = m.rows[i]!;
    const stored = storedRows[i]!;
    let row: TextRow & { plain?: boolean };
    if (entry) {
      // A row of one entry, replayed here as the job's thread would (audit-stream.ts materialize):
      // anything but canonical root cells is left to it.
      const text = entry.fields ?? (entry.seq !== undefined ? keptFields(entry.seq) : undefined);
      const cells = text === undefined ? null : objectMembers(text);
      const r = newRow();
      if (!cells || !applyText(r, entry, cells)) {
        notSame.push(i);
        continue;
      }
      row = r;
    } else {
      const cells = new Map<string, TextCell>();
      for (let j = 0; j < flat!.length; j += 2) cells.set(flat![j]!, { text: flat![j + 1], value: undefined });
      row = { cells, ...(createdAt !== null ? { createdAt } : {}), updatedAt, hlc };
    }
    if (row.plain === false || !sameAsStored(spec, stored, row, t.defaults, t.parsedDefaults)) notSame.push(i);
  }
  return notSame;
}

port.on('message', (m: Message) => {
  answer(m).then(
    (r) => {
      // An entries' answer: its checks, and its spans (typed arrays: moved, not copied).
      if (r && typeof r === 'object' && 'spans' in r) {
        const { results, spans } = r as { results: unknown; spans: { at: Int32Array; data: Int32Array } };
        port.postMessage({ id: m.id, results, spans }, [spans.at.buffer, spans.data.buffer] as ArrayBuffer[]);
      } else port.postMessage({ id: m.id, results: r });
    },
    (e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
