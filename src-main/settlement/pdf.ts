import { existsSync } from 'node:fs';
import pdfmake from 'pdfmake';
import { readableRow } from './readable-table';
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

/** Columns of ids (26-character ULIDs). */
const ID_COLUMNS: ReadonlySet<string> = new Set(['order', 'shift', 'shift_id', 'cashier_id']);

/**
 * How much of an id a wide table prints: the last 8 characters, as the screen shows an order. The
 * CSV and Excel exports keep ids whole.
 */
const ID_TAIL_CHARS = 8;

/**
 * In a wide table, a run of an id or a name longer than this gets a break opportunity every so
 * many characters, so no column outgrows the page. Words in labels and times are never split. (A
 * portrait table has room for a whole id; there, pdfmake wrapped a breakable one needlessly.)
 */
const UNBROKEN_CHARS_MAX = 13;
const BREAKABLE_COLUMNS: ReadonlySet<string> = new Set([...ID_COLUMNS, 'cashier']);
const UNBROKEN_RE = new RegExp(`\\S{${UNBROKEN_CHARS_MAX + 1},}`, 'gu');
const CHUNK_RE = new RegExp(`(.{${UNBROKEN_CHARS_MAX}})(?=.)`, 'gu');

/** Zero-width spaces in long runs: a line may break there. */
export const breakable = (s: string): string => s.replace(UNBROKEN_RE, (run) => run.replace(CHUNK_RE, '$1\u200b'));

/**
 * A table as an A4 PDF with embedded (subset) CJK fonts, so Chinese renders on any viewer.
 * Null when no CJK font is installed: the renderer then prints through the system dialog.
 */
export async function toPdf(t: Table, title: string): Promise<Uint8Array | null> {
  if (!ensureFonts()) return null;
  const isItemTable = t.header[0] === 'item';
  // A wide table (every transaction: 11 columns) runs off a portrait page: landscape, smaller type.
  const wide = t.header.length > WIDE_COLUMNS;
  const shortIds = wide && t.header.some((h) => ID_COLUMNS.has(h));
  const body = [
    t.header.map((h) => ({ text: label(h), bold: true })),
    ...t.rows.map((row) => {
      // Channels, statuses, entry kinds, hours and "no shift" as the screen says them
      const readable = isItemTable ? row : readableRow(t.header, row.map(cellText), 'both');
      return row.map((c, i) => {
        const s = String(cellText(c));
        const column = t.header[i] ?? '';
        const words =
          (isItemTable && i === 0) || (i === 0 && hasReportLabel(s))
            ? label(s)
            : shortIds && ID_COLUMNS.has(column) && s !== ''
              ? s.slice(-ID_TAIL_CHARS)
              : String(cellText(readable[i] ?? s));
        const text = wide && BREAKABLE_COLUMNS.has(column) ? breakable(words) : words;
        return NUMERIC_RE.test(s) && i > 0 ? { text, alignment: 'right' } : { text };
      });
    }),
  ];
  // Every column is 'auto': as wide as its longest line, or, when they are too wide together,
  // between its longest unbreakable run and that. ('*' columns each took the widest run of any
  // of them: one 26-character id made eleven 110-point columns, and Sale onwards fell off the page.)
  const doc = {
    info: { title },
    pageSize: 'A4',
    pageOrientation: wide ? 'landscape' : 'portrait',
    pageMargins: [32, 40, 32, 40],
    defaultStyle: { font: 'CJK', fontSize: wide ? 7.5 : 9 },
    content: [
      { text: title, bold: true, fontSize: 14, margin: [0, 0, 0, shortIds ? 2 : 8] },
      ...(shortIds ? [{ text: label('id_tail_note'), fontSize: 7.5, margin: [0, 0, 0, 8] }] : []),
      {
        table: { headerRows: 1, body, widths: t.header.map(() => 'auto') },
        layout: 'lightHorizontalLines',
      },
    ],
  };
  return new Uint8Array(await pdfmake.createPdf(doc).getBuffer());
}
