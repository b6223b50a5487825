import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDate, DAY_MS, HOUR_MS, isTimeZone } from '../../src-shared/time';

const SH = 'Asia/Shanghai'; // UTC+8 all year since 1992 (China had DST 1986–1991)
const NY = 'America/New_York';
const MINUTE_MS = 60_000;

/** An instant given as wall-clock time in a fixed UTC offset (hours). */
const at = (offsetHours: number, y: number, mo: number, d: number, h: number, mi = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi) - offsetHours * HOUR_MS;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('businessDate in Asia/Shanghai', () => {
  it('counts a sale before the cutoff hour in the previous day', () => {
    expect(businessDate(at(8, 2024, 3, 15, 1, 59), SH, 2)).toBe('2024-03-14');
    expect(businessDate(at(8, 2024, 3, 15, 2, 1), SH, 2)).toBe('2024-03-15');
    expect(businessDate(at(8, 2024, 3, 15, 2, 0), SH, 2)).toBe('2024-03-15');
    expect(businessDate(at(8, 2024, 3, 15, 2, 0) - 1, SH, 2)).toBe('2024-03-14');
    expect(businessDate(at(8, 2024, 3, 15, 0, 0), SH, 2)).toBe('2024-03-14');
    expect(businessDate(at(8, 2024, 3, 15, 23, 59), SH, 2)).toBe('2024-03-15');
  });

  it('with cutoff 0 is the plain local date (not the UTC date)', () => {
    // 2024-03-15 00:30 in Shanghai is still 2024-03-14 in UTC.
    expect(businessDate(at(8, 2024, 3, 15, 0, 30), SH, 0)).toBe('2024-03-15');
    expect(businessDate(at(8, 2024, 3, 15, 0, 0), SH, 0)).toBe('2024-03-15');
    expect(businessDate(at(8, 2024, 3, 15, 0, 0) - 1, SH, 0)).toBe('2024-03-14');
    expect(businessDate(at(8, 2024, 3, 15, 23, 59), SH, 0)).toBe('2024-03-15');
  });

  it('crosses month and year boundaries, including leap days', () => {
    expect(businessDate(at(8, 2025, 1, 1, 1, 0), SH, 2)).toBe('2024-12-31');
    expect(businessDate(at(8, 2025, 1, 1, 2, 0), SH, 2)).toBe('2025-01-01');
    expect(businessDate(at(8, 2024, 3, 1, 1, 0), SH, 2)).toBe('2024-02-29');
    expect(businessDate(at(8, 2023, 3, 1, 1, 0), SH, 2)).toBe('2023-02-28');
    expect(businessDate(at(8, 2024, 5, 1, 3, 59), SH, 4)).toBe('2024-04-30');
    expect(businessDate(at(8, 2024, 12, 31, 23, 59), SH, 23)).toBe('2024-12-31');
    expect(businessDate(at(8, 2025, 1, 1, 22, 59), SH, 23)).toBe('2024-12-31');
    expect(businessDate(0, SH, 0)).toBe('1970-01-01');
    expect(businessDate(0, SH, 9)).toBe('1969-12-31');
  });

  it('follows the zone database, not a fixed offset: China observed DST (UTC+9) in summer 1991', () => {
    // 1991-08-03T08:00Z is 17:00 in Shanghai that summer (16:00 at a fixed +8).
    expect(businessDate(Date.UTC(1991, 7, 3, 8), SH, 17)).toBe('1991-08-03');
    expect(businessDate(Date.UTC(1992, 7, 3, 8), SH, 17)).toBe('1992-08-02');
  });

  it('equals the UTC date of (instant + 8 h − cutoff h) for any instant and cutoff (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: 0, max: 23 }),
        (ms, cutoff) => {
          expect(businessDate(ms, SH, cutoff)).toBe(isoDate(ms + 8 * HOUR_MS - cutoff * HOUR_MS));
          expect(businessDate(ms, 'UTC', cutoff)).toBe(isoDate(ms - cutoff * HOUR_MS));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('returns a YYYY-MM-DD that never moves backwards as time moves forwards (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: 0, max: 3 * DAY_MS }),
        fc.constantFrom(SH, NY, 'UTC', 'Europe/London', 'Australia/Lord_Howe'),
        fc.integer({ min: 0, max: 23 }),
        (ms, delta, tz, cutoff) => {
          const a = businessDate(ms, tz, cutoff);
          const b = businessDate(ms + delta, tz, cutoff);
          expect(a).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(b >= a).toBe(true);
        },
      ),
    );
  });
});

