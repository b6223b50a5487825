import { formatPlain, type Currency } from '../../src-shared/money';
import type { Db } from '../db/connection';
import type { Table } from './tables';

/**
 * The most rows one entries export holds: a month of a very busy store (~85k sales) with
 * room to spare; a longer range is refused rather than building an unbounded file.
 */
export const ENTRIES_EXPORT_ROWS_MAX = 250_000;

interface EntryRow {
  entry_seq: number;
  business_date: string;
  created_at_ms: number;
  kind: string;
  channel: string;
  sale_minor: number;
  refund_minor: number;
  shift_id: string | null;
  operator_id: string | null;
  operator_name: string | null;
  order_id: string | null;
}

/** Every sale and refund of a range of business dates, one row each, oldest first. */
export function entriesTable(db: Db, from: string, to: string, currency: Currency): Table | null {
  const rows = db
    .prepare<[string, string, number], EntryRow>(
      `SELECT i.entry_seq, i.business_date, i.created_at_ms, i.kind, i.channel, i.sale_minor, i.refund_minor,
              i.shift_id, i.operator_id, o.name AS operator_name, j.order_id
       FROM entry_index i JOIN journal j ON j.seq = i.entry_seq
       LEFT JOIN operators o ON o.id = i.operator_id
       WHERE i.business_date BETWEEN ? AND ? AND (i.sale_minor <> 0 OR i.refund_minor <> 0)
       ORDER BY i.business_date, i.entry_seq LIMIT ?`,
    )
    .all(from, to, ENTRIES_EXPORT_ROWS_MAX + 1);
  if (rows.length > ENTRIES_EXPORT_ROWS_MAX) return null;
  return {
    name: `settlement-entries-${from}-${to}`,
    // The cashier by name, then by id (two may share a name over time), as the other exports do.
    header: [
      'seq',
      'business_date',
      'time_utc',
      'kind',
      'channel',
      'sale',
      'refund',
      'order',
      'shift',
      'cashier',
      'cashier_id',
    ],
    rows: rows.map((r) => [
      r.entry_seq,
      r.business_date,
      new Date(r.created_at_ms).toISOString(),
      r.kind,
      r.channel,
      { amount: formatPlain(r.sale_minor, currency) },
      { amount: formatPlain(r.refund_minor, currency) },
      r.order_id ?? '',
      r.shift_id ?? '',
      r.operator_name ?? '',
      r.operator_id ?? '',
    ]),
  };
}
