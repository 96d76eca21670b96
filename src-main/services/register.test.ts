import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoWorkspace } from './demo';
import { nextReference, RegisterService } from './register';
import { VendorsService } from './vendors';
import { Workspace } from './workspace';

const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});
async function ws(): Promise<Workspace> {
  const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-reg-')), 'w.vigie'), 'register test passphrase', { actor: 'test' });
  opened.push(w);
  return w;
}
// Typography (no-break spaces, non-breaking hyphens) normalised so the checks read as plain text.
const documentXml = (b64: string) => strFromU8(unzipSync(new Uint8Array(Buffer.from(b64, 'base64')))['word/document.xml']!).replace(/[\u00A0\u202F]/g, ' ').replace(/\u2011/g, '-');

describe('register service', () => {
  it.each([
    [[], 'T-001'],
    [['T-001', 'T-009'], 'T-010'],
    [['ST-T14', 'T-002'], 'T-015'],
    [['Paie', 'X'], 'T-001'],
  ])('next reference after %j is %s', (used, next) => expect(nextReference(used)).toBe(next));

  it('creates with an automatic reference, refuses a nameless or duplicate activity without writing', async () => {
    const w = await ws();
    const reg = new RegisterService(w);
    const { id } = await reg.create({ name: 'Paie' });
    expect((await reg.get(id)).activity.reference).toBe('T-001');
    const before = (await w.changeLogStats()).entries;
    await expect(reg.create({ name: '  ' })).rejects.toThrow(/name: A name is required/);
    await expect(reg.create({ name: 'Doublon', reference: 'T-001' })).rejects.toThrow(/already used/);
    await expect(reg.create({ name: 'X', purposes: [{ legalBasis: 'maybe' }] })).rejects.toThrow(/purposes.0.legalBasis/);
    expect((await w.changeLogStats()).entries).toBe(before);
  });

  it('an activity shows the problems of the vendors it relies on, outside its own score', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const reg = new RegisterService(w);
    const t12 = (await reg.list()).items.find((a) => a.reference === 'ST-T12')!;
    const got = await reg.get(t12.id);
    expect(got.completeness.issues.some((i) => i.code.startsWith('vendor_') && i.message.fr.startsWith('Cloudflare'))).toBe(true);
    expect(got.completeness.score).toBe(t12.score);
  });

  it('exports the demo register as a Word document in French and English', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const fr = await new RegisterService(w).exportDocx('fr');
    expect(fr.fileName).toMatch(/^registre-des-traitements-\d{4}-\d{2}-\d{2}\.docx$/);
    const xml = documentXml(fr.contentBase64);
    for (const s of ['Registre des activités de traitement', 'Registre du sous-traitant (art. 30, § 2)', 'Smart Tribune (JCS WEB)', 'Samy Lastmann', 'Recrutement des candidats', 'Points à compléter']) expect(xml).toContain(s);
    const en = documentXml((await new RegisterService(w).exportDocx('en')).contentBase64);
    expect(en).toContain('Record of processing activities');
    expect(en).toContain('Processor register (Art. 30(2))');
  });

  it('the record and the register show the transfers of linked vendors, and flag a contradiction until the activity states it', async () => {
    const w = await ws();
    const reg = new RegisterService(w);
    const { id } = await reg.create({ name: 'CRM', reference: 'T-001', processors: [{ name: 'Outil CRM (saisie libre)' }] });
    const vendor = await new VendorsService(w).create({ name: 'CRM Cloud Inc.', country: 'US', role: 'processor', activityIds: [id], transfers: [{ country: 'US', recipient: 'CRM Cloud Inc.', tool: 'scc', sccModule: 2 }] });
    let got = await reg.get(id);
    expect(got.links.transfers.map((t) => [t.source, t.recipient, t.countryName.fr, t.toolLabel?.fr])).toEqual([['vendor', 'CRM Cloud Inc.', 'États-Unis', 'Clauses contractuelles types (module 2)']]);
    expect(got.links.processors.map((p) => [p.kind, p.name])).toEqual([['free-text', 'Outil CRM (saisie libre)'], ['linked', 'CRM Cloud Inc.']]);
    expect(got.completeness.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['vendor_transfer_not_recorded', 'processor_not_linked']));
    const before = (await reg.list()).items[0]!.score;

    // The DPO links the processor and records the transfer: the contradiction is gone, the score rises.
    await reg.update(id, { ...got.activity, processors: [{ vendorId: vendor.id, detail: 'offre Entreprise' }], transfers: [{ recipient: 'CRM Cloud Inc.', country: 'US', tool: 'scc' }] });
    got = await reg.get(id);
    expect(got.completeness.issues.map((i) => i.code)).not.toContain('vendor_transfer_not_recorded');
    expect(got.completeness.issues.map((i) => i.code)).not.toContain('processor_not_linked');
    expect(got.links.processors).toEqual([{ kind: 'linked', vendorId: vendor.id, name: 'CRM Cloud Inc.', detail: 'offre Entreprise', index: 0 }]);
    expect((await reg.list()).items[0]!.score).toBeGreaterThan(before);

    // The vendor file follows: it lists the activity; removing the processor unlinks it again.
    expect((await new VendorsService(w).get(vendor.id)).vendor.activityIds).toEqual([id]);
    const other = await new VendorsService(w).create({ name: 'Hébergeur', country: 'FR', role: 'processor' });
    await reg.update(id, { ...got.activity, processors: [{ vendorId: vendor.id, detail: 'offre Entreprise' }, { vendorId: other.id }] });
    expect((await new VendorsService(w).get(other.id)).vendor.activityIds).toEqual([id]);
    await reg.update(id, { ...got.activity, processors: [{ vendorId: vendor.id, detail: 'offre Entreprise' }] });
    expect((await new VendorsService(w).get(other.id)).vendor.activityIds).toEqual([]);

    // Renaming the vendor renames it in the register: the two cannot drift.
    const v = await new VendorsService(w).get(vendor.id);
    await new VendorsService(w).update(vendor.id, { ...v.vendor, name: 'CRM Cloud Europe' });
    const xml = documentXml((await reg.exportDocx('fr')).contentBase64);
    expect(xml).toContain('CRM Cloud Europe — offre Entreprise');
    expect(xml).toContain('États-Unis');
  });
});
