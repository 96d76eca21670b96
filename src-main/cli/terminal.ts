/**
 * What the CLI prints never drives the terminal: a name stored with ESC [ 2 J, BEL, a bidi override
 * (U+202A–202E, U+2066–2069) or NUL would otherwise clear the screen, ring, or show text reversed.
 * Such characters are shown as visible escapes (`\u001b`). Newlines and tabs are kept in text.
 */
// C0 controls except TAB and LF, DEL, C1 controls, bidi embeddings/overrides/isolates, line/paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// In JSON, JSON.stringify already escapes C0; the rest stays raw unless escaped here (still valid JSON).
const UNSAFE_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function safeForTerminal(text: string): string {
  return text.replace(UNSAFE_TEXT, escape);
}

/** JSON.stringify whose output holds no raw control character; `JSON.parse` gives back the same value. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_JSON, escape);
}