describe('businessDate in America/New_York across DST changes', () => {
  it('spring forward (2024-03-10, 02:00 EST → 03:00 EDT)', () => {
    const springEst = (h: number, mi: number) => at(-5, 2024, 3, 10, h, mi);
    const springEdt = (h: number, mi: number) => at(-4, 2024, 3, 10, h, mi);
    expect(businessDate(springEst(1, 59), NY, 2)).toBe('2024-03-09');
    expect(businessDate(springEdt(3, 0), NY, 2)).toBe('2024-03-10'); // one minute after 01:59 EST
    expect(springEdt(3, 0) - springEst(1, 59)).toBe(MINUTE_MS);
    expect(businessDate(springEst(1, 59), NY, 3)).toBe('2024-03-09');
    expect(businessDate(springEdt(3, 0), NY, 3)).toBe('2024-03-10');
    expect(businessDate(springEst(0, 0), NY, 0)).toBe('2024-03-10');
    expect(businessDate(springEst(0, 0) - 1, NY, 0)).toBe('2024-03-09');
    expect(businessDate(springEdt(23, 59), NY, 0)).toBe('2024-03-10');
    expect(businessDate(springEdt(23, 59) + MINUTE_MS, NY, 0)).toBe('2024-03-11');
  });

  it('fall back (2024-11-03, 02:00 EDT → 01:00 EST): both 01:30s are the previous business day', () => {
    const firstHalfPast1 = at(-4, 2024, 11, 3, 1, 30); // EDT
    const secondHalfPast1 = at(-5, 2024, 11, 3, 1, 30); // EST, one hour later
    expect(secondHalfPast1 - firstHalfPast1).toBe(HOUR_MS);
    expect(businessDate(firstHalfPast1, NY, 2)).toBe('2024-11-02');
    expect(businessDate(secondHalfPast1, NY, 2)).toBe('2024-11-02');
    expect(businessDate(at(-5, 2024, 11, 3, 2, 0), NY, 2)).toBe('2024-11-03');
    expect(businessDate(at(-5, 2024, 11, 3, 2, 0) - 1, NY, 2)).toBe('2024-11-02');
    expect(businessDate(firstHalfPast1, NY, 0)).toBe('2024-11-03');
    expect(businessDate(at(-4, 2024, 11, 3, 0, 0), NY, 0)).toBe('2024-11-03');
    expect(businessDate(at(-4, 2024, 11, 3, 0, 0) - 1, NY, 0)).toBe('2024-11-02');
    expect(businessDate(at(-5, 2024, 11, 3, 23, 59), NY, 0)).toBe('2024-11-03');
  });

  it('uses the offset in force on each date (EST in January, EDT in July)', () => {
    expect(businessDate(at(-5, 2024, 1, 15, 23, 30), NY, 0)).toBe('2024-01-15'); // 04:30Z on the 16th
    expect(businessDate(at(-4, 2024, 7, 15, 23, 30), NY, 0)).toBe('2024-07-15'); // 03:30Z on the 16th
    expect(businessDate(at(-5, 2025, 1, 1, 1, 0), NY, 2)).toBe('2024-12-31');
  });
});

describe('businessDate arguments', () => {
  it('throws for an invalid cutoff hour', () => {
    for (const cutoff of [-1, 24, 25, 1.5, NaN, Infinity]) {
      expect(() => businessDate(0, SH, cutoff), String(cutoff)).toThrow(/cutoff hour/);
    }
    expect(businessDate(0, SH, 23)).toBe('1969-12-31');
  });

  it('throws for an unknown time zone', () => {
    expect(() => businessDate(0, 'Mars/Olympus_Mons', 0)).toThrow(RangeError);
  });
});

describe('isTimeZone', () => {
  it('knows IANA zones', () => {
    for (const tz of [SH, NY, 'UTC', 'Europe/London', 'Asia/Hong_Kong', 'Asia/Tokyo', 'Etc/GMT-8']) {
      expect(isTimeZone(tz), tz).toBe(true);
    }
  });

  it('refuses what is not a zone', () => {
    for (const tz of ['', 'Mars/Olympus_Mons', 'Asia', 'Asia/Shanghai/X', 'not a zone', 'GMT+25']) {
      expect(isTimeZone(tz), tz).toBe(false);
    }
  });
});
