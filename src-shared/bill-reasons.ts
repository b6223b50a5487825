/**
 * Why a bill file was refused, as a key the UI translates (`reconcile.billReason.<reason>`) with
 * the error's params: the owner reads the cause in their language, not the importer's English.
 * Whole-file reasons come with `bill_unreadable`, row reasons with `bill_malformed` and a line.
 */
export const BILL_REASONS = [
  // the whole file
  'not_a_bill',
  'totals_mismatch',
  'file_empty',
  'file_too_large',
  'file_not_text',
  'archive_damaged',
  'archive_encrypted',
  'archive_unsupported',
  'archive_too_large',
  'archive_no_alipay_csv',
  'header_missing',
  'summary_row_missing',
  // one line
  'header_wrong',
  'header_column',
  'header_extra_columns',
  'column_count',
  'id_invalid',
  'value_unknown',
  'currency_unsupported',
  'refund_number_missing',
  'amount_invalid',
  'time_invalid',
  'time_impossible',
  'quote_unclosed',
  'summary_count_invalid',
  'summary_count_mismatch',
  'text_after_summary',
] as const;

export type BillReason = (typeof BILL_REASONS)[number];

const KNOWN = new Set<string>(BILL_REASONS);

export const isBillReason = (x: unknown): x is BillReason => typeof x === 'string' && KNOWN.has(x);

/** Values quoted from the file: a cell can be long; the owner needs its start to find it. */
export const BILL_QUOTE_CHARS_MAX = 40;
