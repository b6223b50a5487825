import type { Currency } from '../money';

export interface ShiftView {
  readonly id: string;
  readonly operatorId: string;
  /** The cashier's name; null when the shift was opened before operators existed ('unknown'). */
  readonly operatorName: string | null;
  readonly currency: Currency;
  readonly openedAtMs: number;
  readonly openingFloatMinor: number;
  readonly closedAtMs: number | null;
  readonly closedBy: string | null;
  readonly countedMinor: number | null;
  readonly businessDate: string;
}

export interface CashSaleView {
  readonly id: string;
  readonly amountMinor: number;
  readonly tenderedMinor: number;
  readonly changeMinor: number;
  readonly currency: Currency;
  readonly createdAtMs: number;
}

export interface ChannelLine {
  readonly channel: string;
  readonly saleCount: number;
  readonly grossMinor: number;
  readonly refundCount: number;
  readonly refundsMinor: number;
  /**
   * Sales verified by confirmation code that the gateway never confirmed, written off by the
   * owner (channel `writeoff`, docs/offline.md): in gross, never received, so out of net. Its
   * gross less refunds on that channel's line; 0 on every other.
   */
  readonly writtenOffMinor: number;
  /**
   * Expected network fees of its sales less those its refunds return (settlement.md, "Fees and
   * payouts"); 0 for cash. The X/Z report has them too, so its net is the Reports screen's.
   */
  readonly feesMinor: number;
  /** Gross − refunds − fees − written off: what the shop keeps. */
  readonly netMinor: number;
}

export interface CashMovementLine {
  readonly atMs: number;
  /** Paid in, paid out (petty cash), or cash handed back to a customer (a refund in the books). */
  readonly direction: 'in' | 'out' | 'refund';
  readonly amountMinor: number;
  readonly reason: string;
}

/** X report (shift open: no count yet) or Z report (closed: counted and difference). */
export interface ShiftReportView {
  readonly kind: 'X' | 'Z';
  readonly shift: ShiftView;
  readonly generatedAtMs: number;
  readonly channels: readonly ChannelLine[];
  readonly total: ChannelLine;
  readonly cashSalesMinor: number;
  readonly cashRefundsMinor: number;
  readonly paidInMinor: number;
  readonly paidOutMinor: number;
  readonly movements: readonly CashMovementLine[];
  /** Opening float + cash sales − cash refunds + paid in − paid out. */
  readonly expectedCashMinor: number;
  readonly countedCashMinor: number | null;
  /** Counted − expected (positive: over; negative: short). */
  readonly differenceMinor: number | null;
}

export const PAYOUT_STATUSES = ['pending', 'paid', 'short', 'over', 'none'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export interface SettlementLine extends ChannelLine {
  /** Gross − refunds − fees. */
  readonly expectedPayoutMinor: number;
  /** Payouts the network reported (journal: clearing → bank). */
  readonly paidMinor: number;
  /** Fees the network reported (journal: clearing → fees). */
  readonly feesBookedMinor: number;
  readonly differenceMinor: number;
  readonly status: PayoutStatus;
}

export interface DayChannelLine extends SettlementLine {
  readonly businessDate: string;
  readonly payoutDate: string | null;
}

export interface GroupLine {
  readonly key: string;
  /** What a person reads: the cashier's name (by cashier and by shift); null for hours. */
  readonly name: string | null;
  /** By shift: when it opened (the Shift screen names a shift by it too); null otherwise. */
  readonly openedAtMs: number | null;
  readonly saleCount: number;
  readonly grossMinor: number;
  readonly refundsMinor: number;
  /** Expected network fees of its sales and refunds, as in the channel lines. */
  readonly feesMinor: number;
  /** Its sales written off, never received (as in the channel lines). */
  readonly writtenOffMinor: number;
  /** gross − refunds − fees − written off: the same net as the channel lines (one rule for every table). */
  readonly netMinor: number;
}

export interface SettlementReportView {
  readonly from: string;
  readonly to: string;
  readonly currency: Currency;
  readonly feeRule: string;
  readonly channels: readonly SettlementLine[];
  readonly total: SettlementLine;
  readonly days: readonly DayChannelLine[];
  readonly byHour: readonly GroupLine[];
  readonly byCashier: readonly GroupLine[];
  readonly byShift: readonly GroupLine[];
}

export const EXPORT_TABLES = [
  'settlement.days',
  'settlement.channels',
  'settlement.cashiers',
  'settlement.shifts',
  'settlement.hours',
  /** Every sale and refund in the range, one row each. */
  'settlement.entries',
  'shift.z',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The renderer saves this (download in the browser host, save dialog in Electron). */
export interface ExportFileView {
  readonly filename: string;
  readonly mime: string;
  readonly base64: string;
  readonly rows: number;
}
