import { existsSync } from 'node:fs';
import pdfmake from 'pdfmake';
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
const LABELS: Record<string, string> = {
  channel: '渠道 Channel',
  sales: '笔数 Sales',
  gross: '收款 Gross',
  refunds_count: '退款笔数 Refund count',
  refunds: '退款 Refunds',
  fees: '手续费 Fees',
  net: '净额 Net',
  expected_payout: '应结算 Expected payout',
  paid: '已到账 Paid',
  difference: '差额 Difference',
  status: '状态 Status',
  business_date: '营业日 Business date',
  payout_date: '结算日 Payout date',
  item: '项目 Item',
  value: '数值 Value',
  report: '报表 Report',
  shift: '班次 Shift',
  cashier: '收银员 Cashier',
  cashier_id: '收银员编号 Cashier ID',
  shift_id: '班次编号 Shift ID',
  opened_at: '开班 Opened',
  closed_at: '交班 Closed',
  opening_float: '备用金 Opening float',
  cash_sales: '现金销售 Cash sales',
  cash_refunds: '现金退款 Cash refunds',
  cash_refund: '现金退款 Cash refund',
  paid_in: '存入 Paid in',
  paid_out: '取出 Paid out',
  expected_cash: '应有现金 Expected cash',
  counted_cash: '实点现金 Counted cash',
  time_zone: '时区 Time zone',
  seq: '序号 Entry',
  time_utc: '时间（UTC） Time (UTC)',
  kind: '类型 Kind',
  sale: '销售 Sale',
  refund: '退款 Refund',
  order: '订单 Order',
  hour: '时段 Hour',
  total: '合计 Total',
  cash: '现金 Cash',
  alipay: '支付宝 Alipay',
  wechat: '微信支付 WeChat Pay',
  sandbox: '演示钱包 Demo wallet',
  offline: '离线核验（待网关确认） Offline, awaiting the gateway',
  writeoff: '离线核销（未收款） Offline, written off',
};
const label = (code: string): string =>
  LABELS[code] ??
  code
    .replace(/^(\w+)\.(\w+)$/, (_, a: string, b: string) => `${LABELS[a] ?? a} · ${LABELS[b] ?? b}`)
    // a paid-in/out with its reason: "paid_out: 买牛奶"
    .replace(/^(\w+): /, (_, a: string) => `${LABELS[a] ?? a}: `);

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
        const text = (isItemTable && i === 0) || (i === 0 && LABELS[s]) ? label(s) : s;
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
