import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpTables } from '../db/test-fixtures/dump';
import { MAX_ATTACHMENT_BYTES } from '../domain/requests/case';
import { RequestsService } from './requests';
import { Workspace } from './workspace';

const opened: Workspace[] = [];
afterEach(async () => {
  for (const ws of opened.splice(0)) await ws.close();
});
async function ws(profile: Record<string, unknown> = {}): Promise<Workspace> {
  const w = await Workspace.create(join(mkdtempSync(join(tmpdir(), 'vigie-dsar-')), 'w.vigie'), 'requests test passphrase', {
    actor: 'test',
    profile: { controller_name: 'ACME SAS', city: 'Metz', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr', ...profile },
  });
  opened.push(w);
  return w;
}
function dump(w: Workspace): string {
  return dumpTables(w.raw);
}
const at = (iso: string) => () => new Date(`${iso}T10:00:00Z`);
// Typography (no-break spaces, non-breaking hyphens) normalised so the checks read as plain text.
const documentXml = (b64: string) => strFromU8(unzipSync(new Uint8Array(Buffer.from(b64, 'base64')))['word/document.xml']!).replace(/[\u00A0\u202F]/g, ' ').replace(/\u2011/g, '-');
const base = { requester: { name: 'Marie Martin', email: 'marie@example.org' }, rights: ['access'], channel: 'email', receivedOn: '2026-03-05' };

describe('requests service', () => {
  it('creates a case with its reference, deadlines from the engine, default checklist and a "received" timeline entry', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-10') });
    const a = await s.create(base);
    expect(a).toMatchObject({ reference: 'DSAR-2026-0001', requester: 'Marie Martin', rights: ['access'], received: '2026-03-05', oneMonth: '2026-04-07', threeMonths: '2026-06-05', extensionNoticeBy: '2026-04-07', status: 'on-track', jurisdiction: 'FR' });
    expect(a.explanation.oneMonth.steps.fr.join(' ')).toContain('Lundi de Pâques');
    await expect(s.create({ ...base, receivedOn: '2026-05-02' })).rejects.toThrow(/receivedOn \(2026-05-02\) is after today \(2026-03-10\)/);
    const later = new RequestsService(w, { now: at('2027-02-01') });
    const b = await later.create({ ...base, receivedOn: '2026-05-02' });
    expect(b.reference).toBe('DSAR-2026-0002');
    const c = await later.create({ ...base, receivedOn: '2027-01-04' });
    expect(c.reference).toBe('DSAR-2027-0001');
    const got = await s.get(a.id);
    expect(got.case.tasks.map((t) => t.id)).toEqual(['search', 'copy', 'info', 'third-parties']);
    expect(got.events.map((e) => e.kind)).toEqual(['received']);
    expect(got.jurisdictionSource).toBe('profile');
  });

  it('uses the case jurisdiction over the profile one (Alsace-Moselle, T25)', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-04') });
    expect((await s.create({ ...base, receivedOn: '2026-03-03' })).oneMonth).toBe('2026-04-03');
    expect((await s.create({ ...base, receivedOn: '2026-03-03', jurisdiction: 'FR-57' })).oneMonth).toBe('2026-04-07');
  });

  it('status: due soon, overdue, extended, closed; list filters by status and right', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-04-03') });
    const a = await s.create(base); // due 2026-04-07 → due-soon
    const b = await s.create({ ...base, rights: ['erasure'], receivedOn: '2026-02-02' }); // due 2026-03-02 → overdue
    const c = await s.create({ ...base, rights: ['erasure', 'objection'], objectionGround: 'marketing', receivedOn: '2026-03-20' });
    const cur = (await s.get(c.id)).case;
    await s.update(c.id, { ...cur, extension: { decidedOn: '2026-03-25', reasons: 'Volume', notifiedOn: '2026-03-26' } });
    const d = await s.create({ ...base, receivedOn: '2026-03-01' });
    const dc = (await s.get(d.id)).case;
    await s.update(d.id, { ...dc, outcome: { result: 'fulfilled' }, response: { sentOn: '2026-03-15', how: 'e-mail' } });
    const st = Object.fromEntries((await s.list()).items.map((i) => [i.id, i.status]));
    expect(st).toEqual({ [a.id]: 'due-soon', [b.id]: 'overdue', [c.id]: 'extended', [d.id]: 'closed' });
    expect((await s.list({ status: 'open' })).items.map((i) => i.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect((await s.list({ status: 'overdue' })).items.map((i) => i.id)).toEqual([b.id]);
    expect((await s.list({ right: 'erasure' })).items.map((i) => i.id).sort()).toEqual([b.id, c.id].sort());
    // Open first, nearest deadline first.
    expect((await s.list()).items.map((i) => i.id)).toEqual([b.id, a.id, c.id, d.id]);
    const sum = await s.summary();
    expect(sum).toMatchObject({ open: 3, overdue: 1, dueThisWeek: 1, awaitingIdentity: 0, onTimeRate: 1, medianDaysToRespond: 14 });
    expect(sum.countsByRight.erasure).toBe(2);
    const timeline = (await s.get(d.id)).events.map((e) => e.kind);
    expect(timeline).toEqual(['received', 'response']);
  });

  it('warns when the extension was notified after the notice deadline; the paused date is shown beside, never instead', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-04-20') });
    const a = await s.create({ ...base, receivedOn: '2026-03-02' });
    const cur = (await s.get(a.id)).case;
    await s.update(a.id, { ...cur, identity: { requestedOn: '2026-03-03', receivedOn: '2026-03-10', method: 'Numéro client', outcome: 'verified' }, extension: { decidedOn: '2026-03-30', reasons: 'Complexité', notifiedOn: '2026-04-10' } });
    const got = await s.get(a.id);
    expect(got.summary.oneMonth).toBe('2026-04-02');
    expect(got.summary.paused).toEqual({ days: 7, oneMonth: '2026-04-09', threeMonths: '2026-06-09' });
    expect(got.warnings.map((x) => x.code)).toContain('extension-notice-late');
    expect(got.warnings.find((x) => x.code === 'extension-notice-late')!.message.en).toContain('after the 2\u00A0April 2026 limit');
    expect(got.events.map((e) => e.kind)).toEqual(['received', 'identity-request', 'identity-received', 'note', 'extension-notice']);
  });

  it('refuses invalid cases with an actionable message and writes nothing', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-04-20') });
    const before = dump(w);
    await expect(s.create({ ...base, rights: [] })).rejects.toThrow(/rights: Choose at least one right/);
    await expect(s.create({ ...base, rights: ['forget-me'] })).rejects.toThrow(/rights.0/);
    await expect(s.create({ ...base, receivedOn: '2026-02-30' })).rejects.toThrow(/receivedOn: Use a real date/);
    await expect(s.create({ ...base, requester: { name: ' ' } })).rejects.toThrow(/requester.name/);
    await expect(s.create({ ...base, jurisdiction: 'XX' })).rejects.toThrow(/Not a known jurisdiction/);
    await expect(s.create({ ...base, identity: { requestedOn: '2026-03-01' } })).rejects.toThrow(/identity.requestedOn \(2026-03-01\) is before/);
    await expect(s.create({ ...base, outcome: { result: 'refused' } })).rejects.toThrow(/must give its reasons/);
    await expect(s.create({ ...base, extension: { notifiedOn: '2026-03-20' } })).rejects.toThrow(/extension.decidedOn is not/);
    expect(dump(w)).toBe(before);
  });

  it('keeps attachments inside the workspace; a file over the limit is refused and the database is unchanged', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-10') });
    const a = await s.create(base);
    const r = await s.addEvent(a.id, { occurredOn: '2026-03-06', kind: 'letter-in', direction: 'in', summary: 'Copie de la pièce d’identité', attachment: { fileName: 'id.txt', contentBase64: Buffer.from('bonjour').toString('base64') } });
    expect(r.attachmentId).toBeTruthy();
    expect(await s.getAttachment(r.attachmentId!)).toEqual({ fileName: 'id.txt', mediaType: 'text/plain', contentBase64: Buffer.from('bonjour').toString('base64') });
    // The change log keeps a digest of the file, not a second copy.
    const logged = w.raw.prepare(`SELECT fields FROM change_log WHERE table_name = 'request_attachments'`).all() as { fields: string }[];
    expect(logged.map((l) => l.fields).join()).not.toContain(Buffer.from('bonjour').toString('base64'));
    const before = dump(w);
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 1).toString('base64');
    await expect(s.addEvent(a.id, { occurredOn: '2026-03-06', kind: 'letter-in', direction: 'in', summary: 'Trop gros', attachment: { fileName: 'scan.pdf', contentBase64: big } })).rejects.toMatchObject({
      code: 'attachment_too_large',
      message: expect.stringMatching(/“scan.pdf” is 15.0 MiB; attachments are limited to 15 MiB/),
    });
    expect(dump(w)).toBe(before);
    // Exactly at the limit is accepted.
    await expect(s.addEvent(a.id, { occurredOn: '2026-03-06', kind: 'letter-in', direction: 'in', summary: 'Juste', attachment: { fileName: 'ok.bin', contentBase64: Buffer.alloc(MAX_ATTACHMENT_BYTES, 2).toString('base64') } })).resolves.toBeTruthy();
    expect((await w.verifyAudit()).ok).toBe(true);
  });

  it('generates an acknowledgement in French, stores it in the correspondence, and a refusal that names the CNIL', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-06') });
    const a = await s.create(base);
    const letter = await s.generateLetter(a.id, 'acknowledgement', 'fr');
    expect(letter.fileName).toBe('DSAR-2026-0001-accuse-de-reception-2026-03-06.docx');
    const xml = documentXml(letter.contentBase64);
    expect(xml).toContain('Marie Martin');
    expect(xml).toContain('7 avril 2026');
    expect(xml).toContain('DSAR-2026-0001');
    const got = await s.get(a.id);
    expect(got.attachments).toHaveLength(1);
    expect(got.events.at(-1)).toMatchObject({ kind: 'acknowledgement', direction: 'out', attachmentId: letter.attachmentId });
    expect((await s.getAttachment(letter.attachmentId)).contentBase64).toBe(letter.contentBase64);

    await expect(s.generateLetter(a.id, 'refusal', 'fr')).rejects.toThrow(/outcome “refused”/);
    await expect(s.generateLetter(a.id, 'response-cover', 'fr')).rejects.toThrow(/needs the outcome/);
    await s.update(a.id, { ...got.case, outcome: { result: 'refused', reasons: 'Demande manifestement infondée' } });
    const refusal = documentXml((await s.generateLetter(a.id, 'refusal', 'en')).contentBase64);
    expect(refusal).toContain('3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France, www.cnil.fr');
    expect(refusal).toContain('judicial remedy');
    expect(refusal).toContain('Demande manifestement infondée');
  });

  it('extension: the date the notice promises is the due date of the list, the dashboard and the calendar (month-end case)', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2027-02-10') });
    const a = await s.create({ ...base, receivedOn: '2027-01-31' });
    const c = (await s.get(a.id)).case;
    // Before a decision, no extension notice can be written.
    await expect(s.generateLetter(a.id, 'extension-notice', 'fr')).rejects.toMatchObject({ code: 'letter_not_applicable' });
    await s.update(a.id, { ...c, extension: { decidedOn: '2027-02-10', reasons: 'Volume exceptionnel de demandes ce mois-ci.' } });
    const item = (await s.list({})).items[0]!;
    expect(item.dueDate).toBe('2027-04-30');
    expect(item.threeMonthsPrudent).toBe('2027-04-28');
    const letter = documentXml((await s.generateLetter(a.id, 'extension-notice', 'fr')).contentBase64);
    expect(letter).toContain('au plus tard le 30 avril 2027');
    expect(letter).not.toContain('28 avril 2027');
    const ics = (await s.ics()).content;
    expect(ics).toContain('DTSTART;VALUE=DATE:20270430');
    expect(ics).toContain('DTEND;VALUE=DATE:20270501');
    // RFC 5545 §3.3.6 dur-value: every DURATION and TRIGGER is well formed (not "P1DT" or "-P3DT").
    const DUR = /^[+-]?P(\d+W|(\d+D)?(T(\d+H(\d+M(\d+S)?)?|\d+M(\d+S)?|\d+S))?)$/;
    const durations = [...ics.matchAll(/^(?:DURATION|TRIGGER)[^:]*:(.*)$/gm)].map((m) => m[1]!.trim());
    expect(durations.length).toBeGreaterThan(0);
    for (const d of durations) expect(d === 'P' || d === '-P' ? 'empty' : d).toMatch(DUR);
    const unfolded = ics.replace(/\r\n[ \t]/g, '').replace(/[\u00A0\u202F]/g, ' ');
    expect(unfolded).toContain('Échéance : 30 avril 2027 (prolongée)');
    expect(unfolded).not.toContain('28 avril');
    // After the notice limit, an extension notice is refused: it would not extend anything.
    const late = new RequestsService(w, { now: at('2027-03-02') });
    await expect(late.generateLetter(a.id, 'extension-notice', 'fr')).rejects.toMatchObject({ code: 'letter_not_applicable', message: expect.stringMatching(/Too late to extend/) });
  });

  it('an incomplete letter is refused with its missing items and writes nothing; a draft is kept as an internal note', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-06') });
    const a = await s.create(base);
    const c = (await s.get(a.id)).case;
    await s.update(a.id, { ...c, outcome: { result: 'fulfilled' } });
    const before = dump(w);
    await expect(s.generateLetter(a.id, 'response-cover', 'fr')).rejects.toMatchObject({ code: 'letter_incomplete', details: { missing: [expect.stringContaining('traitements concernés')] } });
    expect(dump(w)).toBe(before);
    const draft = await s.generateLetter(a.id, 'response-cover', 'fr', { draft: true });
    expect(draft).toMatchObject({ draft: true, fileName: 'DSAR-2026-0001-reponse-projet-2026-03-06.docx' });
    expect((await s.get(a.id)).events.at(-1)).toMatchObject({ kind: 'note', direction: 'internal' });
  });

  it('exports open deadlines as an iCalendar file without the requester’s name', async () => {
    const w = await ws();
    const s = new RequestsService(w, { now: at('2026-03-10') });
    await s.create(base);
    const ics = await s.ics();
    expect(ics.events).toBe(1);
    expect(ics.content).toContain('BEGIN:VCALENDAR');
    expect(ics.content).toContain('DTSTART;VALUE=DATE:20260407');
    expect(ics.content).toContain('DSAR-2026-0001');
    expect(ics.content).not.toContain('Marie');
  });
});

