import { assert } from '../../src-shared/errors';
import { PAYMENT_CHANNELS } from '../../src-shared/protocol/gateway';
import { GROUP_SIZE_MAX, RECORD_STATUSES, type ReconRecord, type RecordStatus } from './record';

/**
 * Column order of every record query: raw rows (arrays) are ~30% cheaper than objects here. The
 * status comes as its index in RECORD_STATUSES (`statusCode`), a known channel as its index in
 * KNOWN_CHANNELS (`channelCodeSql`): one shared string each instead of one made per row (~10% of
 * reading a side). The last is the statement row's idx (NULL on the console side).
 */
export type RawRecord = [
  string,
  string | null,
  number,
  number,
  number,
  number,
  string | null,
  string | number,
  number | null,
];

/** A status's code in record queries (SQL): its index in RECORD_STATUSES. */
export const statusCode = (status: RecordStatus): number => RECORD_STATUSES.indexOf(status);

/** SQL mapping a stored status to its code; anything else is NULL, refused when read. */
export const statusCodeSql = (column: string): string =>
  `CASE ${column} ${RECORD_STATUSES.map((st, i) => `WHEN '${st}' THEN ${i}`).join(' ')} END`;

/** Channels read as codes; any other channel is read as its text. */
export const KNOWN_CHANNELS: readonly string[] = ['', ...PAYMENT_CHANNELS];

/** SQL mapping a channel to its index in KNOWN_CHANNELS, any other to itself (text). */
export const channelCodeSql = (expr: string): string =>
  `CASE ${expr} ${KNOWN_CHANNELS.map((ch, i) => `WHEN '${ch}' THEN ${i}`).join(' ')} ELSE ${expr} END`;

/**
 * Rows per page. Reading pages with `.all()` costs ~1/3 less than stepping a cursor row by row
 * (`.iterate()` crosses into native code per row; measured on the 1M-row bench). A page is cut
 * back to whole orders, so it must hold more than any one order may have (GROUP_SIZE_MAX).
 */
export const READ_PAGE_ROWS = 1_000;
assert(READ_PAGE_ROWS > GROUP_SIZE_MAX, 'a record page must hold a whole order');

/**
 * One query's records sorted by order number, read a page at a time: `page(start, limit)` must
 * return up to `limit` rows with `orderNo >= start`, sorted by order number. Each page is cut
 * after its last complete order and the next starts at that order again, so no order is split
 * or read twice and no key but the order number is needed. Consistent as long as the caller
 * holds one read transaction over all pages (the runner does).
 */
export function* pagedRecords(
  page: (startOrderNo: string, limit: number) => RawRecord[],
): Generator<ReconRecord, void, undefined> {
  let start = ''; // sorts before every order number (BINARY)
  for (;;) {
    const rows = page(start, READ_PAGE_ROWS);
    let end = rows.length;
    const full = rows.length >= READ_PAGE_ROWS;
    if (full) {
      const last = rows[end - 1]![0];
      while (end > 0 && rows[end - 1]![0] === last) end--;
      assert(end > 0, `order ${last} has at least ${READ_PAGE_ROWS} records on one side`);
      start = last;
    }
    for (let i = 0; i < end; i++) {
      const r = rows[i]!;
      // Per record: messages are built only on failure (not as assert() arguments).
      const status = RECORD_STATUSES[r[4]];
      if (status === undefined) throw new Error(`assertion failed: record of order ${r[0]} has an unknown status`);
      const ch = r[7];
      const channel = typeof ch === 'number' ? KNOWN_CHANNELS[ch] : ch;
      if (channel === undefined)
        throw new Error(`assertion failed: record of order ${r[0]} has an unknown channel code`);
      yield {
        orderNo: r[0],
        tradeNo: r[1],
        amountMinor: r[2],
        feeMinor: r[3],
        status,
        timeMs: r[5],
        refundNo: r[6],
        channel,
        idx: r[8] ?? undefined,
      };
    }
    if (!full) return;
  }
}
