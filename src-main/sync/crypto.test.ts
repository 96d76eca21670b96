import { describe, expect, it } from 'vitest';
import {
  decryptWith,
  encryptTo,
  generateDeviceKeys,
  isAgeRecipient,
  isSigningPublicKey,
  keyFingerprint,
  publicKeysOf,
  recipientOfIdentity,
  signBytes,
  verifyBytes,
} from './crypto';

const text = (s: string) => new TextEncoder().encode(s);

describe('device keys', () => {
  it('generates an age X25519 pair and an Ed25519 pair that belong together', async () => {
    const k = await generateDeviceKeys('01JDEVICEA');
    expect(k.ageIdentity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(isAgeRecipient(k.ageRecipient)).toBe(true);
    expect(await recipientOfIdentity(k.ageIdentity)).toBe(k.ageRecipient);
    expect(isSigningPublicKey(k.signingPublicKey)).toBe(true);
    expect(Buffer.from(k.signingPublicKey, 'base64url')).toHaveLength(32);
    expect(publicKeysOf(k)).toEqual({ deviceId: '01JDEVICEA', ageRecipient: k.ageRecipient, signingPublicKey: k.signingPublicKey });
    expect(JSON.stringify(publicKeysOf(k))).not.toContain(k.signingPrivateKey);
  });

  it.each([
    ['age1 with a forbidden letter', 'age1' + 'b'.repeat(58), false],
    ['too short', 'age1qqq', false],
    ['a secret key', 'AGE-SECRET-KEY-1' + 'Q'.repeat(58), false],
  ])('rejects a recipient that is %s', (_label, value, ok) => {
    expect(isAgeRecipient(value)).toBe(ok);
  });

  it('rejects malformed signing public keys', () => {
    expect(isSigningPublicKey('abc')).toBe(false);
    expect(isSigningPublicKey('A'.repeat(44))).toBe(false);
  });
});

describe('fingerprint', () => {
  it('is 6 groups of 4 Crockford base32 characters, stable, and different per key pair', async () => {
    const a = await generateDeviceKeys('a');
    const b = await generateDeviceKeys('b');
    const fa = keyFingerprint(a);
    expect(fa).toMatch(/^([0-9A-HJKMNP-TV-Z]{4} ){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(keyFingerprint(publicKeysOf(a))).toBe(fa);
    expect(keyFingerprint(b)).not.toBe(fa);
    // Swapping one of the two public keys changes it: both are covered.
    expect(keyFingerprint({ ageRecipient: a.ageRecipient, signingPublicKey: b.signingPublicKey })).not.toBe(fa);
    expect(keyFingerprint({ ageRecipient: b.ageRecipient, signingPublicKey: a.signingPublicKey })).not.toBe(fa);
  });

  it('matches a known vector (format v1 must never change silently)', () => {
    const fp = keyFingerprint({ ageRecipient: 'age1' + 'q'.repeat(58), signingPublicKey: 'A'.repeat(43) });
    // Checked against an independent bit-by-bit computation; if this changes, old fingerprints no longer compare.
    expect(fp).toBe('TJHV N8BT CADF 4VAF G61T KHRE');
  });
});

describe('encryption to several recipients', () => {
  it('every recipient decrypts; anyone else gets not_a_recipient', async () => {
    const [a, b, c] = await Promise.all([generateDeviceKeys('a'), generateDeviceKeys('b'), generateDeviceKeys('c')]);
    const sealed = await encryptTo([a.ageRecipient, b.ageRecipient, a.ageRecipient], text('Marie Martin'));
    expect(Buffer.from(sealed).includes('Marie')).toBe(false);
    for (const k of [a, b]) {
      const r = await decryptWith(k.ageIdentity, sealed);
      expect(r.ok && new TextDecoder().decode(r.plaintext)).toBe('Marie Martin');
    }
    const other = await decryptWith(c.ageIdentity, sealed);
    expect(other).toMatchObject({ ok: false, reason: 'not_a_recipient' });
  });

  it('a changed byte anywhere or a cut file is damaged, never partial plaintext', async () => {
    const a = await generateDeviceKeys('a');
    const sealed = await encryptTo([a.ageRecipient], new Uint8Array(100_000).fill(7));
    for (const at of [5, 40, sealed.length - 200, sealed.length - 1]) {
      const bad = sealed.slice();
      bad[at]! ^= 0x01;
      expect(await decryptWith(a.ageIdentity, bad), `byte ${at}`).toMatchObject({ ok: false });
    }
    for (const len of [0, 10, 70_000, sealed.length - 1]) {
      expect(await decryptWith(a.ageIdentity, sealed.subarray(0, len)), `length ${len}`).toMatchObject({ ok: false, reason: 'damaged' });
    }
  });

  it('refuses to encrypt to nobody or to a malformed recipient', async () => {
    await expect(encryptTo([], text('x'))).rejects.toThrow(/nobody/);
    await expect(encryptTo(['age1nope'], text('x'))).rejects.toThrow(/Not an age X25519 recipient/);
  });
});

describe('signatures', () => {
  it('verifies its own signature and refuses a changed message, another key or garbage', async () => {
    const a = await generateDeviceKeys('a');
    const b = await generateDeviceKeys('b');
    const msg = text('bundle body');
    const sig = signBytes(a.signingPrivateKey, msg);
    expect(sig).toHaveLength(64);
    expect(verifyBytes(a.signingPublicKey, msg, sig)).toBe(true);
    expect(verifyBytes(a.signingPublicKey, text('bundle bodY'), sig)).toBe(false);
    expect(verifyBytes(b.signingPublicKey, msg, sig)).toBe(false);
    expect(verifyBytes(a.signingPublicKey, msg, sig.subarray(0, 63))).toBe(false);
    expect(verifyBytes('not-a-key', msg, sig)).toBe(false);
  });
});
