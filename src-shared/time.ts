/** Time is injected everywhere; storage holds epoch milliseconds UTC. */
export interface Clock {
  now(): number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * An IANA zone in its canonical spelling ("asia/shanghai" → "Asia/Shanghai"), or null when it is
 * not a zone. Stored zones are canonical, so two spellings of one zone never look different.
 */
export function canonicalTimeZone(tz: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The business date ("YYYY-MM-DD") of an instant, in the merchant's IANA zone with a cutoff
 * hour: a bar that closes at 02:00 (cutoff 2) counts a sale at 01:59 in the previous day.
 * The one place this is derived.
 */
export function businessDate(atMs: number, timeZone: string, cutoffHour: number): string {
  if (!Number.isInteger(cutoffHour) || cutoffHour < 0 || cutoffHour > 23) {
    throw new Error(`assertion failed: cutoff hour ${cutoffHour}`);
  }
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(atMs))) p[part.type] = part.value;
  let day = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day));
  if (Number(p.hour) < cutoffHour) day -= DAY_MS;
  return new Date(day).toISOString().slice(0, 10);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` that names a real day, as UTC midnight in ms; null for anything else (2026-02-30). */
export function parseDate(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === date ? ms : null;
}
