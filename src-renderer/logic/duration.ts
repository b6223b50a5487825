/** Countdown and age formatting: pure, so the tests can pin them down. */

/** "4:05" for 245 s left; never negative; rounds up so "0:00" means the time is really over. */
export function formatCountdown(remainingMs: number): string {
  const totalS = Math.max(0, Math.ceil(remainingMs / 1000));
  const m = Math.floor(totalS / 60);
  const s = totalS % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export type AgeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** The coarsest whole unit for an age: 59 s → 59 seconds, 61 s → 1 minute, 25 h → 1 day. */
export function ageParts(ageMs: number): { readonly unit: AgeUnit; readonly n: number } {
  const s = Math.max(0, Math.floor(ageMs / 1000));
  if (s < 60) return { unit: 'seconds', n: s };
  const m = Math.floor(s / 60);
  if (m < 60) return { unit: 'minutes', n: m };
  const h = Math.floor(m / 60);
  if (h < 24) return { unit: 'hours', n: h };
  return { unit: 'days', n: Math.floor(h / 24) };
}

/**
 * The main process's clock as seen from here: `app.info` carries main's `nowMs`; the offset to
 * the local clock at the moment it arrived corrects every countdown.
 */
export const clockOffsetMs = (mainNowMs: number, localNowMs: number): number => mainNowMs - localNowMs;

export const remainingMs = (expiresAtMs: number, localNowMs: number, offsetMs: number): number =>
  expiresAtMs - (localNowMs + offsetMs);
