/**
 * Issue 11: memory stays flat over a long bulk write. Before the write path cached its statements,
 * every write prepared fresh statements whose native memory was only released when the event loop
 * turned — building a 100,000-case workspace in one process reached 7.6 GB. Here one transaction
 * writes 20,000 rows with their log entries (plus a case's path: reference counter, derived index)
 * and the resident memory between the first 4,000 and the last row must not grow by more than a
 * generous bound: a per-row leak of 7 KB would exceed it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../services/workspace';

const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'vigie-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the write path over a long bulk transaction', () => {
  it('keeps resident memory flat over 20,000 validated, logged writes in one transaction', async () => {
    const ws = await Workspace.create(join(dir, 'w.vigie'), 'correct horse battery', { actor: 'bench' });
    try {
      const samples: number[] = [];
      await ws.mutate(async (w) => {
        for (let i = 0; i < 20_000; i++) {
          await w.write({
            op: 'insert',
            table: 'activities',
            values: {
              reference: w.reference('T', 2026),
              name: `Traitement ${i}`,
              role: i % 5 === 0 ? 'processor' : 'controller',
              status: 'active',
              owner: `Service ${i % 17}`,
              review_date: '2027-06-30',
              details: { purposes: [{ description: `Finalité ${i}`, legalBasis: 'contract' }], dataSubjects: ['customers'] },
            },
          });
          if (i === 4_000 || i === 19_999) samples.push(process.memoryUsage().rss / MB);
        }
      });
      const count = (ws.raw.prepare('SELECT count(*) AS n FROM change_log WHERE table_name = ?').get('activities') as { n: number }).n;
      expect(count).toBe(20_000);
      const [afterFirst, atEnd] = samples as [number, number];
      // 16,000 rows: ≤ 100 MB of growth (the page cache alone may take 32 MB; a 7 KB-per-row leak is 110 MB).
      expect(atEnd - afterFirst).toBeLessThan(100);
    } finally {
      await ws.close();
    }
  }, 180_000);
});
