import { describe, expect, it } from 'vitest';
import { DEFAULT_ORG_PROFILE } from '../org-profile';
import { CNIL_FORM, checkBreach, computeBreach, nextBreachReference, normalizeBreachInstants, parseBreach, scoreSeverity, summarizeBreaches } from './breach';
import { buildCnilDraft, buildControllerNotice, sourceValue } from './cnil-draft';

const base = (over: Record<string, unknown> = {}) => parseBreach(normalizeBreachInstants({ title: 'Courriel mal adressé', timeZone: 'Europe/Paris', awareAt: '2026-03-27T10:00', ...over }, (over.timeZone as string) ?? 'Europe/Paris'));

describe('breach clock from aware-at in the workspace zone', () => {
  it.each([
    ['Europe/Paris', '2026-03-27T10:00', 72, '2026-03-30T11:00:00+02:00'], // DST starts 29 March
    ['Europe/Paris', '2026-10-23T10:00', 72, '2026-10-26T09:00:00+01:00'], // DST ends 25 October
    ['Europe/Paris', '2026-05-08T14:30', 72, '2026-05-11T14:30:00+02:00'], // holiday + weekend do not extend
    ['America/New_York', '2026-03-06T10:00', 72, '2026-03-09T11:00:00-04:00'], // US DST 8 March
    ['Asia/Tokyo', '2026-12-24T16:45', 96, '2026-12-28T16:45:00+09:00'], // 96-hour setting
  ])('%s aware %s (+%i h) → %s', (tz, aware, hours, notifyBy) => {
    const b = base({ timeZone: tz, awareAt: aware });
    const c = computeBreach(b, { hours, now: new Date('2026-01-01T00:00:00Z'), processor: false });
    expect(c.notifyBy).toBe(notifyBy);
    expect(c.clockRunning).toBe(true);
    expect(c.overdue).toBe(false);
  });

  it('stores awareness as a UTC instant read in the zone; a time inside the DST jump is refused, naming the field', () => {
    expect(base().awareAt).toBe('2026-03-27T09:00:00Z');
    expect(() => base({ awareAt: '2026-03-29T02:30' })).toThrow(/awareAt: 2026-03-29T02:30 does not exist in Europe\/Paris: on 2026-03-29 the clocks jump from 02:00 to 03:00/);
    expect(() => base({ notifications: [{ phase: 'initial', sentAt: '2026-03-29T02:15' }] })).toThrow(/notifications\.0\.sentAt: .* does not exist/);
    expect(base({ awareAt: '2026-03-29T02:30+01:00' }).awareAt).toBe('2026-03-29T01:30:00Z');
    expect(base({ awareAt: '2026-03-27T10:00+05:00' }).awareAt).toBe('2026-03-27T05:00:00Z');
  });

  it('overdue when no notification after the deadline; stops once notified, decided not to notify, or closed', () => {
    const now = new Date('2026-04-02T00:00:00Z');
    expect(computeBreach(base(), { hours: 72, now, processor: false }).overdue).toBe(true);
    const notified = base({ notifications: [{ phase: 'initial', sentAt: '2026-03-28T09:00' }] });
    expect(computeBreach(notified, { hours: 72, now, processor: false })).toMatchObject({ clockRunning: false, overdue: false, notifiedLate: false });
    const closed = base({ status: 'closed' });
    expect(computeBreach(closed, { hours: 72, now, processor: false }).clockRunning).toBe(false);
  });
});

describe('checkBreach', () => {
  it('a late initial notification requires the reasons for the delay, with a clear message', () => {
    const late = base({ notifications: [{ phase: 'initial', sentAt: '2026-03-30T12:00' }] });
    expect(() => checkBreach(late, { hours: 72, processor: false })).toThrow(/73 h after awareness.*72 h deadline \(2026-03-30T11:00:00\+02:00\).*reasons for the delay/);
    const ok = base({ notifications: [{ phase: 'initial', sentAt: '2026-03-30T12:00', delayReasons: 'Investigation forensique' }] });
    expect(() => checkBreach(ok, { hours: 72, processor: false })).not.toThrow();
    const onTime = base({ notifications: [{ phase: 'initial', sentAt: '2026-03-30T11:00' }] });
    expect(() => checkBreach(onTime, { hours: 72, processor: false })).not.toThrow();
    // Processor's case: Art. 33(2) has no hour count.
    expect(() => checkBreach(late, { hours: 72, processor: true })).not.toThrow();
  });

  it.each([
    [{ decisions: { authority: { decision: 'not-notify', decidedBy: 'DPO', decidedAt: '2026-03-28T10:00' } } }, /unlikely to result in a risk/],
    [{ decisions: { authority: { decision: 'notify' } } }, /who decided and when/],
    [{ decisions: { people: { decision: 'not-communicate', highRisk: true, decidedBy: 'DPO', decidedAt: '2026-03-28T10:00' } } }, /Art\. 34\(3\) exemption/],
    [{ notifications: [{ phase: 'complementary', sentAt: '2026-03-28T10:00' }] }, /first notification must be the initial one/],
    [{ notifications: [{ phase: 'initial', sentAt: '2026-03-20T10:00' }] }, /before awareness/],
    [{ discoveredAt: '2026-03-28T10:00' }, /earlier than the discovery/],
  ])('refuses %j', (over, message) => {
    expect(() => checkBreach(base(over), { hours: 72, processor: false })).toThrow(message);
  });

  it('parseBreach names the field and the fix', () => {
    expect(() => parseBreach({ title: '', timeZone: 'Europe/Paris', awareAt: '2026-03-27T09:00:00Z' })).toThrow(/title: Give the breach a short title/);
    expect(() => normalizeBreachInstants({ awareAt: '2026-02-30T10:00' }, 'Europe/Paris')).toThrow(/awareAt: .*day 30 does not exist/);
  });
});

