import { describe, expect, it } from 'vitest';
import { base64DecodedSize, checkAttachmentSize, computeCase, matchesStatus, MAX_ATTACHMENT_BYTES, median, nextDsarReference, parseDsarCase, summarize, tasksForRights } from './case';

const base = { requester: { name: 'Marie Martin' }, rights: ['access'], channel: 'email', receivedOn: '2026-03-05' };

describe('DSAR references', () => {
  it.each([
    [[], 2026, 'DSAR-2026-0001'],
    [['DSAR-2026-0001', 'DSAR-2026-0007'], 2026, 'DSAR-2026-0008'],
    [['DSAR-2025-0042'], 2026, 'DSAR-2026-0001'],
    [['DSAR-2026-9999'], 2026, 'DSAR-2026-10000'],
    [['T-001', 'junk'], 2027, 'DSAR-2027-0001'],
  ])('after %j in %i → %s', (used, year, next) => expect(nextDsarReference(used, year)).toBe(next));
});

describe('case status and warnings', () => {
  const c = (over: Record<string, unknown> = {}) => parseDsarCase({ ...base, ...over });
  it.each([
    ['2026-03-10', {}, 'on-track', '2026-04-07'],
    ['2026-04-01', {}, 'due-soon', '2026-04-07'],
    ['2026-04-07', {}, 'due-soon', '2026-04-07'],
    ['2026-04-08', {}, 'overdue', '2026-04-07'],
    ['2026-04-08', { extension: { decidedOn: '2026-03-20', reasons: 'Volume', notifiedOn: '2026-03-21' } }, 'extended', '2026-06-05'],
    ['2026-06-08', { extension: { decidedOn: '2026-03-20', reasons: 'Volume', notifiedOn: '2026-03-21' } }, 'overdue', '2026-06-05'],
    ['2026-09-01', { outcome: { result: 'fulfilled' }, response: { sentOn: '2026-03-30' } }, 'closed', '2026-04-07'],
    // An extension notified late (or not at all by the limit) may not hold: the one-month deadline stays.
    ['2026-04-10', { extension: { decidedOn: '2026-03-20', reasons: 'Volume', notifiedOn: '2026-04-08' } }, 'overdue', '2026-04-07'],
    ['2026-04-10', { extension: { decidedOn: '2026-03-20', reasons: 'Volume' } }, 'overdue', '2026-04-07'],
    ['2026-04-06', { extension: { decidedOn: '2026-03-20', reasons: 'Volume' } }, 'extended', '2026-06-05'],
  ])('on %s with %j → %s (due %s)', (today, over, status, due) => {
    const k = computeCase(c(over), { defaultJurisdiction: 'FR', today });
    expect(k.status).toBe(status);
    expect(k.dueDate).toBe(due);
  });

  it.each([
    [{ extension: { decidedOn: '2026-04-01', reasons: 'x', notifiedOn: '2026-04-07' } }, '2026-04-10', []],
    [{ extension: { decidedOn: '2026-04-01', reasons: 'x', notifiedOn: '2026-04-08' } }, '2026-04-10', ['extension-notice-late']],
    [{ extension: { decidedOn: '2026-04-01', reasons: 'x' } }, '2026-04-08', ['extension-notice-missing']],
    [{ extension: { decidedOn: '2026-04-01', notifiedOn: '2026-04-02' } }, '2026-04-03', ['extension-without-reasons']],
    [{ outcome: { result: 'fulfilled' }, response: { sentOn: '2026-04-08' } }, '2026-04-10', ['response-late']],
    [{ identity: { requestedOn: '2026-03-06' } }, '2026-03-10', ['awaiting-identity']],
  ])('%j on %s warns %j', (over, today, codes) => {
    expect(computeCase(c(over), { defaultJurisdiction: 'FR', today }).warnings.map((w) => w.code)).toEqual(codes);
  });

  it('open matches every status but closed', () => {
    expect(['on-track', 'due-soon', 'overdue', 'extended'].every((s) => matchesStatus(s as never, 'open'))).toBe(true);
    expect(matchesStatus('closed', 'open')).toBe(false);
    expect(matchesStatus('overdue', 'due-soon')).toBe(false);
  });
});

