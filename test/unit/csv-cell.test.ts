import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src-main/export/csv-cell';
import { csvHeader } from '../../src-main/reconcile/export-csv';
import type { RunView } from '../../src-shared/api';

describe('a CSV field', () => {
  it.each([
    ["-2+3+cmd|' /C calc'!A0", `'-2+3+cmd|' /C calc'!A0`],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', `'+1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tx', `'\tx`],
    ['-', `'-`],
    ['-1e3', `'-1e3`],
  ])('defuses a formula: %j', (v, out) => expect(csvCell(v)).toBe(out));

  it.each([
    ['-12.30', '-12.30'],
    ['12.30', '12.30'],
    ['0', '0'],
    ['王小明', '王小明'],
    ['a,b', '"a,b"'],
  ])('keeps plain numbers and text as they are: %j', (v, out) => expect(csvCell(v)).toBe(out));

  it('writes numbers and nothing as they are', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('keeps a bill’s file name in the reconciliation export’s first line inert', () => {
    const head = csvHeader(
      {
        id: 'R1',
        fromDate: '2026-12-01',
        toDate: '2026-12-01',
        sourceLabel: 'bill,=HYPERLINK("http://x")',
      } as RunView,
      'Asia/Shanghai',
    );
    const first = head.slice(1).split('\r\n')[0]!;
    expect(first).toBe('"# run R1 2026-12-01..2026-12-01 source bill,=HYPERLINK(""http://x"") times in Asia/Shanghai"');
  });
});
