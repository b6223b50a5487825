import type { ExportFileView, ExportFormat, ExportTable } from '../../src-shared/api';
import { assert } from '../../src-shared/errors';
import { err, ok, type Result } from '../../src-shared/result';
import type { Db } from '../db/connection';
import { ENTRIES_EXPORT_ROWS_MAX, entriesTable } from './entries';
import type { Settlement } from './index';
import type { Locale } from '../../src-shared/api';
import { labelledShiftTable, readableTable } from './readable-table';
import { settlementTables, shiftTable, toCsv, type Table } from './tables';
import { toPdf } from './pdf';
import { toXlsx } from './xlsx';

const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface ExportRequest {
  readonly table: ExportTable;
  readonly format: ExportFormat;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly shiftId?: string | undefined;
}

function tableFor(s: Settlement, db: Db, req: ExportRequest, nowMs: number, timeZone: string): Result<Table> {
  if (req.table === 'shift.z') {
    const row = req.shiftId ? s.shifts.byId(req.shiftId) : s.shifts.openRow();
    if (!row) return req.shiftId ? err('shift_not_found', 'no such shift') : err('shift_not_open', 'no open shift');
    return ok(shiftTable(s.shiftReports.report(row, nowMs), timeZone));
  }
  if (!req.from || !req.to) return err('range_invalid', 'a range is needed for this table');
  const r = s.reports.report(req.from, req.to);
  if (!r.ok) return r;
  if (req.table === 'settlement.entries') {
    const t = entriesTable(db, req.from, req.to, r.value.currency);
    if (!t) {
      return err('export_too_large', `more than ${ENTRIES_EXPORT_ROWS_MAX} rows; export a shorter range`, {
        max: ENTRIES_EXPORT_ROWS_MAX,
      });
    }
    return ok(t);
  }
  const t = settlementTables(r.value)[req.table];
  assert(t, `no table ${req.table}`);
  return ok(t);
}

/** Bytes + file name of one table; the renderer saves them (download or save dialog). */
export async function exportFile(
  s: Settlement,
  db: Db,
  req: ExportRequest,
  nowMs: number,
  /** The shop's zone: the Z report's times are its wall clock. */
  timeZone: string,
  /** The window's language: the Excel export and the Z report's CSV are in it (readable-table.ts). */
  locale: Locale,
): Promise<Result<ExportFileView>> {
  const t = tableFor(s, db, req, nowMs, timeZone);
  if (!t.ok) return t;
  let bytes: Uint8Array;
  if (req.format === 'pdf') {
    // An open shift's report is an X report (its figures still move); a closed one's is the Z.
    const kind = t.value.name.startsWith('x-report') ? 'X' : 'Z';
    const title =
      req.table === 'shift.z'
        ? `${kind} 报表 ${kind} report ${req.shiftId ?? ''}`
        : `结算 Settlement ${req.from} – ${req.to}`;
    const pdf = await toPdf(t.value, title);
    if (!pdf) return err('pdf_unavailable', 'no CJK font installed; print through the system dialog instead');
    bytes = pdf;
  } else if (req.format === 'xlsx') bytes = await toXlsx([readableTable(t.value, locale)]);
  else bytes = toCsv(req.table === 'shift.z' ? labelledShiftTable(t.value, locale) : t.value);
  return ok({
    filename: `${t.value.name}.${req.format}`,
    mime: MIME[req.format],
    base64: Buffer.from(bytes).toString('base64'),
    rows: t.value.rows.length,
  });
}
