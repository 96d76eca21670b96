/**
 * Intl formatters made once per locale and options, then reused. Creating an Intl.DateTimeFormat
 * loads ICU data and costs tens of microseconds, far more than formatting with it: one per date
 * cost seconds of a breach register export (issue 11, item 5). Formatters are immutable, so sharing
 * them is safe. An invalid option (an unknown time zone) throws from the constructor as before and
 * is never cached. The cache is bounded: it is emptied if it ever holds more than MAX formatters.
 */
const MAX = 512;
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<F>(cache: Map<string, F>, locale: string, options: object, make: () => F): F {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = make();
    if (cache.size >= MAX) cache.clear();
    cache.set(key, f);
  }
  return f;
}

/** `new Intl.DateTimeFormat(locale, options)`, made once per (locale, options). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return cached(dateFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

/** `new Intl.NumberFormat(locale, options)`, made once per (locale, options). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}
