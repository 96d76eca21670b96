/**
 * Text that is safe to keep in a workspace and to show: no terminal control characters (ESC, BEL,
 * NUL…), no bidi embeddings/overrides/isolates that make "gpj.exe" read as "exe.jpg", and e-mail
 * addresses checked the same way everywhere. Pure (zod only), so the renderer validates with it too.
 */
import { z } from 'zod';
import { DomainError } from './errors';

/**
 * Refused in every text a person or a file gives Vigie: C0 controls except TAB, LF and CR; DEL;
 * C1 controls; U+202A–202E (LRE, RLE, PDF, LRO, RLO) and U+2066–2069 (LRI, RLI, FSI, PDI).
 * The marks U+200E/U+200F (LRM/RLM) stay allowed: right-to-left names need them and they cannot
 * reorder text.
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_TEXT_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const NAMES: Record<number, string> = { 0x00: 'NUL', 0x07: 'BEL', 0x08: 'BS', 0x1b: 'ESC', 0x7f: 'DEL', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE' };

/** "U+001B ESC": how a refused character is named in a message (the character itself is never echoed). */
export function describeChar(c: string): string {
  const cp = c.codePointAt(0)!;
  const name = NAMES[cp];
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}${name ? ` ${name}` : ''}`;
}

/** The first unsafe character of a string, described, or undefined. */
export function unsafeCharIn(s: string): string | undefined {
  const m = UNSAFE_TEXT_CHARS.exec(s);
  return m ? describeChar(m[0]) : undefined;
}

/** Every string inside a value (objects, arrays) holding an unsafe character, with its path. */
export function findUnsafeText(value: unknown, path: string[] = [], out: Array<{ path: string[]; char: string }> = [], depth = 0): Array<{ path: string[]; char: string }> {
  if (depth > 32 || out.length >= 20) return out;
  if (typeof value === 'string') {
    const char = unsafeCharIn(value);
    if (char) out.push({ path, char });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findUnsafeText(v, [...path, String(i)], out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const keyChar = unsafeCharIn(k);
      if (keyChar) out.push({ path: [...path, '(key)'], char: keyChar });
      findUnsafeText(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}

/** Removes unsafe characters where dropping them is harmless (cells of an imported spreadsheet). */
export function stripUnsafeText(s: string): string {
  return s.replace(new RegExp(UNSAFE_TEXT_CHARS.source, 'g'), '');
}

/**
 * Refuses input (a draft from a form, a command line, a file) holding an unsafe character anywhere,
 * naming the field and the character, never echoing the text. Applied to input only: values stored
 * before this rule (2026-12-01) still read, and are flagged when next saved.
 */
export function refuseUnsafeText(input: unknown, what: string): void {
  const unsafe = findUnsafeText(input);
  if (unsafe.length === 0) return;
  const where = unsafe.map((u) => `${u.path.join('.') || what} (${u.char})`).join(', ');
  throw new DomainError('invalid_input', `Invalid ${what}: remove the control characters from ${where}; Vigie does not store them.`, {
    issues: unsafe.map((u) => ({ path: u.path, message: `Contains ${u.char}.`, code: 'control_characters', params: { char: u.char } })),
  });
}

// ── e-mail ─────────────────────────────────────────────────────────────────────────────────────────────
/**
 * One rule for every e-mail address Vigie stores (profile, DPO, requesters, vendors): local part @
 * domain with a dot, no spaces or angle brackets, at most 254 characters (RFC 5321). Accented
 * local parts and IDN domains are accepted (RFC 6531); a deliverability check is not attempted.
 */
const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

export function isEmailAddress(s: string): boolean {
  return s.length <= 254 && EMAIL_RE.test(s) && !UNSAFE_TEXT_CHARS.test(s) && !s.split('@')[1]!.includes('..');
}

const EMAIL_MESSAGE = 'Not an e-mail address (expected name@example.org).';

/** An e-mail address (required). */
export const emailSchema = z.string().trim().max(254, { message: 'At most 254 characters.' }).refine(isEmailAddress, { message: EMAIL_MESSAGE, params: { code: 'invalid_email' } });

/** An e-mail address, or '' for none. */
export const optionalEmailSchema = z
  .string()
  .trim()
  .max(254, { message: 'At most 254 characters.' })
  .refine((s) => s === '' || isEmailAddress(s), { message: EMAIL_MESSAGE, params: { code: 'invalid_email' } });
