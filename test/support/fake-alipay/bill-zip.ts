/**
 * Builds what Alipay's bill download URL serves: a zip of GBK-encoded CSV files. The GBK
 * encoder is derived from the platform's GBK decoder (every two-byte sequence, once).
 */
import { zip } from '../../../src-main/export/zip';
import { formatPlain } from '../../../src-shared/money';

let gbkTable: Map<string, number> | null = null;

function gbkEncoderTable(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const table = new Map<string, number>();
  const decoder = new TextDecoder('gbk', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, (lead << 8) | trail);
      } catch {
        // unassigned
      }
    }
  }
  gbkTable = table;
  return table;
}

export function encodeGbk(text: string): Buffer {
  const table = gbkEncoderTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const two = table.get(ch);
    if (two === undefined) throw new Error(`not encodable in GBK: ${ch}`);
    out.push(two >> 8, two & 0xff);
  }
  return Buffer.from(out);
}

/** A zip (deflate, no data descriptors) whose names are GBK too, as Alipay's are. */
export function zipFiles(files: readonly { name: string; data: Buffer }[]): Buffer {
  return zip(files.map((f) => ({ name: encodeGbk(f.name), data: f.data })));
}

/** A trade bill as Alipay lays it out: `#` header lines, the 25 detail columns, `#` footer. */
export function tradeBillCsv(date: string, rows: readonly (readonly string[])[]): string {
  const header = [
    '支付宝交易号',
    '商户订单号',
    '业务类型',
    '商品名称',
    '创建时间',
    '完成时间',
    '门店编号',
    '门店名称',
    '操作员',
    '终端号',
    '对方账户',
    '订单金额（元）',
    '商家实收（元）',
    '支付宝红包（元）',
    '集分宝（元）',
    '支付宝优惠（元）',
    '商家优惠（元）',
    '券核销金额（元）',
    '券名称',
    '商家红包消费金额（元）',
    '卡消费金额（元）',
    '退款批次号/请求号',
    '服务费（元）',
    '分润（元）',
    '备注',
  ];
  const lines = [
    '#支付宝业务明细查询',
    '#账号：[20880000000000000156]',
    `#起始日期：[${date} 00:00:00]   终止日期：[${date} 23:59:59]`,
    '#-----------------------------------------业务明细列表----------------------------------------',
    header.join(','),
    ...rows.map((r) => r.map((v) => `${v}\t`).join(',')),
    '#-----------------------------------------业务明细列表结束------------------------------------',
    ...footer(rows),
    `#导出时间：[${date} 10:00:00]`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** The totals Alipay writes under the rows: counts and 商家实收 (column 13) of trades and refunds. */
function footer(rows: readonly (readonly string[])[]): string[] {
  const fen = (v: string) => Math.round(Math.abs(Number(v)) * 100);
  const trades = rows.filter((r) => r[2] !== '退款');
  const refunds = rows.filter((r) => r[2] === '退款');
  const sum = (rs: readonly (readonly string[])[]) => rs.reduce((a, r) => a + fen(r[12] ?? '0'), 0);
  return [
    `#交易合计：${trades.length}笔，商家实收：￥${formatPlain(sum(trades), 'CNY')}元，服务费：￥0.00元`,
    `#退款合计：${refunds.length}笔，商家实收退款：￥${formatPlain(sum(refunds), 'CNY')}元`,
  ];
}
