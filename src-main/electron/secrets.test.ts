import { describe, expect, it } from 'vitest';
import { FakeElectron } from './fake-electron';
import { electronSecrets } from './secrets';

describe('safeStorage (remember passphrase)', () => {
  it.each(['basic_text', 'unknown'] as const)('Linux with the %s backend: refused, nothing is wrapped', (backend) => {
    const e = new FakeElectron();
    e.safeStorage.backend = backend;
    const s = electronSecrets(e.safeStorage as never, 'linux');
    expect(s.available()).toBe(false);
    expect(() => s.encrypt('une phrase de passe')).toThrow(/No OS keychain/);
  });

  it.each(['gnome_libsecret', 'kwallet5', 'kwallet6'] as const)('Linux with %s: available and round-trips', (backend) => {
    const e = new FakeElectron();
    e.safeStorage.backend = backend;
    const s = electronSecrets(e.safeStorage as never, 'linux');
    expect(s.available()).toBe(true);
    const wrapped = s.encrypt('une phrase de passe');
    expect(wrapped).not.toContain('une phrase');
    expect(Buffer.from(wrapped, 'base64').toString()).not.toContain('une phrase de passe');
    expect(s.decrypt(wrapped)).toBe('une phrase de passe');
  });

  it('macOS and Windows: the keychain / DPAPI backend does not depend on a Linux backend name', () => {
    const e = new FakeElectron();
    e.safeStorage.backend = 'basic_text'; // meaningless off Linux
    expect(electronSecrets(e.safeStorage as never, 'darwin').available()).toBe(true);
    expect(electronSecrets(e.safeStorage as never, 'win32').available()).toBe(true);
  });

  it('refused everywhere when encryption is not available', () => {
    const e = new FakeElectron();
    e.safeStorage.encryptionAvailable = false;
    for (const p of ['linux', 'darwin', 'win32'] as const) expect(electronSecrets(e.safeStorage as never, p).available()).toBe(false);
  });
});
