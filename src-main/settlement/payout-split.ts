/**
 * What each business day was paid, when business days are not the providers' days.
 *
 * A network settles per provider day (midnight to midnight in Beijing time) in one batch per
 * channel. A business day with a cutoff hour (a bar's day ends at 04:00), or in another zone,
 * holds parts of two provider days, so reading each batch's payout on its own date made every
 * such day read short and the next over, though the range's total was right. Here each batch is
 * shared, when the report is read, between the business days its provider day touches: each part
 * gets what it expects (sales − refunds − fees of its entries), and whatever the batch paid above
 * or below the whole goes to the largest part; a provider day whose batch has not come (or is
 * pending) leaves its parts pending. Read-time, from the index's own times, so a later zone or
 * cutoff change is followed with nothing stored to fix.
 */
import type { Db } from '../db/connection';
import { addDays, DayDeriver, parseDate } from './business-day';
import { NO_PAYOUT_CHANNELS, OFFLINE_CHANNEL } from './entry-index';

/** Beijing time, the providers' day (Alipay and WeChat Pay settle per day in UTC+8). */
const PROVIDER_OFFSET_MS = 8 * 3_600_000;
/** Zones whose days are the providers' (UTC+8 all year): with no cutoff, nothing needs sharing. */
const PROVIDER_DAY_ZONES: ReadonlySet<string> = new Set([
  'Asia/Shanghai',
  'Asia/Chongqing',
  'Asia/Chungking',
  'Asia/Harbin',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'PRC',
  'Etc/GMT-8',
]);
/**
 * Business day D holds parts of provider days D−1 … D+2: in UTC+8 terms it starts from 6 h earlier
 * (UTC+14) to 43 h later (UTC−12 with a 23:00 cutoff) than provider day D. So a provider day's
 * parts are in business days P−2 … P+1: for a range from…to, provider days from−1 … to+2, whose
 * parts lie in business days from−3 … to+3.
 */
const SPAN_BEFORE = 1;
const SPAN_AFTER = 2;
const DAY_MS = 86_400_000;
/** Channels left out: no network pays them (cash, written off), or no network is known yet (offline). */
const NOT_BATCHED = [...NO_PAYOUT_CHANNELS, OFFLINE_CHANNEL] as [string, string, string];

export interface DayPaid {
  readonly paidMinor: number;
  /** A provider day it holds part of has no paid batch yet. */
  readonly pending: boolean;
}

/** True when business days are the providers' days and each batch belongs to its own date. */
export function daysAreProviderDays(timeZone: string, cutoffHour: number): boolean {
  return cutoffHour === 0 && PROVIDER_DAY_ZONES.has(timeZone);
}

interface Part {
  readonly businessDate: string;
  readonly expected: number;
}

const key = (date: string, channel: string): string => `${date}|${channel}`;

/**
 * Paid per business date and channel (`date|channel`) for business dates from…to, each batch
 * shared between the business days of its provider day. Channels no network pays (cash, written
 * off) and sales awaiting the gateway (offline) are not in it.
 */
export function sharedPayouts(
  db: Db,
  from: string,
  to: string,
  timeZone: string,
  cutoffHour: number,
): Map<string, DayPaid> {
  const parts = partsOf(db, addDays(from, -SPAN_BEFORE - 2), addDays(to, SPAN_AFTER + 1), timeZone, cutoffHour);
  const batches = db
    .prepare<[string, string], { provider_date: string; channel: string; payout: number; status: string }>(
      `SELECT business_date AS provider_date, channel, payout_minor AS payout, status
       FROM settlement_batches WHERE business_date BETWEEN ? AND ?`,
    )
    .all(addDays(from, -SPAN_BEFORE), addDays(to, SPAN_AFTER));

  const byProviderDay = new Map<string, Part[]>();
  for (const [k, expected] of parts) {
    const [providerDate, businessDate, channel] = k.split('|') as [string, string, string];
    if (expected === 0) continue;
    const pk = key(providerDate, channel);
    byProviderDay.set(pk, [...(byProviderDay.get(pk) ?? []), { businessDate, expected }]);
  }
  const out = new Map<string, { paidMinor: number; pending: boolean }>();
  const add = (businessDate: string, channel: string, paid: number, pending: boolean): void => {
    if (businessDate < from || businessDate > to) return;
    const k = key(businessDate, channel);
    const was = out.get(k) ?? { paidMinor: 0, pending: false };
    out.set(k, { paidMinor: was.paidMinor + paid, pending: was.pending || pending });
  };
  const paidBatches = new Map<string, number>();
  // Summed: two batches of one date and channel (a terminal re-paired that day) both paid it.
  for (const b of batches) {
    if (b.status !== 'paid') continue;
    const k = key(b.provider_date, b.channel);
    paidBatches.set(k, (paidBatches.get(k) ?? 0) + b.payout);
  }

  for (const [k, ps] of byProviderDay) {
    const channel = k.slice(k.indexOf('|') + 1);
    const payout = paidBatches.get(k);
    if (payout === undefined) {
      for (const p of ps) add(p.businessDate, channel, 0, p.expected !== 0);
      continue;
    }
    // Each part what it expects; the batch's difference from the whole to the largest part.
    let largest = ps[0]!;
    let expected = 0;
    for (const p of ps) {
      expected += p.expected;
      if (Math.abs(p.expected) > Math.abs(largest.expected)) largest = p;
    }
    for (const p of ps) add(p.businessDate, channel, p.expected + (p === largest ? payout - expected : 0), false);
    paidBatches.delete(k);
  }
  // A paid batch for a provider day with no entries here (none recorded, or lost): its own date.
  for (const [k, payout] of paidBatches) {
    const [date, channel] = [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)];
    add(date, channel, payout, false);
  }
  return out;
}

