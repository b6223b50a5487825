/** What a PIN field keeps of what was typed or pasted. Pure. */

/** The longest PIN (src-shared/api/operators.ts PIN_RE: 4–8 digits). */
export const PIN_DIGITS_MAX = 8;
/** The field holds more than a PIN, so a paste too long is seen whole and refused, not cut. */
export const PIN_FIELD_CHARS_MAX = 16;

/**
 * The digits of the input: full-width digits (a Chinese input method's １２３４) read as 1234,
 * spaces and other characters dropped, at most PIN_FIELD_CHARS_MAX kept.
 */
export function pinDigits(raw: string): string {
  return raw.normalize('NFKC').replace(/\D/g, '').slice(0, PIN_FIELD_CHARS_MAX);
}
