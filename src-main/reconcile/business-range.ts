import { businessDate, DAY_MS } from '../../src-shared/time';

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instants [startMs, endMs) whose business date lies in [fromDate, toDate] (inclusive
 * dates). Found by bisection over `businessDate`, the one function that defines the business
 * day, so zones, daylight saving and cutoff hours agree with every other screen by construction.
 */
export function businessRangeMs(
  fromDate: string,
  toDate: string,
  timeZone: string,
  cutoffHour: number,
): { startMs: number; endMs: number } {
  const startMs = firstInstantOf(fromDate, timeZone, cutoffHour);
  const next = new Date(Date.parse(`${toDate}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return { startMs, endMs: firstInstantOf(next, timeZone, cutoffHour) };
}

function firstInstantOf(date: string, timeZone: string, cutoffHour: number): number {
  const noon = Date.parse(`${date}T00:00:00Z`);
  if (!DATE_RE.test(date) || Number.isNaN(noon)) throw new Error(`assertion failed: date ${date}`);
  // Every zone's offset is within ±14 h and the cutoff < 24 h: the answer is inside ±2 days.
  let lo = noon - 2 * DAY_MS;
  let hi = noon + 2 * DAY_MS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (businessDate(mid, timeZone, cutoffHour) >= date) hi = mid;
    else lo = mid;
  }
  return hi;
}
