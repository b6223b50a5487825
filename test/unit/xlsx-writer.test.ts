import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeXlsx, xmlText } from '../../src-main/export/xlsx-writer';
import { AWKWARD_AT_MS, AWKWARD_SHEET } from '../support/xlsx-sample';

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('the XLSX writer', () => {
  it('writes sheets that a spreadsheet reads back: text, numbers with their format, gaps, a frozen header', async () => {
    const bytes = writeXlsx([
      AWKWARD_SHEET,
      { name: '结算 entries', columns: [{ header: 'only a header' }], rows: [] },
      { name: '结算 Entries', columns: [{ header: 'x' }], rows: [] },
      { name: 'a/b:c*?[d]'.repeat(4), columns: [{ header: 'x' }], rows: [] },
    ]);
    const wb = await read(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '结算 entries',
      '结算 entries (2)',
      '结算 Entries (3)',
      'a_b_c___d_a_b_c___d_a_b_c___d_a', // Excel's forbidden characters replaced, cut at 31
    ]);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(1).values).toEqual([undefined, '单号', 'amount', 'at', 'memo']);
    expect(ws.getCell('A2').value).toBe('A1');
    expect(ws.getCell('B2').value).toBe(12.5);
    expect(ws.getCell('B2').numFmt).toBe('0.00');
    expect(ws.getCell('C2').value).toEqual(new Date(AWKWARD_AT_MS));
    expect(ws.getCell('D2').value).toBe('x & <y> "z" 收款 🧾');
    expect(ws.getCell('B3').value).toBeNull();
    expect(ws.getCell('D3').value).toBe('  padded  ');
    expect(ws.getCell('A4').value).toBeNull();
    expect(ws.getCell('B4').value).toBe(-0.01);
    // exceljs shows OOXML's escapes as they are stored; spreadsheets decode them
    // (xlsx-libreoffice.test.ts reads 'ctl\u0001 and _x0041_ as text' back).
    expect(ws.getCell('D4').value).toBe('ctl_x0001_ and _x005F_x0041_ as text');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wb.worksheets[1]!.getCell('A1').value).toBe('only a header');
  });

  it('escapes what XML cannot carry, and a literal escape sequence, so text reads back as written', () => {
    expect(xmlText('plain 收款')).toBe('plain 收款');
    expect(xmlText('a\u0001b\tc\nd')).toBe('a_x0001_b\tc\nd');
    expect(xmlText('_x0041_ stays text')).toBe('_x005F_x0041_ stays text');
    expect(xmlText('lone \uD800 surrogate, pair 🧾')).toBe('lone \uFFFD surrogate, pair 🧾');
    expect(xmlText('<&>"')).toBe('&lt;&amp;&gt;&quot;');
  });

  it('refuses what Excel could not open, naming it', () => {
    const sheet = { name: 's', columns: [{ header: 'a' }] };
    expect(() => writeXlsx([])).toThrow(/needs a sheet/);
    expect(() => writeXlsx([{ ...sheet, rows: [['x', 'y']] }])).toThrow(/row 2 has 2 cells for 1 columns/);
    expect(() => writeXlsx([{ ...sheet, rows: [[Number.NaN]] }])).toThrow(/row 2 column 1 is NaN/);
    expect(() => writeXlsx([{ name: 's', columns: [], rows: [] }])).toThrow(/0 columns/);
  });
});
