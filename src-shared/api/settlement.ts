import { z } from 'zod';
import { ULID_RE } from '../ulid';
import { call } from './contract';
import {
  EXPORT_FORMATS,
  EXPORT_TABLES,
  type CashSaleView,
  type ExportFileView,
  type SettlementReportView,
  type ShiftReportView,
  type ShiftView,
} from './settlement-views';
import type { AppInfoView } from './views';

/** Amount text as typed; main parses it exactly. */
const amountText = z.string().max(64);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date');
/** A reason is required for paid in/out; long enough for a note, short enough for a Z report line. */
export const CASH_REASON_LENGTH_MAX = 80;

export const shiftCalls = {
  'shift.current': call<ShiftView | null>()(z.strictObject({})),
  'shift.open': call<ShiftView>()(z.strictObject({ float: amountText })),
  'shift.cashSale': call<CashSaleView>()(z.strictObject({ amount: amountText, tendered: amountText })),
  'shift.cashMove': call<ShiftReportView>()(
    z.strictObject({
      direction: z.enum(['in', 'out']),
      amount: amountText,
      reason: z.string().max(CASH_REASON_LENGTH_MAX * 4),
    }),
  ),
  /** Cash handed back to a customer from the open shift's drawer, with an owner's PIN. */
  'shift.cashRefund': call<ShiftReportView>()(
    z.strictObject({
      amount: amountText,
      reason: z.string().max(CASH_REASON_LENGTH_MAX * 4),
      approverId: z.string().regex(ULID_RE),
      approverPin: z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits'),
    }),
  ),
  /** X report of the open shift, or Z report of a closed one. */
  'shift.report': call<ShiftReportView>()(z.strictObject({ id: z.string().regex(ULID_RE).optional() })),
  'shift.close': call<ShiftReportView>()(z.strictObject({ counted: amountText })),
  'shift.list': call<readonly ShiftView[]>()(z.strictObject({ from: date, to: date })),
};

export const reportCalls = {
  'reports.settlement': call<SettlementReportView>()(z.strictObject({ from: date, to: date })),
  /** Changes the zone/cutoff and re-derives every report; the ledger is untouched. */
  'reports.setBusinessDay': call<AppInfoView>()(
    z.strictObject({ timeZone: z.string().max(64), cutoffHour: z.number().int() }),
  ),
  'reports.export': call<ExportFileView>()(
    z.strictObject({
      table: z.enum(EXPORT_TABLES),
      format: z.enum(EXPORT_FORMATS),
      from: date.optional(),
      to: date.optional(),
      shiftId: z.string().regex(ULID_RE).optional(),
    }),
  ),
};
