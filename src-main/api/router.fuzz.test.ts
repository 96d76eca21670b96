import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors';
import { PrefsStore } from '../services/prefs';
import { Session } from '../services/session';
import { METHODS, type Method } from './contract';
import { createHandlers } from './handlers';
import { createRouter, type Dispatch } from './router';

/**
 * Router fuzz (issue 12, item 9): thousands of payloads across every contract method, from random
 * JSON and from mutations of valid inputs taken from the demo workspace. Every answer must be a
 * result envelope (never a throw, never a value outside the contract), and an input the router or a
 * service rejects must change nothing in the workspace.
 */
const RUNS = Number(process.env.VIGIE_FUZZ_RUNS ?? 2_400);

let session: Session;
let dispatch: Dispatch;
const internalErrors: string[] = [];
const samples: [Method, Record<string, unknown>][] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-fuzz-'));
  let allowPath = true;
  session = new Session(
    {
      kind: 'web',
      version: 'fuzz',
      defaultDirectory: dir,
      actor: 'fuzz',
      // After set-up no payload may open, create or replace a workspace file: the fuzz works on one.
      resolveWorkspacePath: (p) => {
        if (!allowPath) throw new DomainError('invalid_path', 'The fuzz session opens no other workspace.');
        return join(dir, p);
      },
    },
    new PrefsStore(dir),
  );
  dispatch = createRouter(createHandlers(session), { log: (m) => internalErrors.push(m) });
  const created = await dispatch('workspace.create', { path: 'fuzz.vigie', passphrase: 'fuzz passphrase', demo: true });
  expect(created).toMatchObject({ ok: true });
  allowPath = false;

  // Valid inputs, from the demo workspace's own records.
  const value = async <T,>(method: Method, input: unknown): Promise<T> => {
    const r = await dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  const activityId = (await value<{ items: { id: string }[] }>('register.list', {})).items[0]!.id;
  const requestId = (await value<{ items: { id: string }[] }>('requests.list', {})).items[0]!.id;
  const breachId = (await value<{ items: { id: string }[] }>('breaches.list', {})).items[0]!.id;
  const vendorId = (await value<{ items: { id: string }[] }>('vendors.list', {})).items[0]!.id;
  const activity = (await value<{ activity: Record<string, unknown> }>('register.get', { id: activityId })).activity;
  const dsar = (await value<{ case: Record<string, unknown> }>('requests.get', { id: requestId })).case;
  const { reference: _ref, ...breach } = (await value<{ breach: Record<string, unknown> }>('breaches.get', { id: breachId })).breach;
  const vendor = (await value<{ vendor: Record<string, unknown> }>('vendors.get', { id: vendorId })).vendor;
  const pdf = Buffer.from('%PDF-1.4 fuzz').toString('base64');
  const csv = Buffer.from('Nom du traitement;Finalité\nPaie;Verser les salaires\n').toString('base64');
  const byMethod: Partial<Record<Method, Record<string, unknown>>> = {
    'workspace.create': { path: 'other.vigie', passphrase: 'another passphrase' },
    'workspace.open': { path: 'fuzz.vigie', passphrase: 'fuzz passphrase' },
    'workspace.forget': { path: 'nothing.vigie' },
    'workspace.pickFile': { mode: 'open' },
    'profile.update': { values: { dpo_name: 'Camille Martin', headcount: 120 } },
    'trash.restore': { table: 'activities', id: activityId },
    'history.list': { table: 'activities', limit: 20 },
    'register.get': { id: activityId },
    'register.check': { activity },
    'register.create': { activity: { ...activity, reference: '' } },
    'register.update': { id: activityId, activity },
    'register.delete': { id: activityId, reason: 'fuzz' },
    'register.importPreview': { fileName: 'registre.csv', contentBase64: csv },
    'register.importCommit': { fileName: 'registre.csv', contentBase64: csv, skipInvalid: true },
    'tools.deadlines': { received: '2026-03-05', jurisdiction: 'FR-57', lang: 'fr' },
    'tools.breachClock': { aware: '2026-06-10T14:15', tz: 'Europe/Paris', hours: 72 },
    'tools.severity': { dpc: 3, ei: 0.75, confidentiality: 0.5, integrity: 0, availability: 0, malicious: true },
    'tools.transferCheck': { country: 'US', dpfCertified: true },
    'breaches.get': { id: breachId },
    'breaches.create': { breach },
    'breaches.update': { id: breachId, breach },
    'breaches.delete': { id: breachId },
    'breaches.draft': { id: breachId, lang: 'fr' },
    'breaches.addFile': { id: breachId, fileName: 'journal.txt', contentBase64: pdf, note: 'fuzz' },
    'breaches.file': { id: breachId },
    'breaches.removeFile': { id: breachId },
    'requests.get': { id: requestId, lang: 'en' },
    'requests.create': { case: dsar },
    'requests.update': { id: requestId, case: dsar },
    'requests.delete': { id: requestId, reason: 'fuzz' },
    'requests.addEvent': { id: requestId, occurredOn: '2026-03-06', kind: 'note', direction: 'internal', summary: 'fuzz' },
    'requests.attachment': { id: requestId },
    'vendors.get': { id: vendorId },
    'vendors.check': { vendor },
    'vendors.create': { vendor: { ...vendor, name: 'Fuzz vendor' } },
    'vendors.update': { id: vendorId, vendor },
    'vendors.remove': { id: vendorId },
    'vendors.uploadContract': { id: vendorId, fileName: 'dpa.pdf', mime: 'application/pdf', contentBase64: pdf },
    'vendors.downloadContract': { id: vendorId },
    'vendors.setOverride': { code: 'BR', adequate: false, note: 'fuzz', checkedOn: '2026-11-30' },
    'vendors.removeOverride': { code: 'BR' },
    'vendors.transferCheck': { country: 'IN' },
    'vendors.tiaDocx': { id: vendorId, lang: 'fr' },
  };
  for (const m of METHODS) {
    // Closing the session would end the fuzz on the first valid payload; its rejection is tested below.
    if (m === 'workspace.close') continue;
    samples.push([m, byMethod[m] ?? {}]);
  }
}, 120_000);

