/**
 * Tables as a person reads them. The CSV exports are data: column and value codes that stay
 * the same whatever the window's language, for a spreadsheet formula or a script. The Excel
 * export is for reading: column names, channels, payout statuses and entry kinds in the window's
 * language; ids, dates and amounts as they are (amounts stay numbers a spreadsheet can sum). The
 * Z report is a list of labelled figures in both: the label, the value, then its item code.
 */
import type { Locale } from '../../src-shared/api';
import { entryKindLabel, reportLabel, reportStatusLabel, type LabelLanguage } from './report-labels';
import { cellText, type Table, type TableCell } from './tables';

/** The Z (or X) report's rows as `label,value,item`: the label in `lang`, the item its stable key. */
export function labelledShiftTable(t: Table, lang: LabelLanguage): Table {
  return {
    name: t.name,
    header: ['label', 'value', 'item'],
    rows: t.rows.map(([item = '', value = '']) => [reportLabel(String(cellText(item)), lang), value, item]),
  };
}

/** A cell of column `column` in words, when the column holds codes. */
export function readableCell(column: string, cell: TableCell, lang: LabelLanguage): TableCell {
  if (typeof cell !== 'string' || cell === '') return cell;
  switch (column) {
    case 'channel':
      return reportLabel(cell, lang);
    case 'status':
      return reportStatusLabel(cell, lang);
    case 'kind':
      return entryKindLabel(cell, lang);
    default:
      return cell;
  }
}

/** The columns naming a row's shift: by-shift (`shift_id`), every transaction (`shift`). */
const SHIFT_COLUMNS: ReadonlySet<string> = new Set(['shift', 'shift_id']);

/** An hour of the day as the screen shows it: "5" → "05:00". */
const hourOfDay = (cell: TableCell): TableCell =>
  typeof cell === 'string' && /^\d{1,2}$/.test(cell) ? `${cell.padStart(2, '0')}:00` : cell;

/**
 * A row in words: codes as labels, the hour as "05:00", and the empty cells of a sale rung up
 * with no shift open said, as the Reports screen says them: its shift and cashier "无班次 No
 * shift"; a by-cashier line with no cashier's name "未知 Unknown". The CSV keeps them empty.
 */
export function readableRow(header: readonly string[], row: readonly TableCell[], lang: LabelLanguage): TableCell[] {
  const shiftAt = header.findIndex((h) => SHIFT_COLUMNS.has(h));
  const noShift = shiftAt >= 0 && row[shiftAt] === '';
  return row.map((c, i) => {
    const column = header[i] ?? '';
    if (column === 'hour') return hourOfDay(c);
    if (c === '' && noShift && (i === shiftAt || column === 'cashier')) return reportLabel('no_shift', lang);
    if (c === '' && shiftAt < 0 && column === 'cashier') return reportLabel('unknown_cashier', lang);
    return readableCell(column, c, lang);
  });
}

/** A table in `lang` for the Excel export (the Z report: labelled, as its CSV). */
export function readableTable(t: Table, lang: Locale): Table {
  if (t.header[0] === 'item') return labelledShiftTable(t, lang);
  return {
    name: t.name,
    header: t.header.map((h) => reportLabel(h, lang)),
    rows: t.rows.map((row) => readableRow(t.header, row, lang)),
  };
}
