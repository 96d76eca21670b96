import { describe, expect, it } from 'vitest';
import { describeChar, emailSchema, findUnsafeText, isEmailAddress, optionalEmailSchema, stripUnsafeText, unsafeCharIn } from './text';

describe('unsafe text', () => {
  it.each([
    ['plain', undefined],
    ['line\nbreak\ttab\r\n', undefined],
    ['RLM \u200f and LRM \u200e', undefined],
    ['accents é ü ß 漢字 🙂', undefined],
    ['a\u0000', 'U+0000 NUL'],
    ['a\u0007', 'U+0007 BEL'],
    ['a\u001b[31m', 'U+001B ESC'],
    ['a\u007f', 'U+007F DEL'],
    ['a\u009b', 'U+009B'],
    ['a\u202a', 'U+202A'],
    ['a\u202e', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['a\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
    ['a\u2069', 'U+2069'],
  ])('%j → %s', (s, expected) => {
    expect(unsafeCharIn(s)).toBe(expected);
  });

  it('finds unsafe strings deep in objects and arrays, keys included, with their paths', () => {
    expect(findUnsafeText({ a: 'ok', b: [{ c: 'x\u001b' }], ['k\u202e']: 1 })).toEqual([
      { path: ['b', '0', 'c'], char: 'U+001B ESC' },
      { path: ['(key)'], char: 'U+202E RIGHT-TO-LEFT OVERRIDE' },
    ]);
  });

  it('strips only the unsafe characters', () => {
    expect(stripUnsafeText('Ma\u0000rie\u202e\tMartin\n')).toBe('Marie\tMartin\n');
    expect(describeChar('\u001b')).toBe('U+001B ESC');
  });
});

describe('one e-mail rule', () => {
  it.each(['a@example.org', 'marie.martin+rgpd@example.co.uk', 'délégué@exemple.fr', 'x@sub.domaine.fr', 'o\'brien@example.ie'])('accepts %s', (s) => {
    expect(isEmailAddress(s)).toBe(true);
    expect(emailSchema.safeParse(` ${s} `).success).toBe(true);
  });
  it.each(['', 'a', 'a@b', 'a@b.c', '@example.org', 'a@@example.org', 'a b@example.org', 'a@exa mple.org', '<a@example.org>', 'a@example..org', 'a,b@example.org', `a@example.org\u001b`, `${'x'.repeat(250)}@example.org`])(
    'refuses %j with the invalid_email code',
    (s) => {
      expect(isEmailAddress(s)).toBe(false);
      const r = emailSchema.safeParse(s);
      expect(r.success).toBe(false);
    },
  );
  it('the optional variant accepts an empty value only', () => {
    expect(optionalEmailSchema.safeParse('').success).toBe(true);
    const r = optionalEmailSchema.safeParse('nope');
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]).toMatchObject({ code: 'custom', params: { code: 'invalid_email' } });
  });
});
