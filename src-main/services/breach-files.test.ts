import { mkdtempSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpTables } from '../db/test-fixtures/dump';
import { BREACH_FILE_MAX_BYTES } from '../domain/breaches/rows';
import { BreachesService } from './breaches';
import { RetentionService } from './retention';
import { VendorsService } from './vendors';
import { Workspace } from './workspace';

const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});
async function ws(): Promise<Workspace> {
  const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-breach-files-')), 'w.vigie'), 'breach files test passphrase', {
    actor: 'test',
    profile: { controller_name: 'ACME SAS', city: 'Metz', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr' },
  });
  opened.push(w);
  return w;
}
function dump(w: Workspace): string {
  return dumpTables(w.raw);
}
const now = () => new Date('2026-10-24T08:00:00Z');
const base = { title: 'Hameçonnage de la messagerie', awareAt: '2026-10-23T10:00', nature: ['confidentiality'] };

describe('breach evidence files', () => {
  it('keeps a file inside the workspace, lists it with the breach, gives it back byte for byte, logs only its digest', async () => {
    const w = await ws();
    const s = new BreachesService(w, { now });
    const { id } = await s.create(base);
    const bytes = Buffer.from('2026-10-23 09:58:12 login ok user=j.martin ip=203.0.113.7\n', 'utf8');
    const meta = await s.addFile(id, { fileName: ' journal-connexions.txt ', contentBase64: bytes.toString('base64'), note: 'Extrait du journal du serveur de messagerie' });
    expect(meta).toMatchObject({ purged: false, fileName: 'journal-connexions.txt', mediaType: 'text/plain', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), note: 'Extrait du journal du serveur de messagerie' });
    expect(meta.createdAt).toMatch(/^2\d{3}-/);

    const g = await s.get(id);
    expect(g.files).toEqual([meta]);
    const f = await s.file(meta.id);
    expect(Buffer.from(f.contentBase64, 'base64').equals(bytes)).toBe(true);
    expect(f).toMatchObject({ fileName: 'journal-connexions.txt', mediaType: 'text/plain', sha256: meta.sha256 });

    // The change log holds the digest of the content, not a second copy of the file.
    const logged = w.raw.prepare(`SELECT fields FROM change_log WHERE table_name = 'breach_files'`).pluck().all() as string[];
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toContain(bytes.toString('base64'));
    expect(JSON.parse(logged[0]!).content).toMatchObject({ length: bytes.toString('base64').length });
    expect((await w.verifyAudit()).ok).toBe(true);

    // Removing moves it to the trash (restorable); the breach no longer lists it, the download refuses it.
    await s.removeFile(meta.id, 'wrong file');
    expect((await s.get(id)).files).toEqual([]);
    await expect(s.file(meta.id)).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('trash') });
    await expect(s.removeFile(meta.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await w.listTrash()).some((t) => t.table === 'breach_files' && t.id === meta.id)).toBe(true);
    await w.restore('breach_files', meta.id);
    expect((await s.get(id)).files.map((x) => x.id)).toEqual([meta.id]);
    expect((await w.verifyAudit()).ok).toBe(true);
  });

  it('guesses the media type from the extension when the client gives none, and keeps the one given', async () => {
    const w = await ws();
    const s = new BreachesService(w, { now });
    const { id } = await s.create(base);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64');
    expect((await s.addFile(id, { fileName: 'capture.PNG', contentBase64: png })).mediaType).toBe('image/png');
    expect((await s.addFile(id, { fileName: 'accuse-cnil', contentBase64: png, mediaType: 'application/pdf' })).mediaType).toBe('application/pdf');
    expect((await s.get(id)).files.map((f) => f.fileName)).toEqual(['capture.PNG', 'accuse-cnil']);
  });

  it('refuses a file over 15 MiB from its base64 length with a clear error, and the database is unchanged', async () => {
    const w = await ws();
    const s = new BreachesService(w, { now });
    const { id } = await s.create(base);
    const before = dump(w);
    const tooBig = Buffer.alloc(BREACH_FILE_MAX_BYTES + 1, 0x41).toString('base64');
    await expect(s.addFile(id, { fileName: 'image-disque.bin', contentBase64: tooBig })).rejects.toMatchObject({
      code: 'attachment_too_large',
      message: expect.stringMatching(/“image-disque\.bin” is 15\.0 MiB; evidence files are limited to 15 MiB/),
      details: { bytes: BREACH_FILE_MAX_BYTES + 1, limit: BREACH_FILE_MAX_BYTES },
    });
    expect(dump(w)).toBe(before);
    // Exactly the limit is accepted.
    const atLimit = Buffer.alloc(BREACH_FILE_MAX_BYTES, 0x42);
    const meta = await s.addFile(id, { fileName: 'limite.bin', contentBase64: atLimit.toString('base64') });
    expect(meta.size).toBe(BREACH_FILE_MAX_BYTES);
    expect((await w.verifyAudit()).ok).toBe(true);
  });

  it('refuses an empty file, bad base64, a path, an unknown or trashed breach, and changes nothing', async () => {
    const w = await ws();
    const s = new BreachesService(w, { now });
    const { id } = await s.create(base);
    const other = await s.create({ ...base, title: 'Perte d’un ordinateur portable' });
    await s.remove(other.id);
    const before = dump(w);
    const ok = Buffer.from('evidence').toString('base64');
    await expect(s.addFile(id, { fileName: 'vide.txt', contentBase64: '' })).rejects.toMatchObject({ code: 'invalid_evidence_file', message: expect.stringContaining('empty') });
    await expect(s.addFile(id, { fileName: 'x.txt', contentBase64: 'not base64 at all!' })).rejects.toMatchObject({ code: 'invalid_evidence_file', message: expect.stringContaining('not valid base64') });
    await expect(s.addFile(id, { fileName: '../../etc/passwd', contentBase64: ok })).rejects.toMatchObject({ code: 'invalid_evidence_file' });
    await expect(s.addFile('nope', { fileName: 'x.txt', contentBase64: ok })).rejects.toMatchObject({ code: 'not_found' });
    await expect(s.addFile(other.id, { fileName: 'x.txt', contentBase64: ok })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('trash') });
    await expect(s.file('nope')).rejects.toMatchObject({ code: 'not_found' });
    expect(dump(w)).toBe(before);
  });
});

