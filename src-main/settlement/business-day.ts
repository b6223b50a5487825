import { businessDate, parseDate } from '../../src-shared/time';

/** Every IANA offset is a multiple of 15 minutes, so date and hour are constant in a bucket. */
const BUCKET_MS = 15 * 60_000;
/** Bounds the cache: a year of buckets is ~35k; beyond this it is dropped and rebuilt. */
const CACHE_ENTRIES_MAX = 200_000;

export interface DayHour {
  readonly businessDate: string;
  /** Wall-clock hour in the merchant's zone (0–23), for "sales by hour". */
  readonly localHour: number;
}

/**
 * Business date and local hour of instants for one (zone, cutoff) setting, cached per
 * 15-minute bucket: re-deriving a year of entries calls Intl once per bucket, not per entry.
 */
export class DayDeriver {
  private readonly cache = new Map<number, DayHour>();
  private readonly hourFormat: Intl.DateTimeFormat;

  constructor(
    readonly timeZone: string,
    readonly cutoffHour: number,
  ) {
    this.hourFormat = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit' });
  }

  at(ms: number): DayHour {
    const bucket = Math.floor(ms / BUCKET_MS);
    let v = this.cache.get(bucket);
    if (!v) {
      const start = bucket * BUCKET_MS;
      v = {
        businessDate: businessDate(start, this.timeZone, this.cutoffHour),
        localHour: Number(this.hourFormat.format(new Date(start))) % 24,
      };
      if (this.cache.size >= CACHE_ENTRIES_MAX) this.cache.clear();
      this.cache.set(bucket, v);
    }
    return v;
  }
}

/** Days from `from` to `to` inclusive (both "YYYY-MM-DD"); null if either is not a real date. */
export function daysInclusive(from: string, to: string): number | null {
  const a = parseDate(from);
  const b = parseDate(to);
  if (a === null || b === null) return null;
  return Math.round((b - a) / 86_400_000) + 1;
}

export function addDays(date: string, days: number): string {
  const ms = parseDate(date);
  if (ms === null) throw new Error(`assertion failed: date ${date}`);
  return new Date(ms + days * 86_400_000).toISOString().slice(0, 10);
}

export { parseDate };
