import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run';

const PASS = 'cli dsar passphrase';
/** Yesterday (UTC): a receipt day that is never in the future in Paris either. */
const recent = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { VIGIE_PASSPHRASE: PASS } } };
}
async function workspace(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'vigie-cli-dsar-')), 'w.vigie');
  expect(await runCli(['init', '--workspace', path], io().io)).toBe(0);
  return path;
}

describe('dsar CLI', () => {
  it('dsar add answers the created case with its deadlines (repeatable --right)', async () => {
    const path = await workspace();
    const a = io();
    const code = await runCli(['dsar', 'add', '--workspace', path, '--requester', 'Marie Martin', '--right', 'access', '--right', 'erasure', '--received', '2026-03-05', '--channel', 'letter', '--json'], a.io);
    expect(a.err).toEqual([]);
    expect(code).toBe(0);
    const c = JSON.parse(a.out[0]!);
    expect(c).toMatchObject({ reference: 'DSAR-2026-0001', requester: 'Marie Martin', rights: ['access', 'erasure'], channel: 'letter', received: '2026-03-05', oneMonth: '2026-04-07', threeMonths: '2026-06-05', threeMonthsPrudent: '2026-06-05', extensionNoticeBy: '2026-04-07' });
    expect(typeof c.id).toBe('string');
    expect(['on-track', 'due-soon', 'overdue']).toContain(c.status);
    expect(c.explanation.oneMonth.steps.en.join('\n')).toContain('Easter Monday');
  });

  it('dsar list gives every case and filters by status; bad values are refused on stderr', async () => {
    const path = await workspace();
    await runCli(['dsar', 'add', '--workspace', path, '--requester', 'A', '--right', 'access', '--received', '2024-01-31'], io().io);
    await runCli(['dsar', 'add', '--workspace', path, '--requester', 'B', '--right', 'portability', '--received', recent], io().io);
    const a = io();
    expect(await runCli(['dsar', 'list', '--workspace', path, '--json'], a.io)).toBe(0);
    const all = JSON.parse(a.out[0]!);
    expect(all.items).toHaveLength(2);
    expect(all.items[0]).toMatchObject({ requester: 'A', rights: ['access'], received: '2024-01-31', oneMonth: '2024-02-29', threeMonths: '2024-04-30', threeMonthsPrudent: '2024-04-29', status: 'overdue' });
    const b = io();
    await runCli(['dsar', 'list', '--workspace', path, '--status', 'overdue', '--json'], b.io);
    expect(JSON.parse(b.out[0]!).items.map((i: { requester: string }) => i.requester)).toEqual(['A']);
    const c = io();
    await runCli(['dsar', 'list', '--workspace', path, '--status', 'closed', '--json'], c.io);
    expect(JSON.parse(c.out[0]!).items).toEqual([]);
    const d = io();
    expect(await runCli(['dsar', 'list', '--workspace', path, '--status', 'late', '--json'], d.io)).toBe(2);
    expect(JSON.parse(d.err[0]!).error.message).toContain('--status must be one of open, overdue, due-soon, closed');
    const e = io();
    expect(await runCli(['dsar', 'add', '--workspace', path, '--requester', 'C', '--right', 'forget', '--received', '2026-01-01', '--json'], e.io)).toBe(2);
    expect(JSON.parse(e.err[0]!).error.message).toContain('--right must be one of access');
    const f = io();
    expect(await runCli(['dsar', 'add', '--workspace', path, '--requester', 'C', '--right', 'access', '--received', '2026-02-30', '--json'], f.io)).toBe(1);
    expect(JSON.parse(f.err[0]!).error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('receivedOn') });
  });

  it('dsar ics writes the open deadlines with the ics library', async () => {
    const path = await workspace();
    await runCli(['dsar', 'add', '--workspace', path, '--requester', 'A', '--right', 'access', '--received', recent], io().io);
    const out = join(mkdtempSync(join(tmpdir(), 'vigie-ics-')), 'd.ics');
    const a = io();
    expect(await runCli(['dsar', 'ics', '--workspace', path, '--out', out, '--json'], a.io)).toBe(0);
    expect(JSON.parse(a.out[0]!)).toEqual({ out, events: 1 });
    const ics = readFileSync(out, 'utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(`DSAR-${recent.slice(0, 4)}-0001`);
  });

  it('dsar letter writes every letter kind of the demo in French and English; list items carry the outcome', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vigie-cli-letters-')), 'demo.vigie');
    expect(await runCli(['init', '--workspace', path, '--demo'], io().io)).toBe(0);
    const l = io();
    expect(await runCli(['dsar', 'list', '--workspace', path, '--json'], l.io)).toBe(0);
    const items = JSON.parse(l.out[0]!).items as Array<{ reference: string; requester: string; outcome: string | null }>;
    expect(items.every((i) => 'outcome' in i)).toBe(true);
    expect(items.filter((i) => i.outcome === 'refused').length).toBeGreaterThanOrEqual(2);
    expect(items.some((i) => i.outcome === 'partly')).toBe(true);
    const ref = (name: string) => items.find((i) => i.requester === name)!.reference;
    // One demo case per kind.
    const kinds: Array<[string, string]> = [
      ['acknowledgement', 'Arthur Morel'],
      ['identity', 'Zoé Clément'],
      ['extension', 'Victor Lambert'],
      ['response', 'Camille Laurent'],
      ['response', 'Théo Fournier'],
      ['refusal', 'Sarah Garnier'],
      ['unfounded', 'Manon Roux'],
      ['unidentifiable', 'Louis Blanc'],
      ['recipients-notice', 'Hugo Bernard'],
      ['marketing-stopped', 'Léa Dubois'],
    ];
    const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-letters-out-'));
    for (const [kind, name] of kinds) {
      for (const lang of ['fr', 'en']) {
        const out = join(dir, `${kind}-${name.split(' ')[0]}-${lang}.docx`);
        const a = io();
        const code = await runCli(['dsar', 'letter', '--workspace', path, '--case', ref(name), '--kind', kind, '--lang', lang, '--out', out, '--json'], a.io);
        expect({ kind, lang, code, err: a.err }).toEqual({ kind, lang, code: 0, err: [] });
        expect(JSON.parse(a.out[0]!)).toMatchObject({ kind, out, draft: false, missing: [] });
        expect(statSync(out).mode & 0o777).toBe(0o600);
      }
    }
    // An existing file is replaced only with --force.
    const again = join(dir, `acknowledgement-Arthur-fr.docx`);
    const b = io();
    expect(await runCli(['dsar', 'letter', '--workspace', path, '--case', ref('Arthur Morel'), '--kind', 'acknowledgement', '--lang', 'fr', '--out', again, '--json'], b.io)).toBe(4);
    expect(JSON.parse(b.err[0]!).error.code).toBe('output_exists');
    expect(await runCli(['dsar', 'letter', '--workspace', path, '--case', ref('Arthur Morel'), '--kind', 'acknowledgement', '--lang', 'fr', '--out', again, '--force'], io().io)).toBe(0);
    // A letter that contradicts the case is refused and no file is written.
    const c = io();
    const no = join(dir, 'refusal-of-a-granted-case.docx');
    expect(await runCli(['dsar', 'letter', '--workspace', path, '--case', ref('Camille Laurent'), '--kind', 'refusal', '--lang', 'fr', '--out', no, '--json'], c.io)).toBe(1);
    expect(JSON.parse(c.err[0]!).error.code).toBe('letter_not_applicable');
    expect(existsSync(no)).toBe(false);
    // An unknown kind, a wrong extension.
    const d = io();
    expect(await runCli(['dsar', 'letter', '--workspace', path, '--case', ref('Arthur Morel'), '--kind', 'thanks', '--lang', 'fr', '--out', join(dir, 'x.docx'), '--json'], d.io)).toBe(2);
    expect(JSON.parse(d.err[0]!).error.message).toContain('--kind must be one of acknowledgement, identity, extension, response, refusal');
    const e = io();
    expect(await runCli(['dsar', 'letter', '--workspace', path, '--case', ref('Arthur Morel'), '--kind', 'acknowledgement', '--lang', 'fr', '--out', join(dir, 'x.pdf'), '--json'], e.io)).toBe(4);
    expect(JSON.parse(e.err[0]!).error.code).toBe('output_extension_mismatch');
  }, 120_000);
});
