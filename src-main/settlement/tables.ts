import type { SettlementReportView, ShiftReportView } from '../../src-shared/api';
import { formatPlain, type Currency } from '../../src-shared/money';
import { csvCell } from '../export/csv-cell';
import { shopDateTime } from '../export/shop-time';

export { shopDateTime };

/** One exportable table: column names and rows of cells (amounts as exact decimal text). */
/**
 * A money figure: text in CSV and PDF, a number with its decimals in XLSX, so a spreadsheet can
 * sum it, in a column of amounts or one that also holds other things (the Z report's value
 * column, beside ids and names). Tagged, not guessed from the text: a yen amount ("1200") reads
 * like a count or an id.
 */
export interface AmountCell {
  readonly amount: string;
}
export type TableCell = string | number | AmountCell;

export interface Table {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
}

/** A cell as CSV and PDF write it. */
export const cellText = (c: TableCell): string | number => (typeof c === 'object' ? c.amount : c);

const SETTLEMENT_HEADER = [
  'channel',
  'sales',
  'gross',
  'refunds_count',
  'refunds',
  'fees',
  'written_off',
  'net',
  'expected_payout',
  'paid',
  'difference',
  'status',
] as const;

export function settlementTables(r: SettlementReportView): Record<string, Table> {
  const m = (n: number): AmountCell => ({ amount: formatPlain(n, r.currency) });
  const line = (l: SettlementReportView['total']) => [
    l.channel,
    l.saleCount,
    m(l.grossMinor),
    l.refundCount,
    m(l.refundsMinor),
    m(l.feesMinor),
    m(l.writtenOffMinor),
    m(l.netMinor),
    m(l.expectedPayoutMinor),
    m(l.paidMinor),
    m(l.differenceMinor),
    l.status,
  ];
  const group = (name: string, key: string, ls: SettlementReportView['byHour']): Table => ({
    name,
    header: [key, 'sales', 'gross', 'refunds', 'fees', 'written_off', 'net'],
    rows: ls.map((g) => [
      g.key,
      g.saleCount,
      m(g.grossMinor),
      m(g.refundsMinor),
      m(g.feesMinor),
      m(g.writtenOffMinor),
      m(g.netMinor),
    ]),
  });
  /** By cashier and by shift: the cashier's name first (two may share one), then the id. */
  const named = (name: string, key: string, ls: SettlementReportView['byHour']): Table => ({
    name,
    header: ['cashier', `${key}_id`, 'sales', 'gross', 'refunds', 'fees', 'written_off', 'net'],
    rows: ls.map((g) => [
      g.name ?? '',
      g.key,
      g.saleCount,
      m(g.grossMinor),
      m(g.refundsMinor),
      m(g.feesMinor),
      m(g.writtenOffMinor),
      m(g.netMinor),
    ]),
  });
  return {
    'settlement.days': {
      name: `settlement-days-${r.from}-${r.to}`,
      header: ['business_date', ...SETTLEMENT_HEADER, 'payout_date'],
      rows: r.days.map((d) => [d.businessDate, ...line(d), d.payoutDate ?? '']),
    },
    'settlement.channels': {
      name: `settlement-channels-${r.from}-${r.to}`,
      header: SETTLEMENT_HEADER,
      rows: [...r.channels.map(line), line(r.total)],
    },
    'settlement.hours': group(`settlement-hours-${r.from}-${r.to}`, 'hour', r.byHour),
    'settlement.cashiers': named(`settlement-cashiers-${r.from}-${r.to}`, 'cashier', r.byCashier),
    'settlement.shifts': named(`settlement-shifts-${r.from}-${r.to}`, 'shift', r.byShift),
  };
}

/** A drawer movement's item in the Z report's table. */
const MOVEMENT_ITEM = { in: 'paid_in', out: 'paid_out', refund: 'cash_refund' } as const;

/**
 * The Z (or X) report as one table of labelled figures, for CSV/XLSX/PDF. Times are the shop's
 * wall clock in `timeZone` (named in its own row), as the screen shows them: a UTC time put a
 * shift closed after midnight on the day before.
 */
export function shiftTable(r: ShiftReportView, timeZone: string): Table {
  const c: Currency = r.shift.currency;
  const m = (n: number | null): TableCell => (n === null ? '' : { amount: formatPlain(n, c) });
  const rows: TableCell[][] = [
    ['report', r.kind],
    ['shift', r.shift.id],
    ['cashier', r.shift.operatorName ?? ''],
    ['cashier_id', r.shift.operatorId],
    ['opened_at', shopDateTime(r.shift.openedAtMs, timeZone)],
    ['closed_at', r.shift.closedAtMs === null ? '' : shopDateTime(r.shift.closedAtMs, timeZone)],
    ['time_zone', timeZone],
    ['opening_float', m(r.shift.openingFloatMinor)],
    ...r.channels.flatMap((l) => [
      [`${l.channel}.sales`, l.saleCount],
      [`${l.channel}.gross`, m(l.grossMinor)],
      [`${l.channel}.refunds`, m(l.refundsMinor)],
      [`${l.channel}.fees`, m(l.feesMinor)],
      [`${l.channel}.net`, m(l.netMinor)],
    ]),
    ['total.sales', r.total.saleCount],
    ['total.gross', m(r.total.grossMinor)],
    ['total.refunds', m(r.total.refundsMinor)],
    ['total.fees', m(r.total.feesMinor)],
    ['total.written_off', m(r.total.writtenOffMinor)],
    ['total.net', m(r.total.netMinor)],
    ['cash_sales', m(r.cashSalesMinor)],
    ['cash_refunds', m(r.cashRefundsMinor)],
    ['paid_in', m(r.paidInMinor)],
    ['paid_out', m(r.paidOutMinor)],
    ...r.movements.map((mv) => [`${MOVEMENT_ITEM[mv.direction]}: ${mv.reason}`, m(mv.amountMinor)]),
    ['expected_cash', m(r.expectedCashMinor)],
    ['counted_cash', m(r.countedCashMinor)],
    ['difference', m(r.differenceMinor)],
  ];
  return { name: `${r.kind.toLowerCase()}-report-${r.shift.id}`, header: ['item', 'value'], rows };
}

/** RFC 4180 CSV with a UTF-8 BOM (so Excel opens Chinese text correctly), CRLF line ends. */
export function toCsv(t: Table): Uint8Array {
  const lines = [t.header, ...t.rows].map((row) => row.map((c) => csvCell(cellText(c))).join(','));
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}
