import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpTables } from '../db/test-fixtures/dump';
import { openDatabase } from '../db/open';
import { DomainError } from '../domain/errors';
import { BreachesService } from './breaches';
import { normalisePassphrase } from './passphrase';
import { RequestsService } from './requests';
import { VendorsService } from './vendors';
import { Workspace } from './workspace';

const PASS = 'input safety passphrase';
const opened: Workspace[] = [];
afterEach(async () => {
  for (const w of opened.splice(0)) await w.close();
});
const dir = () => mkdtempSync(join(tmpdir(), 'vigie-safety-'));
async function ws(): Promise<Workspace> {
  const w = await Workspace.create(join(dir(), 'w.vigie'), PASS, { actor: 'test', profile: { controller_name: 'ACME SAS' } });
  opened.push(w);
  return w;
}
function dump(w: Workspace): string {
  return dumpTables(w.raw);
}
async function refused(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('input that would break or disguise the workspace is refused, and changes nothing', () => {
  it('a jurisdiction the deadline engine does not know is refused (and rights requests keep working)', async () => {
    const w = await ws();
    const before = dump(w);
    const e = await refused(w.updateProfile({ jurisdiction: 'ZZ' }));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/jurisdiction: Not a jurisdiction Vigie knows\. Use one of: AT, BE.*FR-57/);
    expect(dump(w)).toBe(before);
    await new RequestsService(w).create({ requester: { name: 'A' }, rights: ['access'], channel: 'email', receivedOn: yesterday });
    await w.updateProfile({ jurisdiction: 'FR-57' });
    expect((await w.getProfile()).profile.jurisdiction).toBe('FR-57');
  });

  it('an unknown profile field is an error listing the valid ones', async () => {
    const w = await ws();
    const before = dump(w);
    const e = await refused(w.updateProfile({ dpo_name: 'Camille', jurisdicton: 'FR' } as never));
    expect(e.message).toMatch(/^Unknown profile field "jurisdicton"\. Valid fields: controller_name, .*jurisdiction.*breach_notification_hours\.$/);
    expect(dump(w)).toBe(before);
  });

  it.each(['not-an-address', 'a@b', 'two@@example.org', 'a b@example.org', '<a@example.org>', `${'x'.repeat(250)}@example.org`])(
    'the same e-mail rule everywhere: %s is refused in the profile, the DPO and a requester',
    async (bad) => {
      const w = await ws();
      const before = dump(w);
      expect((await refused(w.updateProfile({ email: bad }))).message).toMatch(/email: (Not an e-mail address|At most)/);
      expect((await refused(w.updateProfile({ dpo_email: bad }))).message).toMatch(/dpo_email/);
      const r = await refused(new RequestsService(w).create({ requester: { name: 'A', email: bad }, rights: ['access'], channel: 'email', receivedOn: yesterday }));
      expect(r.message).toMatch(/requester\.email/);
      expect(dump(w)).toBe(before);
    },
  );

  it('accepts ordinary and international addresses', async () => {
    const w = await ws();
    await w.updateProfile({ email: 'contact@acme.fr', dpo_email: 'délégué.données@exemple.fr' });
    await new RequestsService(w).create({ requester: { name: 'A', email: 'marie.martin+rgpd@example.co.uk' }, rights: ['access'], channel: 'email', receivedOn: yesterday });
  });

  it('a breach whose awareness moment is in the future is refused (create and update), nothing stored', async () => {
    const w = await ws();
    const now = new Date('2026-06-10T12:00:00Z');
    const s = new BreachesService(w, { now: () => now });
    const before = dump(w);
    const e = await refused(s.create({ title: 'Lost laptop', awareAt: '2062-06-10T10:00', nature: ['confidentiality'] }));
    expect(e.code).toBe('invalid_breach');
    expect(e.message).toMatch(/became aware of the breach \(2062-06-10.*\) is in the future/);
    expect(e.details).toMatchObject({ field: 'awareAt', issues: [{ path: ['awareAt'], code: 'date_in_future' }] });
    expect(dump(w)).toBe(before);
    // Later the same day is in the future too; a few minutes ahead (clock difference) is tolerated.
    await refused(s.create({ title: 'Lost laptop', awareAt: '2026-06-10T16:00', nature: ['confidentiality'] }));
    const ok = await s.create({ title: 'Lost laptop', awareAt: '2026-06-10T14:03', nature: ['confidentiality'] });
    const mid = dump(w);
    const u = await refused(s.update(ok.id, { title: 'Lost laptop', awareAt: '2027-01-01T10:00', nature: ['confidentiality'] }));
    expect(u.code).toBe('invalid_breach');
    expect(dump(w)).toBe(mid);
  });

  it.each([
    ['ESC', 'Marie \u001b[2J Martin', 'U+001B ESC'],
    ['BEL', 'Marie\u0007', 'U+0007 BEL'],
    ['NUL', 'Marie\u0000', 'U+0000 NUL'],
    ['RLO', 'Marie \u202egpj.exe', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['RLI', 'Marie \u2067x', 'U+2067 RIGHT-TO-LEFT ISOLATE'],
  ])('%s in a requester name, a breach title, a vendor name and a profile field is refused', async (_n, text) => {
    const w = await ws();
    const before = dump(w);
    const control = /remove the control characters/i;
    expect((await refused(new RequestsService(w).create({ requester: { name: text }, rights: ['access'], channel: 'email', receivedOn: yesterday }))).message).toMatch(control);
    expect((await refused(new BreachesService(w).create({ title: text, awareAt: '2026-01-10T10:00', nature: ['confidentiality'] }))).message).toMatch(control);
    expect((await refused(new VendorsService(w).create({ name: text, country: 'FR', role: 'processor' }))).message).toMatch(control);
    const p = await refused(w.updateProfile({ controller_name: text }));
    expect(p.message).toMatch(/remove the control characters from controller_name \(U\+/);
    expect(p.message).not.toContain(text);
    expect(dump(w)).toBe(before);
  });

  it('keeps line breaks, tabs and right-to-left marks (U+200F) in free text', async () => {
    const w = await ws();
    await w.updateProfile({ address: '1 rue de la Paix\nBâtiment B\t3e étage', controller_name: 'שלום\u200f ACME' });
    expect((await w.getProfile()).profile.address).toContain('\n');
  });
});

describe('passphrases', () => {
  const nfd = 'cafe\u0301 au lait 2026';
  const nfc = 'caf\u00e9 au lait 2026';

  it('are NFC-normalised: created with a decomposed é, opened with a composed one (and back)', async () => {
    const path = join(dir(), 'w.vigie');
    await (await Workspace.create(path, nfd, { actor: 't' })).close();
    await (await Workspace.open(path, nfc, { actor: 't' })).close();
    await (await Workspace.open(path, nfd, { actor: 't' })).close();
    expect(normalisePassphrase(nfd)).toBe(nfc);
  });

  it('a workspace keyed before normalisation with a decomposed passphrase still opens with it', async () => {
    const path = join(dir(), 'old.vigie');
    const old = await openDatabase({ path, passphrase: nfd, mode: 'create' });
    await old.db.destroy();
    await (await Workspace.open(path, nfd, { actor: 't' })).close();
  });

  it('a NUL is refused with a message that does not echo the passphrase; no file is created', async () => {
    const d = dir();
    const secret = 'my secret\u0000passphrase';
    const e = await refused(Workspace.create(join(d, 'w.vigie'), secret, { actor: 't' }));
    expect(e.code).toBe('passphrase_invalid');
    expect(e.message).not.toContain('secret');
    expect(e.message).toMatch(/NUL/);
    expect(readdirSync(d)).toEqual([]);
    expect(existsSync(join(d, 'w.vigie'))).toBe(false);
  });

  it('a NUL on open is refused the same way, and the workspace is untouched', async () => {
    const path = join(dir(), 'w.vigie');
    const w = await Workspace.create(path, PASS, { actor: 't' });
    const before = dump(w);
    await w.close();
    const e = await refused(Workspace.open(path, `${PASS}\u0000`, { actor: 't' }));
    expect(e.code).toBe('passphrase_invalid');
    expect(e.message).not.toContain(PASS);
    const again = await Workspace.open(path, PASS, { actor: 't' });
    opened.push(again);
    expect(dump(again)).toBe(before);
  });
});
