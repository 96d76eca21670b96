import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, describeFile, loutreContents, parseLoutre, verifyPack } from './manifest';

describe('LOUTRE contenu.txt', () => {
  it('writes the header, one TAB-separated line per file, lower-case SHA-256, CRLF', () => {
    const f = describeFile('02-registre/r.csv', strToU8('abc'));
    expect(loutreContents([f])).toBe('Nom du document\tTaille (octets)\tSHA256\r\n02-registre/r.csv\t3\tba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\r\n');
    expect(parseLoutre(loutreContents([f]))).toEqual([f]);
  });

  it.each([
    ['LF line ends', 'Nom du document\tTaille (octets)\tSHA256\na\t1\t' + 'a'.repeat(64) + '\n', 'first line'],
    ['upper-case hash', 'Nom du document\tTaille (octets)\tSHA256\r\na\t1\t' + 'A'.repeat(64) + '\r\n', 'line 2'],
    ['missing size', 'Nom du document\tTaille (octets)\tSHA256\r\na\t\t' + 'a'.repeat(64) + '\r\n', 'line 2'],
  ])('refuses %s', (_n, text, msg) => expect(() => parseLoutre(text)).toThrow(msg));

  it('CRC-32 of "123456789" is CBF43926', () => expect(crc32(strToU8('123456789'))).toBe(0xcbf43926));

  it('reports an archive that is not a ZIP, and a pack without its seals', () => {
    expect(verifyPack(strToU8('not a zip'))).toMatchObject({ ok: false, mismatches: [{ name: '(archive)', problem: 'unreadable' }] });
    const r = verifyPack(zipSync({ 'a.txt': strToU8('x') }));
    expect(r.ok).toBe(false);
    expect(r.mismatches.map((m) => [m.name, m.problem])).toEqual([
      ['contenu.txt', 'missing'],
      ['manifest.json', 'missing'],
    ]);
  });
});
