import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run';
import { commitImport, previewImport } from './register-import';
import { RegisterService } from './register';
import { Workspace } from './workspace';

const PASS = 'import tests passphrase';
const fixture = (f: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../export/fixtures', f)));
const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});
async function workspace(): Promise<{ ws: Workspace; path: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'vigie-import-')), 'w.vigie');
  const ws = await Workspace.create(path, PASS, { actor: 'test' });
  opened.push(ws);
  return { ws, path };
}
const dump = (ws: Workspace) => JSON.stringify([ws.raw.prepare('SELECT * FROM activities').all(), ws.raw.prepare('SELECT count(*) n FROM change_log').get()]);

describe('register import', () => {
  it('previews the CNIL-style file with the bad row named, without writing', () => {
    const { preview } = previewImport({ fileName: 'registre-cnil.xlsx', bytes: fixture('registre-cnil.xlsx') });
    expect(preview.headerRow).toBe(2);
    expect(preview.valid).toBe(3);
    expect(preview.invalid).toBe(1);
    expect(preview.rows.find((r) => r.errors.length)).toEqual({ row: 7, name: '', errors: [{ row: 7, field: 'Base légale', message: expect.stringContaining('« consentement? »') }] });
  });

  it.each(['registre-cnil.csv', 'registre-cnil-cp1252.csv', 'registre-cnil.xlsx', 'registre-cnil.ods'])('%s: one bad row imports nothing and leaves the workspace unchanged', async (file) => {
    const { ws } = await workspace();
    const before = dump(ws);
    const r = await commitImport(ws, { fileName: file, bytes: fixture(file) });
    expect(r.imported).toBe(0);
    expect(r.errors).toHaveLength(1);
    expect(dump(ws)).toBe(before);
  });

  it('--skip-invalid imports the valid rows, structured, through the write path', async () => {
    const { ws } = await workspace();
    const r = await commitImport(ws, { fileName: 'registre-cnil.ods', bytes: fixture('registre-cnil.ods'), skipInvalid: true });
    expect(r).toMatchObject({ imported: 3, skipped: 1 });
    const list = await new RegisterService(ws).list();
    expect(list.items.map((a) => a.reference)).toEqual(['T-101', 'T-102', 'T-103']);
    const paie = await new RegisterService(ws).get(list.items[0]!.id);
    expect(paie.activity.purposes).toEqual([{ description: 'Calculer et verser les salaires', legalBasis: 'legal-obligation' }]);
    expect(paie.activity.dataCategories.map((c) => c.label)).toEqual(['État civil', 'Coordonnées bancaires', 'NIR']);
    expect(paie.activity.dataCategories[0]!.retention?.activePeriod).toEqual({ value: 5, unit: 'years' });
    const prospection = await new RegisterService(ws).get(list.items[2]!.id);
    expect(prospection.activity.transfers).toEqual([expect.objectContaining({ country: 'US', tool: 'scc' })]);
    expect((await ws.history({ table: 'activities' }))[0]!.reason).toBe('import of registre-cnil.ods');
    expect((await ws.verifyAudit()).ok).toBe(true);
  });

  it('a row the write path refuses (duplicate reference) rolls the whole import back', async () => {
    const { ws } = await workspace();
    await new RegisterService(ws).create({ name: 'Existante', reference: 'T-102' });
    const before = dump(ws);
    await expect(commitImport(ws, { fileName: 'registre-cnil.csv', bytes: fixture('registre-cnil.csv'), skipInvalid: true })).rejects.toThrow(/Row 5: The reference T-102 is already used.*Nothing was imported/);
    expect(dump(ws)).toBe(before);
  });

  it('refuses an unknown or duplicated mapping field', () => {
    expect(() => previewImport({ fileName: 'r.csv', bytes: fixture('registre-cnil.csv'), mapping: ['name', 'colour'] as never })).toThrow(/Unknown import field\(s\) in the column mapping: colour/);
    expect(() => previewImport({ fileName: 'r.csv', bytes: fixture('registre-cnil.csv'), mapping: ['name', 'name'] })).toThrow(/mapped to the same field/);
  });

  it('CLI: register import --json gives { imported, errors } and exits non-zero when blocked', async () => {
    const { ws, path } = await workspace();
    await ws.close();
    opened.splice(opened.indexOf(ws), 1);
    const file = join(mkdtempSync(join(tmpdir(), 'vigie-import-cli-')), 'registre.csv');
    writeFileSync(file, fixture('registre-cnil.csv'));
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), env: { VIGIE_PASSPHRASE: PASS } };
    expect(await runCli(['register', 'import', '--workspace', path, file, '--json'], io)).toBe(1);
    expect(JSON.parse(out.pop()!)).toEqual({ imported: 0, errors: [{ row: 7, field: 'Base légale', message: expect.any(String) }] });
    expect(await runCli(['register', 'import', '--workspace', path, file, '--dry-run', '--skip-invalid', '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop()!).imported).toBe(0);
    expect(await runCli(['register', 'import', '--workspace', path, file, '--skip-invalid', '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop()!).imported).toBe(3);
    expect(await runCli(['register', 'list', '--workspace', path, '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop()!).items).toHaveLength(3);
  });
});
