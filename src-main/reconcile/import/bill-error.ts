/** A bill file the importer refuses, with the 1-based line where it went wrong (0: the file). */
export class BillError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
  }
}

/** A file that is neither provider's trade bill (another export, a statement, a photo…). */
export class BillUnrecognizedError extends BillError {
  constructor() {
    super(0, 'not an Alipay or WeChat Pay trade bill');
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
    super(0, message);
  }
}
