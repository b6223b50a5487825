import { existsSync } from 'node:fs';
import pdfmake from 'pdfmake';
import { readableCell } from './readable-table';
import { hasReportLabel, reportLabel } from './report-labels';
import { cellText, type Table } from './tables';

/**
 * CJK fonts we look for, in order: Noto Sans CJK (Debian fonts-noto-cjk ships .ttc collections;
 * pdfkit picks a face from a collection by its PostScript name).
 */
export const CJK_FONT_CANDIDATES: readonly { regular: string; bold: string; face: string; boldFace: string }[] = [
  {
    regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    face: 'NotoSansCJKsc-Regular',
    boldFace: 'NotoSansCJKsc-Bold',
  },
];

/** Columns beyond this print landscape. */
const WIDE_COLUMNS = 8;

/** Column and item codes, labelled in both locales: the sheet is filed, whoever prints it. */
const label = (code: string): string => reportLabel(code, 'both');

let fontsReady: boolean | null = null;

function ensureFonts(): boolean {
  if (fontsReady !== null) return fontsReady;
  const f = CJK_FONT_CANDIDATES.find((c) => existsSync(c.regular) && existsSync(c.bold));
  fontsReady = f !== undefined;
  if (f) {
    const allowed = new Set([f.regular, f.bold]);
    pdfmake.setFonts({
      CJK: {
        normal: [f.regular, f.face],
        bold: [f.bold, f.boldFace],
        italics: [f.regular, f.face],
        bolditalics: [f.bold, f.boldFace],
      },
    });
    pdfmake.setLocalAccessPolicy((p) => allowed.has(p));
    pdfmake.setUrlAccessPolicy(() => false);
  }
  return fontsReady;
}

const NUMERIC_RE = /^-?\d+(\.\d+)?$/;

/**
 * A table as an A4 PDF with embedded (subset) CJK fonts, so Chinese renders on any viewer.
 * Null when no CJK font is installed: the renderer then prints through the system dialog.
 */
export async function toPdf(t: Table, title: string): Promise<Uint8Array | null> {
  if (!ensureFonts()) return null;
  const isItemTable = t.header[0] === 'item';
  const body = [
    t.header.map((h) => ({ text: label(h), bold: true })),
    ...t.rows.map((row) =>
      row.map((c, i) => {
        const s = String(cellText(c));
        // Channels, statuses and entry kinds as the screen says them, not "alipay" / "pending"
        const text =
          (isItemTable && i === 0) || (i === 0 && hasReportLabel(s))
            ? label(s)
            : String(readableCell(t.header[i] ?? '', s, 'both'));
        return NUMERIC_RE.test(s) && i > 0 ? { text, alignment: 'right' } : { text };
      }),
    ),
  ];
  // A wide table (every transaction: 10 columns) runs off a portrait page: landscape, smaller
  // type, and columns that share the width (long ids wrap instead of being cut at the edge).
  const wide = t.header.length > WIDE_COLUMNS;
  const doc = {
    info: { title },
    pageSize: 'A4',
    pageOrientation: wide ? 'landscape' : 'portrait',
    pageMargins: [32, 40, 32, 40],
    defaultStyle: { font: 'CJK', fontSize: wide ? 7.5 : 9 },
    content: [
      { text: title, bold: true, fontSize: 14, margin: [0, 0, 0, 8] },
      {
        table: { headerRows: 1, body, ...(wide ? { widths: t.header.map(() => '*') } : {}) },
        layout: 'lightHorizontalLines',
      },
    ],
  };
  return new Uint8Array(await pdfmake.createPdf(doc).getBuffer());
}