/** A provider midnight inside a business day: where in the day's hours it falls. */
interface Midnight {
  /** The provider day it starts. */
  readonly providerDate: string;
  /** Its local hour's place in the business day (0 = the cutoff hour). */
  readonly rank: number;
  /** It falls on a whole local hour (a whole-hour zone): hours before it are the day before. */
  readonly onTheHour: boolean;
}

/**
 * What each business day of lo…hi expects, per provider day and channel (`provider|business|channel`),
 * from the rollup's hours: every hour of a business day before the provider midnight inside it
 * belongs to the provider day before. Only an hour the midnight cuts (a zone whose offset from
 * UTC+8 is not whole hours) is read from the index's entries, by their own times.
 */
export function partsOf(db: Db, lo: string, hi: string, timeZone: string, cutoffHour: number): Map<string, number> {
  const deriver = new DayDeriver(timeZone, cutoffHour);
  const rank = (hour: number): number => (hour - cutoffHour + 24) % 24;
  const midnights = new Map<string, Midnight[]>();
  for (let p = addDays(lo, -2); p <= addDays(hi, 3); p = addDays(p, 1)) {
    const at = parseDate(p)! - PROVIDER_OFFSET_MS;
    const day = deriver.at(at);
    const before = deriver.at(at - 1);
    const m = { providerDate: p, rank: rank(day.localHour), onTheHour: before.localHour !== day.localHour };
    midnights.set(day.businessDate, [...(midnights.get(day.businessDate) ?? []), m]);
  }
  // Each business day's midnights in the order of its hours, sorted once (not per rollup row).
  for (const ms of midnights.values()) ms.sort((a, b) => a.rank - b.rank);
  const sorted = (bd: string): readonly Midnight[] => midnights.get(bd) ?? [];
  /**
   * A business day with no provider midnight inside it (a 23-hour day at the start of DST, with a
   * cutoff that skips it: New York at 12:00) is all one provider day: the one that began last before
   * it, inside an earlier business day.
   */
  const runningAtStart = (bd: string): string => {
    for (let back = 1; back <= 3; back++) {
      const before = sorted(addDays(bd, -back)).at(-1);
      if (before) return before.providerDate;
    }
    return bd; // not reached: every 24 hours hold a provider midnight
  };
  const out = new Map<string, number>();
  const add = (providerDate: string, businessDate: string, channel: string, expected: number): void => {
    const k = `${providerDate}|${businessDate}|${channel}`;
    out.set(k, (out.get(k) ?? 0) + expected);
  };
  const cutHours: { businessDate: string; hour: number }[] = [];
  const hours = db
    .prepare<
      [string, string, ...string[]],
      { business_date: string; channel: string; local_hour: number; expected: number }
    >(
      `SELECT business_date, channel, local_hour, SUM(gross_minor - refunds_minor - fees_minor) AS expected
       FROM report_rollup WHERE business_date BETWEEN ? AND ? AND channel NOT IN (?, ?, ?)
       GROUP BY business_date, channel, local_hour`,
    )
    .all(lo, hi, ...NOT_BATCHED);
  for (const h of hours) {
    const ms = sorted(h.business_date);
    const r = rank(h.local_hour);
    if (ms.some((m) => !m.onTheHour && m.rank === r)) {
      cutHours.push({ businessDate: h.business_date, hour: h.local_hour });
      continue;
    }
    const last = ms.filter((m) => m.rank <= r).at(-1);
    const providerDate = last
      ? last.providerDate
      : ms[0]
        ? addDays(ms[0].providerDate, -1) // before the day's first midnight: the provider day before it
        : runningAtStart(h.business_date);
    add(providerDate, h.business_date, h.channel, h.expected);
  }
  const cut = db.prepare<
    [number, string, number, ...string[]],
    { provider_day: number; channel: string; expected: number }
  >(
    `SELECT (created_at_ms + ?) / ${DAY_MS} AS provider_day, channel,
       SUM(sale_minor - refund_minor - fee_expected_minor) AS expected
     FROM entry_index WHERE business_date = ? AND local_hour = ? AND channel IS NOT NULL AND channel NOT IN (?, ?, ?)
     GROUP BY provider_day, channel`,
  );
  for (const c of new Map(cutHours.map((h) => [`${h.businessDate}|${h.hour}`, h])).values()) {
    for (const e of cut.all(PROVIDER_OFFSET_MS, c.businessDate, c.hour, ...NOT_BATCHED)) {
      add(new Date(e.provider_day * DAY_MS).toISOString().slice(0, 10), c.businessDate, e.channel, e.expected);
    }
  }
  return out;
}
