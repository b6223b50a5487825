/**
 * The XLSX exports opened by a real spreadsheet application: LibreOffice (headless Calc)
 * converts a workbook from the writer to CSV, and the cells read as written. .ci/run installs
 * it; without `soffice` on a developer's machine this test is skipped, in CI it is required.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from '../../src-main/export/xlsx-writer';
import { AWKWARD_SHEET } from '../support/xlsx-sample';
import { tempDir } from '../support/fixtures';

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

const available = hasSoffice();
if (!available && process.env.CI) throw new Error('CI: soffice (libreoffice-calc-nogui) is required for this test');

describe.skipIf(!available)('XLSX in LibreOffice', () => {
  it('opens the workbook and reads each cell as written: text, escapes, formats, gaps', () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'export.xlsx');
      writeFileSync(file, writeXlsx([AWKWARD_SHEET]));
      // 44,34,76: comma-separated, double-quoted, UTF-8.
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${tmp.dir}/profile`,
          '--headless',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76',
          '--outdir',
          tmp.dir,
          file,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const csv = readFileSync(join(tmp.dir, 'export.csv'), 'utf8').trimEnd().split('\n');
      expect(csv).toEqual([
        '单号,amount,at,memo',
        'A1,12.50,2026-12-01 08:30:05,"x & <y> ""z"" 收款 🧾"',
        'A2,,,  padded  ',
        ',-0.01,,ctl\u0001 and _x0041_ as text',
      ]);
    } finally {
      tmp.cleanup();
    }
  }, 180_000);
});
