import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ISSUE_CODES } from '../../src-main/api/contracts/errors';

type Tree = { [k: string]: string | Tree };
const dir = import.meta.dirname;
/** Every translation file of a language, merged as i18n/index.ts does. */
function strings(lang: 'fr' | 'en'): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (t: Tree, prefix: string) => {
    for (const [k, v] of Object.entries(t)) {
      if (typeof v === 'object') walk(v, `${prefix}${k}.`);
      else out.set(`${prefix}${k}`, v);
    }
  };
  walk(JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8')) as Tree, '');
  for (const f of readdirSync(join(dir, 'areas')).filter((f) => f.endsWith(`.${lang}.json`))) walk(JSON.parse(readFileSync(join(dir, 'areas', f), 'utf8')) as Tree, '');
  return out;
}

describe('error codes → sentences', () => {
  const fr = strings('fr');
  const en = strings('en');
  it.each(['fr', 'en'] as const)('every error code and every field-issue code has a %s sentence', (lang) => {
    const texts = lang === 'fr' ? fr : en;
    expect(ERROR_CODES.filter((c) => !texts.get(`errors.${c}`)?.trim())).toEqual([]);
    expect(ISSUE_CODES.filter((c) => !texts.get(`issues.${c}`)?.trim())).toEqual([]);
    expect(texts.get('errors.unknown')).toBeTruthy();
  });

  it('French sentences are French: no English zod wording, no raw code, no-break space before : ; ! ?', () => {
    for (const key of [...ERROR_CODES.map((c) => `errors.${c}`), ...ISSUE_CODES.map((c) => `issues.${c}`)]) {
      const text = fr.get(key)!.replace(/\{\{\w+\}\}/g, '');
      expect(text, key).not.toMatch(/Invalid input|Too big|Too small|expected|[a-z]+_[a-z_]+/);
      expect(text, key).not.toBe(en.get(key));
    }
  });

  it('the error sentences of this file follow French typography (no-break space before : ; ! ?)', () => {
    const own = JSON.parse(readFileSync(join(dir, 'areas', 'errors.fr.json'), 'utf8')) as { errors: Record<string, string>; issues: Record<string, string> };
    for (const [key, text] of [...Object.entries(own.errors), ...Object.entries(own.issues)]) expect(text, key).not.toMatch(/ [:;!?]/);
  });

  it('a sentence only uses the params its code is sent with', () => {
    const allowed: Record<string, string[]> = {
      'errors.output_extension_mismatch': ['format', 'expected'],
      'errors.output_exists': ['name'],
      'errors.nonexistent_local_time': ['timeZone', 'date', 'from', 'to'],
      'issues.too_short': ['min'],
      'issues.too_long': ['max'],
      'issues.too_small': ['min'],
      'issues.too_big': ['max'],
      'issues.too_many': ['max'],
      'errors.fieldIssue': ['field', 'message'],
    };
    for (const texts of [fr, en]) {
      for (const [key, text] of texts) {
        if (!key.startsWith('errors.') && !key.startsWith('issues.')) continue;
        const used = [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
        expect(used.filter((p) => !(allowed[key] ?? []).includes(p)), key).toEqual([]);
      }
    }
  });

  it('every error code thrown in src-main is in ERROR_CODES (so it has FR and EN text)', () => {
    const root = join(dir, '..', '..', 'src-main');
    const thrown = new Set<string>();
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
          const src = readFileSync(join(d, e.name), 'utf8');
          for (const m of src.matchAll(/new DomainError\(\s*'([a-z_]+)'/g)) thrown.add(m[1]!);
          for (const m of src.matchAll(/new CliError\([^;]*?,\s*\d+,\s*'([a-z_]+)'\)/g)) thrown.add(m[1]!);
          for (const m of src.matchAll(/error: \{ code: '([a-z_]+)'/g)) thrown.add(m[1]!);
          for (const m of src.matchAll(/\bfail\(\s*'([a-z]+_[a-z_]+)',/g)) thrown.add(m[1]!);
        }
      }
    };
    walk(root);
    expect(thrown.size).toBeGreaterThan(30);
    expect([...thrown].filter((c) => !(ERROR_CODES as readonly string[]).includes(c)).sort()).toEqual([]);
  });
});
