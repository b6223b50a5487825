import { BILL_QUOTE_CHARS_MAX, type BillReason } from '../../../src-shared/bill-reasons';

/** What a refusal names: columns, expected and found values, counts (translated in the UI). */
export type BillParams = Readonly<Record<string, string | number>>;

/** A value from the file, cut for a message. */
export const quoted = (text: string | undefined): string =>
  (text ?? '').length > BILL_QUOTE_CHARS_MAX ? `${(text ?? '').slice(0, BILL_QUOTE_CHARS_MAX)}…` : (text ?? '');

/**
 * A bill file the importer refuses: the 1-based line where it went wrong (0: the file), why (a
 * reason the UI translates, with its params) and, for logs, the same in English with any
 * technical detail (a zip's inner error).
 */
export class BillError extends Error {
  constructor(
    readonly line: number,
    readonly reason: BillReason,
    readonly params: BillParams = {},
    detail?: string,
  ) {
    const named = Object.entries(params)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(' ');
    super(`${line > 0 ? `line ${line}: ` : ''}${reason}${named ? ` ${named}` : ''}${detail ? `: ${detail}` : ''}`);
  }
}

/** A file that is neither provider's trade bill (another export, a statement, a photo…). */
export class BillUnrecognizedError extends BillError {
  constructor() {
    super(0, 'not_a_bill', {}, 'not an Alipay or WeChat Pay trade bill');
  }
}

/**
 * A bill whose totals lines disagree with its rows, or lack them: cut short or edited. Named for
 * the owner (`bill_totals_mismatch` with the section and both figures, `bill_footer_missing`),
 * not as a line of the file.
 */
export class BillTotalsError extends BillError {
  constructor(
    message: string,
    readonly totals: { readonly section: 'trades' | 'refunds'; readonly footer: string; readonly rows: string } | null,
  ) {
    super(0, 'totals_mismatch', {}, message);
  }
}
