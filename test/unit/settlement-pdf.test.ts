import { existsSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app';
import { CJK_FONT_CANDIDATES } from '../../src-main/settlement/pdf';
import { offlineConsole, TEST_PAIRING } from '../support/console';
import { must, postQrSale } from '../support/settlement';

let app: App;
let cleanup: () => void;

beforeEach(() => {
  ({ app, cleanup } = offlineConsole());
  app.terminal.save(TEST_PAIRING);
});
afterEach(() => cleanup());

/** Every Flate stream of a PDF, inflated, as latin1 text. */
function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const s = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a Flate stream (e.g. the font program's own encoding)
    }
  }
  return out;
}

/** A PDF literal string from its opening parenthesis: escapes undone, UTF-16BE (with its BOM) decoded. */
function pdfLiteral(pdf: string, open: number): string {
  let out = '';
  let depth = 1;
  for (let i = open + 1; i < pdf.length; i++) {
    const ch = pdf[i]!;
    if (ch === '\\') {
      out += pdf[++i]!;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')' && --depth === 0) break;
    out += ch;
  }
  const bytes = Buffer.from(out, 'latin1');
  return bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : out;
}

const hasFont = CJK_FONT_CANDIDATES.some((f) => existsSync(f.regular));

describe('PDF of the Z report and the daily settlement', () => {
  it.skipIf(!hasFont)('embeds a CJK font and maps the Chinese labels to Unicode', async () => {
    must(app.handlers['shift.open']({ float: '100' }) as never);
    must(app.settlement.cash.sale('12.34', '20'));
    postQrSale(app, 'alipay', 88_00);
    must(app.settlement.cash.close('112.34'));
    const shiftId = (app.db.prepare('SELECT id FROM shifts').get() as { id: string }).id;

    const z = must(await app.handlers['reports.export']({ table: 'shift.z', format: 'pdf', shiftId }));
    expect(z.filename).toBe(`z-report-${shiftId}.pdf`);
    const pdf = Buffer.from(z.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-(Regular|Bold)/);
    const cmaps = streams(pdf)
      .filter((s) => s.includes('begincmap'))
      .join('\n')
      .toLowerCase();
    // 应有现金 (expected cash) and 支付宝 (Alipay): each character has a ToUnicode mapping
    for (const ch of '应有现金支付宝') expect(cmaps, ch).toContain(`<${ch.codePointAt(0)!.toString(16)}>`);

    const day = must(
      await app.handlers['reports.export']({
        table: 'settlement.channels',
        format: 'pdf',
        from: '2026-11-22',
        to: '2026-11-22',
      }),
    );
    expect(Buffer.from(day.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // a wide table (every transaction: 10 columns) is printed landscape, the Z report portrait
    const entries = must(
      await app.handlers['reports.export']({
        table: 'settlement.entries',
        format: 'pdf',
        from: '2026-11-22',
        to: '2026-11-22',
      }),
    );
    const mediaBox = (b64: string) =>
      /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(Buffer.from(b64, 'base64').toString('latin1'));
    const [, w, h] = mediaBox(entries.base64)!;
    expect(Number(w)).toBeGreaterThan(Number(h));
    const [, zw, zh] = mediaBox(z.base64)!;
    expect(Number(zw)).toBeLessThan(Number(zh));
  });

  it.skipIf(!hasFont)('titles an open shift’s report X (its figures still move) and a closed one’s Z', async () => {
    must(app.handlers['shift.open']({ float: '100' }) as never);
    const shiftId = (app.db.prepare('SELECT id FROM shifts').get() as { id: string }).id;
    const titleOf = async () => {
      const f = must(await app.handlers['reports.export']({ table: 'shift.z', format: 'pdf', shiftId }));
      const pdf = Buffer.from(f.base64, 'base64').toString('latin1');
      const ref = /\/Title (\d+) 0 R/.exec(pdf)![1]!; // the Info dictionary's title, an indirect string
      return pdfLiteral(pdf, pdf.indexOf('(', pdf.indexOf(`\n${ref} 0 obj\n`)));
    };
    expect(await titleOf()).toContain('X report');
    must(app.settlement.cash.close('100'));
    expect(await titleOf()).toContain('Z report');
  });
});
