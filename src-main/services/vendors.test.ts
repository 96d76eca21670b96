import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpTables } from '../db/test-fixtures/dump';
import { CONTRACT_FILE_MAX_BYTES } from '../domain/vendors/vendor';
import { runCli } from '../cli/run';
import { seedDemoWorkspace } from './demo';
import { VendorsService } from './vendors';
import { Workspace } from './workspace';

const PASS = 'vendors test passphrase';
const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});
async function ws(): Promise<Workspace> {
  const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-vendors-')), 'w.vigie'), PASS, { actor: 'test' });
  opened.push(w);
  return w;
}
function dump(w: Workspace): string {
  return dumpTables(w.raw);
}
// Typography (no-break spaces, non-breaking hyphens) normalised so the checks read as plain text.
const documentXml = (b64: string) => strFromU8(unzipSync(new Uint8Array(Buffer.from(b64, 'base64')))['word/document.xml']!).replace(/[\u00A0\u202F]/g, ' ').replace(/\u2011/g, '-');

describe('vendors service', () => {
  it('creates a vendor with a US sub-processor: warning, then SCC module 2 clears it; history and summary follow', async () => {
    const w = await ws();
    const s = new VendorsService(w);
    const { id } = await s.create({ name: 'Acme Support', country: 'FR', role: 'processor', subProcessors: [{ name: 'Helpdesk Inc.', country: 'US' }] });
    let got = await s.get(id);
    expect(got.warnings.map((x) => x.code)).toContain('transfer_not_recorded');
    expect(await s.summary()).toEqual({ vendors: 1, withWarnings: 1, reviewsOverdue: 0, transfersWithoutTool: 1 });

    await s.update(id, { ...got.vendor, transfers: [{ country: 'US', tool: 'scc', sccModule: 2, sccSignedOn: '2024-05-02' }] });
    got = await s.get(id);
    expect(got.warnings.map((x) => x.code)).not.toContain('transfer_not_recorded');
    const transferId = got.vendor.transfers[0]!.id;
    expect(transferId).toMatch(/^[0-9A-Z]{26}$/);
    expect((await s.summary()).transfersWithoutTool).toBe(0);

    // An edit keeps the transfer id (the TIA points at it).
    await s.update(id, { ...got.vendor, services: 'Ticketing' });
    expect((await s.get(id)).vendor.transfers[0]!.id).toBe(transferId);
    const byCountry = await s.transfersByCountry();
    expect(byCountry.items).toEqual([expect.objectContaining({ country: 'US', basis: 'safeguard-required', vendors: [expect.objectContaining({ name: 'Acme Support', tool: 'scc', sccModule: 2 })] })]);
    expect((await w.history({ table: 'vendors', rowId: id })).map((e) => e.op)).toEqual(['update', 'update', 'insert']);
  });

  it('refuses an invalid vendor without writing anything', async () => {
    const w = await ws();
    const s = new VendorsService(w);
    const before = dump(w);
    await expect(s.create({ name: '', country: 'FR', role: 'processor' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(s.create({ name: 'X', country: 'UK', role: 'processor' })).rejects.toThrow(/use GB for the United Kingdom/);
    await expect(s.create({ name: 'X', country: 'FR', role: 'vendor' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(dump(w)).toBe(before);
  });

  it('stores a contract file in the workspace; an oversized one is refused and changes nothing', async () => {
    const w = await ws();
    const s = new VendorsService(w);
    const { id } = await s.create({ name: 'Hosting', country: 'FR', role: 'processor' });
    const pdf = Buffer.from('%PDF-1.7 fake contract');
    const meta = await s.uploadContract(id, { fileName: 'dpa.pdf', mime: 'application/pdf', contentBase64: pdf.toString('base64') });
    expect(meta).toMatchObject({ name: 'dpa.pdf', size: pdf.length });
    expect((await s.get(id)).vendor.contract.file?.sha256).toBe(meta.sha256);
    expect(Buffer.from((await s.downloadContract(id)).contentBase64, 'base64').equals(pdf)).toBe(true);

    const before = dump(w);
    const big = Buffer.alloc(CONTRACT_FILE_MAX_BYTES + 1, 1).toString('base64');
    await expect(s.uploadContract(id, { fileName: 'huge.pdf', contentBase64: big })).rejects.toMatchObject({ code: 'file_too_large', message: expect.stringContaining('limited to 10 MiB') });
    expect(dump(w)).toBe(before);

    // A later edit from the UI cannot drop the stored file.
    const v = (await s.get(id)).vendor;
    await s.update(id, { ...v, contract: { ...v.contract, file: null } });
    expect((await s.get(id)).vendor.contract.file?.id).toBe(meta.id);
    // Replacing the file moves the old one to the trash.
    await s.uploadContract(id, { fileName: 'dpa-v2.pdf', contentBase64: Buffer.from('v2').toString('base64') });
    expect((await w.listTrash()).map((t) => t.label)).toContain('dpa.pdf');
  });

  it('overrides of the adequacy reference apply to warnings and transfer checks, with a checked-on date', async () => {
    const w = await ws();
    const s = new VendorsService(w);
    const { id } = await s.create({ name: 'Swiss host', country: 'CH', role: 'processor' });
    expect((await s.get(id)).warnings.map((x) => x.code)).not.toContain('transfer_not_recorded');
    expect((await s.transferCheck('CH')).basis).toBe('adequacy');

    await s.setOverride({ code: 'ch', adequate: false, note: 'test: decision suspended', checkedOn: '2026-11-20' });
    expect((await s.get(id)).warnings.map((x) => x.code)).toContain('transfer_not_recorded');
    expect((await s.transferCheck('CH')).basis).toBe('safeguard-required');
    const table = await s.adequacyTable();
    expect(table.overrides).toEqual([expect.objectContaining({ code: 'CH', adequate: false, checkedOn: '2026-11-20', referenceDecision: expect.stringContaining('2000/518') })]);
    expect(table.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Replacing keeps one override per country; removing restores the reference.
    await s.setOverride({ code: 'CH', adequate: true, decision: 'Commission Decision 2000/518/EC', decisionDate: '2000-07-26', checkedOn: '2026-11-21' });
    expect((await s.adequacyTable()).overrides).toHaveLength(1);
    await s.removeOverride('CH');
    expect((await s.adequacyTable()).overrides).toHaveLength(0);

    const before = dump(w);
    await expect(s.setOverride({ code: 'DE', adequate: false, checkedOn: '2026-11-20' })).rejects.toThrow(/EEA/);
    await expect(s.setOverride({ code: 'IN', adequate: true, checkedOn: '2026-11-20' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(dump(w)).toBe(before);
  });

  it('writes the transfer impact assessment as DOCX in French and English', async () => {
    const w = await ws();
    const s = new VendorsService(w);
    const { id } = await s.create({
      name: 'Cloud CDN',
      country: 'US',
      role: 'sub-processor',
      transfers: [
        {
          country: 'US',
          tool: 'scc',
          sccModule: 3,
          sccSignedOn: '2023-02-01',
          measures: { technical: 'Chiffrement TLS', contractual: '', organisational: '' },
          tia: { answers: { 'know-transfers': 'Ressources statiques uniquement' }, outcome: 'measures-adopted', assessedOn: '2026-11-01', reevaluateOn: '2027-11-01', assessor: 'DPO' },
        },
      ],
    });
    const t = (await s.get(id)).vendor.transfers[0]!;
    const fr = await s.tiaDocx(id, t.id, 'fr');
    expect(fr.fileName).toMatch(/^analyse-impact-transfert-cloud-cdn-US-\d{4}-\d{2}-\d{2}\.docx$/);
    const xmlFr = documentXml(fr.contentBase64);
    expect(xmlFr).toContain('Analyse d’impact du transfert');
    expect(xmlFr).toContain('Ressources statiques uniquement');
    expect(xmlFr).toContain('module 3');
    expect(xmlFr).toContain('Instrument efficace grâce aux mesures supplémentaires adoptées');
    const en = await s.tiaDocx(id, t.id, 'en');
    expect(documentXml(en.contentBase64)).toContain('Transfer impact assessment');
    writeFileSync(join(tmpdir(), 'vigie-tia-fr.docx'), Buffer.from(fr.contentBase64, 'base64'));
    writeFileSync(join(tmpdir(), 'vigie-tia-en.docx'), Buffer.from(en.contentBase64, 'base64'));
    await expect(s.tiaDocx(id, 'nope')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('seeds the Smart Tribune vendors, linked to the demo register', async () => {
    const w = await ws();
    await seedDemoWorkspace(w);
    const s = new VendorsService(w);
    const { vendors } = await s.listFull();
    expect(vendors.map((v) => v.name)).toEqual(expect.arrayContaining(['Amazon Web Services', 'Microsoft Azure', 'Cloudflare', 'Mistral AI']));
    const aws = vendors.find((v) => v.name === 'Amazon Web Services')!;
    expect(aws.hosting[0]).toEqual({ country: 'FR', region: 'AWS Europe (Paris) — eu-west-3' });
    expect(aws.activityIds.length).toBe(4);
    const cf = vendors.find((v) => v.name === 'Cloudflare')!;
    expect(cf.transfers[0]).toMatchObject({ country: 'US', tool: 'scc', sccModule: 3 });
    expect(cf.warnings.map((x) => x.code)).not.toContain('transfer_not_recorded');
    expect((await w.verifyAudit()).ok).toBe(true);
    // The register can show, per activity, the vendors' problems.
    const byActivity = await s.warningsByActivity();
    const t12 = (await w.db.selectFrom('activities').select('id').where('reference', '=', 'ST-T12').executeTakeFirstOrThrow()).id;
    expect(byActivity[t12]!.map((x) => x.vendorName).sort()).toEqual(['Amazon Web Services', 'Cloudflare']);
    expect(byActivity[t12]!.find((x) => x.vendorName === 'Cloudflare')!.warnings.map((x) => x.code)).toContain('scc_signed_on_missing');
  });
});

describe('vendors CLI', () => {
  it('vendors list --json prints every vendor with its transfers and warnings', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vigie-vendors-cli-')), 'w.vigie');
    const w = await Workspace.create(path, PASS, { actor: 'test' });
    await new VendorsService(w).create({ name: 'Mailer', country: 'FR', role: 'processor', subProcessors: [{ name: 'Mailer US', country: 'US' }] });
    await w.close();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { VIGIE_PASSPHRASE: PASS } };
    expect(await runCli(['vendors', 'list', '--workspace', path, '--json'], io)).toBe(0);
    const json = JSON.parse(out[0]!);
    expect(json.vendors).toHaveLength(1);
    expect(json.vendors[0]).toMatchObject({ name: 'Mailer', role: 'processor', country: 'FR', transfers: [] });
    expect(json.vendors[0].warnings.map((x: { code: string }) => x.code)).toContain('transfer_not_recorded');

    expect(await runCli(['vendors', 'summary', '--workspace', path, '--json'], io)).toBe(0);
    expect(JSON.parse(out[1]!)).toEqual({ vendors: 1, withWarnings: 1, reviewsOverdue: 0, transfersWithoutTool: 1 });

    expect(await runCli(['vendors', 'list', '--json'], io)).toBe(2);
    expect(err.at(-1)).toContain('--workspace');
  });
});
