/** What a person types in a date field (the renderer's DateField), read in the shown form (05/03/2026) or in ISO form (2026-03-05). Pure. */

const pad = (n: number) => String(n).padStart(2, '0');

/** A real calendar day (rejects 31/02 and five-digit years). */
function validDay(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 'YYYY-MM-DD[ HH:mm:ss]' (Mantine's value form) from what a person typed, or null. */
export function parseTypedDate(text: string, withTime: boolean): string | null {
  const s = text.trim();
  let y: number, m: number, d: number;
  let rest: string;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/.exec(s);
  if (match) [y, m, d, rest] = [Number(match[1]), Number(match[2]), Number(match[3]), match[4]!];
  else if ((match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(.*)$/.exec(s))) [d, m, y, rest] = [Number(match[1]), Number(match[2]), Number(match[3]), match[4]!];
  else return null;
  if (!validDay(y, m, d)) return null;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  if (!withTime) return rest.trim() === '' ? day : null;
  const time = /^[T\s,]*(\d{1,2})[:h](\d{2})(?::(\d{2}))?$/.exec(rest);
  if (!time) return null;
  const [h, min] = [Number(time[1]), Number(time[2])];
  if (h > 23 || min > 59) return null;
  return `${day} ${pad(h)}:${pad(min)}:00`;
}

