import type { ExportFileView, ExportTable, SettlementReportView, ShiftReportView } from '../../src-shared/api';
import { assert } from '../../src-shared/errors';
import { settlementTables, shiftTable, toCsv, type Table } from './tables';

export type ExportSource =
  | { readonly kind: 'shift'; readonly report: ShiftReportView }
  | { readonly kind: 'settlement'; readonly table: ExportTable; readonly report: SettlementReportView };

export function tableOf(src: ExportSource): Table {
  if (src.kind === 'shift') return shiftTable(src.report);
  const t = settlementTables(src.report)[src.table];
  assert(t, `no table ${src.table}`);
  return t;
}

/** Bytes + file name; the renderer saves them (download or save dialog). */
export function exportFile(src: ExportSource): ExportFileView {
  const t = tableOf(src);
  return {
    filename: `${t.name}.csv`,
    mime: 'text/csv;charset=utf-8',
    base64: Buffer.from(toCsv(t)).toString('base64'),
    rows: t.rows.length,
  };
}
