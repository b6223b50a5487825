/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, and defused when
 * a spreadsheet would run it as a formula (CSV injection: =, +, -, @, tab or CR at the start)
 * by a leading apostrophe. A plain number ("-12.30", "42") stays a number: amounts must sum.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
