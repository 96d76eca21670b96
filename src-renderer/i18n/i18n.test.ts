import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Tree = { [k: string]: string | Tree };
const dir = import.meta.dirname;
const load = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Tree;
function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}
function values(t: Tree): string[] {
  return Object.values(t).flatMap((v) => (typeof v === 'object' ? values(v) : [v]));
}

describe('translations', () => {
  const pairs: Array<[string, string]> = [['fr.json', 'en.json'], ...readdirSync(join(dir, 'areas')).filter((f) => f.endsWith('.fr.json')).map((f) => [`areas/${f}`, `areas/${f.replace('.fr.json', '.en.json')}`] as [string, string])];
  it.each(pairs)('%s and %s have the same keys and no empty string', (frFile, enFile) => {
    const fr = load(frFile);
    const en = load(enFile);
    expect(keys(fr).sort()).toEqual(keys(en).sort());
    expect(values(fr).filter((v) => v.trim() === '')).toEqual([]);
    expect(values(en).filter((v) => v.trim() === '')).toEqual([]);
  });
  it('every key used in the renderer exists in both languages', () => {
    const all = (t: string) => new Set([load(`${t}.json`), ...readdirSync(join(dir, 'areas')).filter((f) => f.endsWith(`.${t}.json`)).map((f) => load(`areas/${f}`))].flatMap((x) => keys(x)));
    const fr = all('fr');
    const en = all('en');
    const used = new Set<string>();
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (/\.tsx?$/.test(e.name)) for (const m of readFileSync(join(d, e.name), 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]!);
      }
    };
    walk(join(dir, '..'));
    const plural = (set: Set<string>, k: string) => set.has(k) || set.has(`${k}_one`) || set.has(`${k}_other`);
    expect([...used].filter((k) => !plural(fr, k))).toEqual([]);
    expect([...used].filter((k) => !plural(en, k))).toEqual([]);
  });
});
