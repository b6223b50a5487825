/** A bill file the importer refuses, with the 1-based line where it went wrong (0: the file). */
export class BillError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
  }
}
