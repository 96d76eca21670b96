/**
 * Device keys for sync through a shared folder (issue 10, Part 2).
 *
 * Crypto format v1 (2026-12-01), bumped, never changed silently:
 * - Encryption: age (https://age-encryption.org/v1) through the `age-encryption` package, native
 *   X25519 recipients (`age1…`), one recipient per current member. age authenticates the header
 *   (HMAC) and every 64 KiB chunk (ChaCha20-Poly1305 with a last-chunk flag), so a flipped byte
 *   or a truncated file fails to decrypt instead of yielding partial plaintext.
 * - age says nothing about who wrote a file: every signed object also carries an Ed25519
 *   signature (node:crypto). Public keys travel as base64url of the raw 32 bytes; the private
 *   key is kept as base64 of its PKCS#8 DER, inside the encrypted workspace only.
 * - Fingerprint: SHA-256 over a domain tag and both public keys, first 120 bits in Crockford
 *   base32 (no I, L, O, U: easy to read aloud), 6 groups of 4, e.g. `7KQ2 M9XD …`.
 *
 * This module runs under Node 22+ and in Electron's main process: age-encryption is plain ESM
 * over WebCrypto (globalThis.crypto) and @noble primitives; Ed25519 comes from node:crypto,
 * which BoringSSL (Electron) and OpenSSL (Node) both provide.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';

export const CRYPTO_FORMAT = 1;

/** Everything one device needs to decrypt and sign. Secret: lives only inside the encrypted workspace. */
export interface DeviceKeys {
  deviceId: string;
  /** age X25519 identity, `AGE-SECRET-KEY-1…`. */
  ageIdentity: string;
  /** age X25519 recipient, `age1…` (public). */
  ageRecipient: string;
  /** Ed25519 private key, base64 of PKCS#8 DER. */
  signingPrivateKey: string;
  /** Ed25519 public key, base64url of the raw 32 bytes. */
  signingPublicKey: string;
}

/** What other members know of a device: its public halves. */
export interface PublicDeviceKeys {
  deviceId: string;
  ageRecipient: string;
  signingPublicKey: string;
}

/** The signing half a sealer needs. */
export interface Signer {
  deviceId: string;
  signingPrivateKey: string;
}

const X25519_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
const ED25519_PUBLIC_RAW = /^[A-Za-z0-9_-]{43}$/;
// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export async function generateDeviceKeys(deviceId: string): Promise<DeviceKeys> {
  const ageIdentity = await generateX25519Identity();
  const ageRecipient = await identityToRecipient(ageIdentity);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    deviceId,
    ageIdentity,
    ageRecipient,
    signingPrivateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    signingPublicKey: rawPublicKey(publicKey).toString('base64url'),
  };
}

export function publicKeysOf(keys: DeviceKeys): PublicDeviceKeys {
  return { deviceId: keys.deviceId, ageRecipient: keys.ageRecipient, signingPublicKey: keys.signingPublicKey };
}

export function isAgeRecipient(text: string): boolean {
  return X25519_RECIPIENT.test(text);
}

export function isSigningPublicKey(text: string): boolean {
  if (!ED25519_PUBLIC_RAW.test(text)) return false;
  try {
    publicKeyObject(text);
    return true;
  } catch {
    return false;
  }
}

/** Checks that an identity and a recipient belong together (e.g. after loading keys from storage). */
export async function recipientOfIdentity(ageIdentity: string): Promise<string> {
  return identityToRecipient(ageIdentity);
}

// ---------------------------------------------------------------------------------------------
// Fingerprint

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short text two people compare by phone before one approves the other's join request.
 * 120 bits: finding another key pair with the same fingerprint takes ~2^120 work.
 */
export function keyFingerprint(keys: { ageRecipient: string; signingPublicKey: string }): string {
  const digest = createHash('sha256').update(`vigie-member-fingerprint/1\n${keys.ageRecipient}\n${keys.signingPublicKey}\n`, 'utf8').digest();
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const byte of digest) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 24) {
      out += CROCKFORD[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
    if (out.length === 24) break;
  }
  return out.match(/.{4}/g)!.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Encryption

/** Encrypts to every recipient given (duplicates collapse). Refuses an empty or malformed list. */
export async function encryptTo(recipients: readonly string[], plaintext: Uint8Array): Promise<Uint8Array> {
  const unique = [...new Set(recipients)];
  if (unique.length === 0) throw new Error('Cannot encrypt to nobody: the member list has no recipient.');
  const e = new Encrypter();
  for (const r of unique) {
    if (!isAgeRecipient(r)) throw new Error(`Not an age X25519 recipient: ${JSON.stringify(r.slice(0, 80))}`);
    e.addRecipient(r);
  }
  return e.encrypt(plaintext);
}

export type DecryptFailure = 'not_a_recipient' | 'damaged';
export type DecryptResult = { ok: true; plaintext: Uint8Array } | { ok: false; reason: DecryptFailure; detail: string };

/**
 * Decrypts with one identity; never throws on bad input. `not_a_recipient`: the file was not
 * encrypted to this device (e.g. written after it was removed). `damaged`: not an age file, a
 * changed byte, or a cut file (age's header MAC and per-chunk tags catch all three).
 */
export async function decryptWith(ageIdentity: string, ciphertext: Uint8Array): Promise<DecryptResult> {
  const d = new Decrypter();
  d.addIdentity(ageIdentity);
  try {
    return { ok: true, plaintext: await d.decrypt(ciphertext, 'uint8array') };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    if (/no identity matched/i.test(detail)) return { ok: false, reason: 'not_a_recipient', detail };
    return { ok: false, reason: 'damaged', detail };
  }
}

// ---------------------------------------------------------------------------------------------
// Signatures

export function signBytes(signingPrivateKey: string, data: Uint8Array): Uint8Array {
  const key = createPrivateKey({ key: Buffer.from(signingPrivateKey, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The signing key is not an Ed25519 key.');
  return new Uint8Array(edSign(null, data, key));
}

/** True only for a valid Ed25519 signature by this key; false (never a throw) for anything malformed. */
export function verifyBytes(signingPublicKey: string, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64 || !ED25519_PUBLIC_RAW.test(signingPublicKey)) return false;
  try {
    return edVerify(null, data, publicKeyObject(signingPublicKey), signature);
  } catch {
    return false;
  }
}

function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(ED25519_SPKI_PREFIX.length);
}

function publicKeyObject(rawBase64url: string): KeyObject {
  const raw = Buffer.from(rawBase64url, 'base64url');
  if (raw.length !== 32) throw new Error('An Ed25519 public key is 32 bytes.');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}