describe('validation', () => {
  it.each([
    [{ rights: [] }, /rights: Choose at least one right/],
    [{ channel: 'fax' }, /channel/],
    [{ receivedOn: '05/03/2026' }, /receivedOn: Use a real date/],
    [{ receivedTime: '25:00' }, /receivedTime: Use a time/],
    [{ identity: { receivedOn: '2026-03-07' } }, /identity.requestedOn is not/],
    [{ identity: { requestedOn: '2026-03-08', receivedOn: '2026-03-07' } }, /identity.receivedOn \(2026-03-07\) is before the day it was requested/],
    [{ response: { sentOn: '2026-03-08' } }, /record its outcome/],
    [{ outcome: { result: 'partly', reasons: ' ' } }, /must give its reasons/],
  ])('%j is refused', (over, message) => {
    expect(() => parseDsarCase({ ...base, ...over })).toThrow(message);
  });

  it('deduplicates rights and drops an objection ground when objection is not requested', () => {
    const c = parseDsarCase({ ...base, rights: ['access', 'access'], objectionGround: 'marketing' });
    expect(c.rights).toEqual(['access']);
    expect(c.objectionGround).toBeNull();
  });

  it('builds the checklist per right and keeps ticked tasks', () => {
    const t = parseDsarCase({ ...base, rights: ['erasure'], tasks: tasksForRights(['erasure'], []) }).tasks;
    expect(t.map((x) => x.id)).toEqual(['grounds', 'erase', 'notify']);
    t[0]!.done = true;
    const t2 = tasksForRights(['erasure', 'portability'], t);
    expect(t2[0]!.done).toBe(true);
    expect(t2.filter((x) => x.right === 'portability')).toHaveLength(2);
  });
});

describe('attachment size', () => {
  it.each([
    ['', 0],
    ['YQ==', 1],
    ['YWI=', 2],
    ['YWJj', 3],
  ])('base64 %j decodes to %i bytes', (b64, n) => expect(base64DecodedSize(b64)).toBe(n));
  it('refuses over 15 MiB and empty files', () => {
    expect(() => checkAttachmentSize(MAX_ATTACHMENT_BYTES, 'a.pdf')).not.toThrow();
    expect(() => checkAttachmentSize(MAX_ATTACHMENT_BYTES + 1, 'a.pdf')).toThrow(/limited to 15 MiB/);
    expect(() => checkAttachmentSize(0, 'a.pdf')).toThrow(/empty/);
  });
});

describe('summary', () => {
  it('counts open work and computes on-time rate and median over 12 months', () => {
    const mk = (receivedOn: string, over: Record<string, unknown>, today: string) => {
      const c = parseDsarCase({ ...base, receivedOn, ...over });
      return { rights: c.rights, receivedOn, responseSentOn: c.response.sentOn ?? null, extensionNotifiedOn: c.extension.notifiedOn ?? null, computed: computeCase(c, { defaultJurisdiction: 'FR', today }) };
    };
    const today = '2026-04-03';
    const s = summarize(
      [
        mk('2026-03-05', {}, today), // due 04-07: this week
        mk('2026-02-02', {}, today), // overdue
        mk('2026-03-20', { identity: { requestedOn: '2026-03-21' } }, today), // awaiting identity
        mk('2026-03-25', { extension: { decidedOn: '2026-03-30', reasons: 'x' } }, today), // notice due
        mk('2026-01-05', { outcome: { result: 'fulfilled' }, response: { sentOn: '2026-01-15' } }, today), // 10 days, on time
        mk('2026-01-05', { outcome: { result: 'fulfilled' }, response: { sentOn: '2026-02-20' } }, today), // 46 days, late
        mk('2026-01-06', { outcome: { result: 'no-data' }, response: { sentOn: '2026-01-26' } }, today), // 20 days
        mk('2024-01-05', { outcome: { result: 'fulfilled' }, response: { sentOn: '2024-01-07' } }, today), // older than 12 months
      ],
      today,
    );
    expect(s).toMatchObject({ open: 4, dueThisWeek: 1, overdue: 1, awaitingIdentity: 1, extensionNoticesDue: 1, answeredLast12Months: 3, medianDaysToRespond: 20 });
    expect(s.onTimeRate).toBeCloseTo(2 / 3);
    expect(s.countsByRight.access).toBe(8);
    expect(median([])).toBeNull();
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
});
