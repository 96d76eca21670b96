/**
 * Found while building sync (issue 10 Part 2): an edit the deleter had not seen must be flagged
 * "edited while deleted" on EVERY replica. When the edit's stamp is later than the delete's (the
 * colleague edited after the deletion, without having received it), the replica that held the edit
 * first and then received the delete did not flag it (the query looked only at edits stamped before
 * the delete), so the two review lists differed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deliver, founder, joiner, type Replica } from './test-fixtures/replicas';

const open: Replica[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.ws.close().catch(() => undefined);
});
const activity = { reference: 'T-001', name: 'Recrutement', role: 'controller', status: 'draft', owner: 'RH', review_date: null, details: { purposes: ['hiring'], notes: '' } };

describe('edited while deleted, edit stamped after the delete', () => {
  it('is flagged on both replicas', async () => {
    const a = await founder('A');
    const b = await joiner(a, 'B');
    open.push(a, b);
    const { id } = await a.ws.mutate((w) => w.write({ op: 'insert', table: 'activities', values: activity }));
    await deliver(a, b);
    await a.ws.mutate((w) => w.write({ op: 'delete', table: 'activities', id }));
    await new Promise((r) => setTimeout(r, 5));
    await b.ws.mutate((w) => w.write({ op: 'update', table: 'activities', id, values: { owner: 'Bruno' } }));
    await deliver(b, a);
    await deliver(a, b);
    for (const r of [a, b]) {
      const kinds = (r.ws.raw.prepare('SELECT kind FROM sync_conflicts').all() as Array<{ kind: string }>).map((c) => c.kind);
      expect(kinds, r.name).toContain('edited-while-deleted');
      expect(r.ws.raw.prepare('SELECT deleted_at IS NOT NULL FROM activities WHERE id = ?').pluck().get(id), r.name).toBe(1);
    }
  });
});