describe('severity, references, summary', () => {
  it('recomputes the ENISA score from the factors', () => {
    const s = scoreSeverity({ dpc: 3, dpcAdjustment: 0, ei: 'significant', confidentiality: 'none', integrity: 'none', availability: 'none', malicious: true, justification: 'x', assessedBy: '', score: 1, level: 'low' });
    expect(s).toMatchObject({ score: 2.75, level: 'medium' });
  });
  it('references BR-YYYY-NNN per year', () => {
    expect(nextBreachReference([], 2026)).toBe('BR-2026-001');
    expect(nextBreachReference(['BR-2026-001', 'BR-2026-009', 'BR-2025-044'], 2026)).toBe('BR-2026-010');
  });
  it('summarises for the dashboard', () => {
    const s = summarizeBreaches([
      { id: 'a', reference: 'BR-2026-001', status: 'open', computed: { notifyBy: '2026-03-30T11:00:00+02:00', clockRunning: true, overdue: true } },
      { id: 'b', reference: 'BR-2026-002', status: 'contained', computed: { notifyBy: '2026-03-29T11:00:00+02:00', clockRunning: true, overdue: false } },
      { id: 'c', reference: 'BR-2026-003', status: 'closed', computed: { notifyBy: '2026-03-29T11:00:00+02:00', clockRunning: false, overdue: false } },
    ]);
    expect(s).toEqual({ open: 2, clocksRunning: [{ id: 'b', reference: 'BR-2026-002', notifyBy: '2026-03-29T11:00:00+02:00' }, { id: 'a', reference: 'BR-2026-001', notifyBy: '2026-03-30T11:00:00+02:00' }], overdueNotifications: 1, byStatus: { open: 1, contained: 1, closed: 1 } });
  });
});

describe('CNIL draft', () => {
  const profile = { ...DEFAULT_ORG_PROFILE, controller_name: 'ACME SAS', siren: '123456789', dpo_name: 'Jeanne Dupont', dpo_email: 'dpo@acme.fr' };
  it('every source of the form data file is known', () => {
    const b = { ...base(), reference: 'BR-2026-001' };
    const c = computeBreach(b, { hours: 72, now: new Date('2026-03-28T00:00:00Z'), processor: false });
    for (const s of CNIL_FORM.sections) for (const f of s.fields) expect(() => sourceValue(f.source, b, profile, c, 'fr')).not.toThrow();
    expect(CNIL_FORM.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('follows the form order and lists what is missing, marked [À COMPLÉTER : …]', () => {
    const b = { ...base({ nature: ['confidentiality'], description: 'Un tableur envoyé au mauvais destinataire.' }), reference: 'BR-2026-001' };
    const c = computeBreach(b, { hours: 72, now: new Date('2026-03-28T00:00:00Z'), processor: false });
    const d = buildCnilDraft(b, profile, c);
    expect(d.kind).toBe('cnil');
    const fields = d.missing.map((m) => m.field);
    expect(fields).toContain('organisation.sector');
    expect(fields).toContain('contact.phone');
    expect(fields).toContain('data.peopleCount');
    expect(fields).toContain('harms.gravity');
    expect(fields).not.toContain('about.nature');
    expect(fields).not.toContain('about.description');
    expect(fields).not.toContain('dates.delayReasons'); // on time so far
    expect(d.text).toContain('[À COMPLÉTER : Secteur d\'activité]');
    expect(d.text).toContain('Perte de la confidentialité');
    expect(d.text.replace(/[\u00A0\u202F]/g, ' ')).toContain('vendredi 27 mars 2026 à 10 h 00 (UTC+1, Europe/Paris)');
    expect(d.text.indexOf('1. Type de notification')).toBeLessThan(d.text.indexOf('14. Notifications transfrontalières'));
    // Overdue: the reasons for the delay become required.
    const late = computeBreach(b, { hours: 72, now: new Date('2026-04-10T00:00:00Z'), processor: false });
    expect(buildCnilDraft(b, profile, late).missing.map((m) => m.field)).toContain('dates.delayReasons');
  });

  it('processor case: the notice to the controller instead', () => {
    const b = { ...base(), reference: 'BR-2026-002' };
    const c = computeBreach(b, { hours: 72, now: new Date('2026-03-28T00:00:00Z'), processor: true });
    const d = buildControllerNotice(b, profile, c);
    expect(d.kind).toBe('controller-notice');
    expect(d.text).toContain('art. 33(2)');
    expect(d.missing.map((m) => m.field)).toContain('facts.nature');
  });
});