afterAll(async () => {
  await session?.close();
});

/** Everything a rejected call must leave as it was: the change log's length and head, each table's size and newest change, and the meta rows. */
function fingerprint(): string {
  const raw = session.workspace.raw;
  const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' ORDER BY name`).pluck().all() as string[];
  const parts = tables.map((t) => {
    const cols = (raw.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]).includes('updated_at') ? ', max(updated_at)' : '';
    return JSON.stringify(raw.prepare(`SELECT count(*)${cols} FROM "${t}"`).raw().get());
  });
  const head = raw.prepare('SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1').raw().get();
  return JSON.stringify({ parts, head, meta: raw.prepare('SELECT * FROM meta ORDER BY key').raw().all() });
}

/** Mutations of a valid input: a value replaced (by anything JSON), removed, retyped, stretched, poisoned, or an unknown key added. */
function mutate(sample: Record<string, unknown>): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(sample, []);
  const poison = fc.constantFrom('', ' ', '\u0000', '\u001b[31mred', '\u202eevil', 'x'.repeat(100_000), '../../etc/passwd', '2026-02-30', '9999-99-99', 'NaN', '__proto__', '<script>alert(1)</script>', "'; DROP TABLE change_log; --");
  const op = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), value: fc.oneof(fc.jsonValue(), poison, fc.constantFrom(-1, 0, 1e308, -0, 2 ** 53, 1.5)) }),
    fc.record({ kind: fc.constant('delete' as const) }),
    fc.record({ kind: fc.constant('add' as const), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', 'seq', 'hash')), value: fc.jsonValue() }),
  );
  return fc.tuple(fc.array(fc.tuple(fc.nat(paths.length - 1), op), { minLength: 1, maxLength: 3 })).map(([ops]) => {
    let root: unknown = structuredClone(sample);
    for (const [i, o] of ops) {
      const path = paths[i]!;
      if (path.length === 0) {
        if (o.kind === 'set') root = o.value;
        else if (o.kind === 'add' && root && typeof root === 'object' && !Array.isArray(root)) Object.defineProperty(root, o.key, { value: o.value, enumerable: true, configurable: true, writable: true });
        else if (o.kind === 'delete') root = undefined;
        continue;
      }
      let parent: unknown = root;
      for (const k of path.slice(0, -1)) parent = parent && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[k] : undefined;
      if (!parent || typeof parent !== 'object') continue;
      const last = path.at(-1)!;
      const p = parent as Record<string | number, unknown>;
      if (o.kind === 'set') p[last] = o.value;
      else if (o.kind === 'delete') {
        if (Array.isArray(p)) p.splice(Number(last), 1);
        else delete p[last];
      } else if (p[last] && typeof p[last] === 'object' && !Array.isArray(p[last])) {
        Object.defineProperty(p[last], o.key, { value: o.value, enumerable: true, configurable: true, writable: true });
      }
    }
    return root;
  });
}

describe('router fuzz', () => {
  it(`answers ${RUNS} random and mutated payloads with envelopes; rejected ones change nothing`, async () => {
    const methods = METHODS.filter((m) => m !== 'workspace.close');
    const payload = fc.oneof(
      { weight: 3, arbitrary: fc.record({ method: fc.constantFrom(...methods), input: fc.jsonValue() }) },
      { weight: 1, arbitrary: fc.record({ method: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'audit.verify ', 'AUDIT.VERIFY')), input: fc.anything() }) },
      { weight: 6, arbitrary: fc.constantFrom(...samples).chain(([method, sample]) => mutate(sample).map((input) => ({ method, input }))) },
    );
    const stats = { accepted: 0, rejected: 0, methods: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(payload, async ({ method, input }) => {
        const before = fingerprint();
        const r = await dispatch(method as string, input);
        expect(typeof r.ok).toBe('boolean');
        // Exactly what crosses the bridge: JSON-safe data.
        expect(() => JSON.stringify(r)).not.toThrow();
        stats.methods.add(String(method));
        if (r.ok) {
          stats.accepted++;
          expect(r).toHaveProperty('value');
        } else {
          stats.rejected++;
          expect(r.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
          expect(r.error.code).not.toBe('internal');
          expect(fingerprint()).toBe(before);
        }
      }),
      { numRuns: RUNS, seed: process.env.VIGIE_FUZZ_SEED ? Number(process.env.VIGIE_FUZZ_SEED) : undefined },
    );
    expect(internalErrors).toEqual([]);
    expect(stats.rejected).toBeGreaterThan(RUNS / 2);
    expect(stats.accepted).toBeGreaterThan(20);
    expect(stats.methods.size).toBeGreaterThan(methods.length * 0.9);
    // The workspace is still sound after all of it.
    expect(await dispatch('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  }, 240_000);

  it('refuses a malformed workspace.close without closing anything', async () => {
    expect(await dispatch('workspace.close', { now: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(session.isOpen).toBe(true);
  });
});
