import { describe, expect, it } from 'vitest';
import { classifyExternalUrl, openExternalSafely } from './external-links';
import { FakeElectron } from './fake-electron';

describe('openExternal allowlist (checklist 16)', () => {
  it.each([
    ['https://www.cnil.fr/fr/notifier-une-violation-de-donnees-personnelles', 'open'],
    ['https://cnil.fr/', 'open'],
    ['https://notifications.cnil.fr/notifications/index', 'open'],
    ['https://eur-lex.europa.eu/eli/reg/2016/679/oj', 'open'],
    ['https://www.edpb.europa.eu/our-work-tools/our-documents_fr', 'open'],
    ['https://edpb.europa.eu/', 'open'],
    ['mailto:dpo@example.fr?subject=Demande', 'open'],
    ['http://www.cnil.fr/', 'ask'], // not https
    ['https://www.cnil.fr:8443/', 'ask'],
    ['https://cnil.fr.evil.example/', 'ask'],
    ['https://evilcnil.fr/', 'ask'],
    ['https://www.cnil.fr@evil.example/', 'ask'],
    ['https://europa.eu/', 'ask'],
    ['https://example.com/', 'ask'],
    ['file:///C:/Windows/System32/calc.exe', 'refuse'],
    ['smb://attacker/share', 'refuse'],
    ['javascript:alert(1)', 'refuse'],
    ['ms-msdt:/id PCWDiagnostic', 'refuse'],
    ['vigie://open', 'refuse'],
    ['not a url', 'refuse'],
  ])('%s → %s', (url, verdict) => {
    expect(classifyExternalUrl(url)).toBe(verdict);
  });

  it('opens an allowlisted address without asking', async () => {
    const e = new FakeElectron();
    expect(await openExternalSafely(e.api(), 'https://eur-lex.europa.eu/eli/reg/2016/679/oj')).toBe(true);
    expect(e.opened).toEqual(['https://eur-lex.europa.eu/eli/reg/2016/679/oj']);
    expect(e.dialog.messageBoxes).toEqual([]);
  });

  it('asks before any other web address, showing it in full; Cancel opens nothing', async () => {
    const e = new FakeElectron();
    e.dialog.nextResponse = 0;
    expect(await openExternalSafely(e.api(), 'https://example.com/a?b=c', { language: 'en' })).toBe(false);
    expect(e.opened).toEqual([]);
    expect(e.dialog.messageBoxes[0]).toMatchObject({ message: 'Open this address in your browser?', buttons: ['Cancel', 'Open'], cancelId: 0 });
    expect(e.dialog.messageBoxes[0]!.detail).toContain('https://example.com/a?b=c');
    e.dialog.nextResponse = 1;
    expect(await openExternalSafely(e.api(), 'https://example.com/a?b=c')).toBe(true);
    expect(e.opened).toEqual(['https://example.com/a?b=c']);
    expect(e.dialog.messageBoxes[1]!.message).toBe('Ouvrir cette adresse dans votre navigateur ?');
  });

  it('refuses other schemes without even asking', async () => {
    const e = new FakeElectron();
    e.dialog.nextResponse = 1;
    expect(await openExternalSafely(e.api(), 'file:///etc/passwd')).toBe(false);
    expect(e.dialog.messageBoxes).toEqual([]);
    expect(e.opened).toEqual([]);
  });
});