describe('demo requests', () => {
  it('seeds a year of requests: on-time answers, refusals with grounds, two extended, one overdue, one awaiting identity', async () => {
    const w = await ws();
    const { seedDemoRequests } = await import('./requests');
    const { profile } = await w.getProfile();
    expect(await w.mutate((tx) => seedDemoRequests(tx, profile, '2026-11-20'))).toBe(17);
    const s = new RequestsService(w, { now: at('2026-11-20') });
    const sum = await s.summary();
    expect(sum).toMatchObject({ open: 5, overdue: 1, awaitingIdentity: 1, dueThisWeek: 1, answeredLast12Months: 12, extensionNoticesDue: 1 });
    expect(sum.onTimeRate).toBeCloseTo(11 / 12);
    expect((await s.list({ status: 'extended' })).items).toHaveLength(2);
    // Every outcome a DPO meets, with realistic grounds; Art. 15(4) is never invoked outside an access request.
    const all = (await s.list({})).items;
    const byOutcome = (o: string) => all.filter((i) => i.outcome === o).length;
    expect({ fulfilled: byOutcome('fulfilled'), partly: byOutcome('partly'), refused: byOutcome('refused'), noData: byOutcome('no-data') }).toEqual({ fulfilled: 6, partly: 1, refused: 4, noData: 1 });
    for (const i of all) {
      const c = (await s.get(i.id)).case;
      if (/15\s*\(4\)/.test(c.outcome.reasons ?? '')) expect(c.rights).toContain('access');
    }
    expect((await w.verifyAudit()).ok).toBe(true);
    // The rights-request log as CSV: one line per case, with deadlines, outcome and whether it was on time.
    const csv = await s.exportCsv();
    const lines = Buffer.from(csv.contentBase64, 'base64').toString('utf8').trimEnd().split('\r\n');
    expect(csv.cases).toBe(17);
    // French workspace: French headers and values, no code.
    expect(csv.fileName).toMatch(/^demandes-de-droits-/);
    expect(lines[0]).toBe('\ufeffRéférence;Reçue le;Canal;Droits;Demandeur;Calendrier;Échéance à un mois;Prolongée;Échéance prolongée;Échéance retenue;Statut;Réponse envoyée le;Suite donnée;Dans les délais;Alertes');
    expect(lines).toHaveLength(18);
    expect(lines.filter((l) => l.split(';')[13] === 'non')).toHaveLength(1);
    expect(lines.join('\n')).toContain(';Refus motivé;');
    expect(lines.join('\n')).not.toMatch(/;(fulfilled|refused|on-track|closed|erasure|email);/);
    // English on request: the stable codes an English spreadsheet expects.
    const en = Buffer.from((await s.exportCsv('en')).contentBase64, 'base64').toString('utf8').trimEnd().split('\r\n');
    expect(en[0]).toBe('\ufeffreference;received;channel;rights;requester;jurisdiction;one_month_deadline;extended;three_month_deadline;due_date;status;response_sent_on;outcome;on_time;warnings');
    expect(en.filter((l) => l.includes(';no;') && l.split(';')[13] === 'no')).toHaveLength(1);
  });
});