describe('breach evidence files under the retention rule', () => {
  it('purging a closed breach blanks its evidence files (trashed ones too); names, sizes and digests stay, the download says why, audit verify stays green', async () => {
    const w = await ws();
    const s = new BreachesService(w, { now });
    const { id } = await s.create({ ...base, status: 'closed' });
    const kept = await s.addFile(id, { fileName: 'capture.png', contentBase64: Buffer.from('png bytes').toString('base64') });
    const trashed = await s.addFile(id, { fileName: 'brouillon.txt', contentBase64: Buffer.from('draft').toString('base64') });
    await s.removeFile(trashed.id);

    const r = new RetentionService(w, { now: () => new Date('2040-01-01T09:00:00Z') });
    expect((await r.due()).items.map((i) => i.id)).toContain(id);
    await r.purge([id], 'durée de conservation écoulée');

    const files = (await s.get(id)).files;
    expect(files).toEqual([{ ...kept, purged: true }]);
    await expect(s.file(kept.id)).rejects.toMatchObject({ code: 'purged', message: expect.stringContaining(kept.sha256) });
    const contents = w.raw.prepare(`SELECT content FROM breach_files WHERE breach_id = ?`).pluck().all(id);
    expect(contents).toEqual(['', '']);
    expect((await w.verifyAudit()).ok).toBe(true);
  });
});

describe('breach vendors linked to the vendor register', () => {
  it('keeps a vendor id, refuses an unknown one with the database unchanged, and still reads older free-text vendors', async () => {
    const w = await ws();
    const s = new BreachesService(w, { now });
    const vendor = await new VendorsService(w).create({ name: 'Routeur Mail SAS', country: 'FR', role: 'processor' });
    const { id } = await s.create({ ...base, vendors: [{ name: 'Routeur Mail SAS', role: 'sous-traitant', informedUsAt: '2026-10-23T09:00', vendorId: vendor.id }] });
    expect((await s.get(id)).breach.vendors).toEqual([{ name: 'Routeur Mail SAS', role: 'sous-traitant', informedUsAt: '2026-10-23T07:00:00Z', vendorId: vendor.id }]);

    const before = dump(w);
    const g = await s.get(id);
    await expect(s.update(id, { ...g.breach, vendors: [{ name: 'Inconnu', vendorId: 'no-such-vendor' }] })).rejects.toMatchObject({
      code: 'invalid_breach',
      message: expect.stringContaining('does not exist'),
      details: { issues: [{ path: ['vendors', '0', 'vendorId'], code: 'invalid_value' }] },
    });
    await expect(s.create({ ...base, vendors: [{ name: 'Inconnu', vendorId: 'no-such-vendor' }] })).rejects.toMatchObject({ code: 'invalid_breach' });
    expect(dump(w)).toBe(before);

    // A vendor later moved to the trash keeps its link: the breach still saves.
    await new VendorsService(w).remove(vendor.id);
    await s.update(id, { ...g.breach, title: 'Hameçonnage — boîte du service client' });
    expect((await s.get(id)).breach.vendors[0]!.vendorId).toBe(vendor.id);

    // A record written before the link existed (no vendorId in its JSON) still reads, as a free-text name.
    const details = JSON.parse(w.raw.prepare('SELECT details FROM breaches WHERE id = ?').pluck().get(id) as string) as { vendors: Array<Record<string, unknown>> };
    details.vendors = [{ name: 'Ancien prestataire', role: '', informedUsAt: null }];
    w.raw.prepare('UPDATE breaches SET details = ? WHERE id = ?').run(JSON.stringify(details), id);
    expect((await s.get(id)).breach.vendors).toEqual([{ name: 'Ancien prestataire', role: '', informedUsAt: null, vendorId: null }]);
  });
});
