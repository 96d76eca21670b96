import { describe, expect, it } from 'vitest';
import { uiLanguageOf } from './ui-language';

describe('uiLanguageOf', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['en-US', 'en'],
    ['EN', 'en'],
    [' en ', 'en'],
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['fr-CA', 'fr'],
    ['de', 'fr'],
    ['', 'fr'],
    [undefined, 'fr'],
    [null, 'fr'],
  ] as const)('%o → %s', (code, expected) => {
    expect(uiLanguageOf(code)).toBe(expected);
  });
});
