/**
 * ESC/POS bytes for a shift (X/Z) report on a receipt printer — pure, no I/O.
 *
 * Decision: labels are English and every character outside printable ASCII becomes `?`.
 * Chinese needs GBK/GB18030 bytes (FS & Chinese mode), and Node has no GBK encoder; shipping a
 * 20k-entry table for one receipt is not worth it. Figures are plain decimal text, so the
 * numbers always print exactly. See docs/settlement.md.
 */
import type { ShiftReportView } from '../../src-shared/api';
import { formatPlain } from '../../src-shared/money';
import { shopDateTime } from './tables';

/** 80 mm paper, Font A: 48 columns (58 mm printers wrap; figures stay right-aligned per line). */
export const RECEIPT_COLUMNS = 48;

const ESC = 0x1b;
const GS = 0x1d;
/** ESC @: reset the printer (clears any mode left by a previous job). */
export const INIT = [ESC, 0x40] as const;
/** GS V 66 n: feed n lines, then partial cut. */
export const CUT = [GS, 0x56, 0x42, 0x03] as const;
const BOLD_ON = [ESC, 0x45, 0x01];
const BOLD_OFF = [ESC, 0x45, 0x00];
const CENTER = [ESC, 0x61, 0x01];
const LEFT = [ESC, 0x61, 0x00];

/** Printable ASCII only; anything else prints as `?` (see the decision above). */
export function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/** `label ....... value`, value right-aligned in the receipt width. */
export function line(label: string, value: string, width = RECEIPT_COLUMNS): string {
  const v = asciiOnly(value);
  const l = asciiOnly(label).slice(0, Math.max(1, width - v.length - 1));
  return l + ' '.repeat(Math.max(1, width - l.length - v.length)) + v;
}

export interface ReceiptContext {
  readonly terminalName: string;
  readonly timeZone: string;
}

/** The shop's wall clock to the minute, as the exports read it (tables.ts): "2026-12-08 00:08". */
function time(ms: number, timeZone: string): string {
  return shopDateTime(ms, timeZone).slice(0, 16);
}

/** The report's lines as text (also what the tests read). */
export function shiftReportLines(r: ShiftReportView, ctx: ReceiptContext): string[] {
  const m = (n: number) => formatPlain(n, r.shift.currency);
  const out = [
    `${r.kind} REPORT`,
    asciiOnly(ctx.terminalName),
    line('Business date', r.shift.businessDate),
    line('Cashier', r.shift.operatorId),
    line('Opened', time(r.shift.openedAtMs, ctx.timeZone)),
  ];
  if (r.shift.closedAtMs !== null) out.push(line('Closed', time(r.shift.closedAtMs, ctx.timeZone)));
  out.push(line('Printed', time(r.generatedAtMs, ctx.timeZone)), '-'.repeat(RECEIPT_COLUMNS));
  for (const c of [...r.channels, r.total]) {
    out.push(line(c.channel.toUpperCase(), `${c.saleCount} sales`));
    out.push(line('  Gross', m(c.grossMinor)), line('  Refunds', m(c.refundsMinor)), line('  Fees', m(c.feesMinor)));
    if (c.writtenOffMinor !== 0) out.push(line('  Written off', m(c.writtenOffMinor)));
    out.push(line('  Net', m(c.netMinor)));
  }
  out.push(
    '-'.repeat(RECEIPT_COLUMNS),
    line('Opening float', m(r.shift.openingFloatMinor)),
    line('Cash sales', m(r.cashSalesMinor)),
    line('Cash refunds', m(r.cashRefundsMinor)),
    line('Paid in', m(r.paidInMinor)),
    line('Paid out', m(r.paidOutMinor)),
    line('Expected cash', m(r.expectedCashMinor)),
  );
  if (r.countedCashMinor !== null) out.push(line('Counted cash', m(r.countedCashMinor)));
  if (r.differenceMinor !== null) {
    const d = r.differenceMinor;
    out.push(line(d === 0 ? 'Difference (balanced)' : d > 0 ? 'Difference (over)' : 'Difference (short)', m(d)));
  }
  for (const mv of r.movements) {
    const what = mv.direction === 'in' ? 'In' : mv.direction === 'refund' ? 'Refund' : 'Out';
    out.push(line(`${what} ${mv.reason}`, m(mv.amountMinor)));
  }
  return out;
}

/** The full print job: init, bold centred title, the lines, feed and cut. */
export function shiftReportReceipt(r: ShiftReportView, ctx: ReceiptContext): Uint8Array {
  const [title, name, ...rest] = shiftReportLines(r, ctx);
  const text = (s: string) => Array.from(Buffer.from(`${s}\n`, 'latin1'));
  const bytes: number[] = [...INIT, ...CENTER, ...BOLD_ON, ...text(title!), ...BOLD_OFF, ...text(name!), ...LEFT];
  for (const l of rest) bytes.push(...text(l));
  bytes.push(...CUT);
  return Uint8Array.from(bytes);
}
