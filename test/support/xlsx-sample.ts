/** A workbook sheet with what is hard to get right in XLSX: CJK, XML's specials, a control
 * character, a literal OOXML escape, blanks kept, number and date formats, empty cells. */
import { excelSerial, type XlsxSheet } from '../../src-main/export/xlsx-writer';

export const AWKWARD_AT_MS = Date.UTC(2026, 11, 1, 8, 30, 5);

export const AWKWARD_SHEET: XlsxSheet = {
  name: '结算 entries',
  freezeHeader: true,
  columns: [
    { header: '单号' },
    { header: 'amount', numFmt: '0.00' },
    { header: 'at', numFmt: 'yyyy-mm-dd hh:mm:ss' },
    { header: 'memo' },
  ],
  rows: [
    ['A1', 12.5, excelSerial(AWKWARD_AT_MS), 'x & <y> "z" 收款 🧾'],
    ['A2', null, null, '  padded  '],
    ['', -0.01, null, 'ctl\u0001 and _x0041_ as text'],
  ],
};
