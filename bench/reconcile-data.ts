/** Synthetic data for the reconciliation bench: two sorted sides with 1% per mismatch class. */
import { crc32, deflateRawSync } from 'node:zlib';
import type { ReconRecord } from '../src-main/reconcile/record';
import { ALIPAY_TRADE_COLUMNS } from '../src-main/reconcile/import/alipay';
import { formatPlain } from '../src-shared/money';

const T0 = Date.UTC(2026, 10, 21, 1);
const orderNo = (i: number) => `01K${String(i).padStart(23, '0')}`;

/**
 * Order i's records on each side. Of every 100 orders: 8 carry one mismatch class each
 * (amount, both status directions, only console, only statement, duplicate, refund,
 * offline-unconfirmed) and 92 match; each side has ~1 record per order.
 */
function* side(n: number, which: 'console' | 'statement'): Generator<ReconRecord> {
  for (let i = 0; i < n; i++) {
    const no = orderNo(i);
    const base: ReconRecord = {
      orderNo: no,
      tradeNo: `2026${i}`,
      amountMinor: 100 + (i % 997),
      feeMinor: which === 'statement' ? 1 : 0,
      status: 'paid',
      timeMs: T0 + i * 7,
      refundNo: null,
      channel: 'alipay',
    };
    const k = i % 100;
    if (k === 0) yield which === 'console' ? { ...base, amountMinor: base.amountMinor + 1 } : base;
    else if (k === 1) yield which === 'console' ? { ...base, status: 'unpaid', tradeNo: null } : base;
    else if (k === 2) yield which === 'statement' ? { ...base, status: 'unpaid' } : base;
    else if (k === 3) {
      if (which === 'console') yield { ...base, amountMinor: 50_000 + i };
    } else if (k === 4) {
      if (which === 'statement') yield { ...base, amountMinor: 60_000 + i };
    } else if (k === 5) {
      yield base;
      if (which === 'statement') yield { ...base, tradeNo: `${base.tradeNo}b`, timeMs: base.timeMs + 1 };
    } else if (k === 6) {
      yield base;
      yield { ...base, status: 'refund', refundNo: `r${i}`, amountMinor: which === 'console' ? 10 : 20 };
    } else if (k === 7) {
      if (which === 'console') yield { ...base, status: 'offline_verified', tradeNo: null };
    } else yield base;
  }
}

export const consoleSide = (n: number) => side(n, 'console');
export const statementSide = (n: number) => side(n, 'statement');

/** GBK bytes for the few Chinese characters a bill uses, found by decoding the GBK code space. */
function gbkTable(chars: string): Map<string, number[]> {
  const want = new Set(chars);
  const d = new TextDecoder('gb18030');
  const out = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      const ch = d.decode(new Uint8Array([a, b]));
      if (want.has(ch) && !out.has(ch)) out.set(ch, [a, b]);
    }
  }
  return out;
}

export function gbkEncode(text: string): Uint8Array {
  const table = gbkTable([...new Set(text)].filter((c) => c.charCodeAt(0) > 0x7f).join(''));
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c <= 0x7f) bytes.push(c);
    else bytes.push(...table.get(ch)!);
  }
  return Uint8Array.from(bytes);
}

/** An Alipay trade bill of n detail rows: GBK CSV in a zip, as Alipay serves it. */
export function alipayZip(n: number): Uint8Array {
  const head = gbkEncode(`#支付宝业务明细查询\n#账号：[2088]\n${ALIPAY_TRADE_COLUMNS.join(',')}\n`);
  const trade = gbkEncode('交易');
  const parts: Buffer[] = [Buffer.from(head)];
  const enc = new TextEncoder();
  let receivedFen = 0;
  for (let i = 0; i < n; i++) {
    const yuan = `${1 + (i % 997)}.${String(i % 100).padStart(2, '0')}`;
    receivedFen += (1 + (i % 997)) * 100 + (i % 100);
    const pre = enc.encode(`2026112122${String(i).padStart(10, '0')}\t,${orderNo(i)}\t,`);
    const post = enc.encode(
      `\t,x\t,2026-11-21 09:00:00\t,2026-11-21 09:00:05\t,S1\t,s\t,\t,T1\t,b\t,${yuan}\t,${yuan}\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,\t,-0.01\t,0.00\t,\t\n`,
    );
    parts.push(Buffer.from(pre), Buffer.from(trade), Buffer.from(post));
  }
  const total = formatPlain(receivedFen, 'CNY');
  parts.push(
    Buffer.from(
      gbkEncode(
        `#交易合计：${n}笔，商家实收：￥${total}元，服务费：￥0.00元\n#退款合计：0笔\n#导出时间：[2026年11月22日 10:00:00]\n`,
      ),
    ),
  );
  return zipOne('bill.csv', Buffer.concat(parts));
}

function zipOne(name: string, data: Buffer): Uint8Array {
  const comp = deflateRawSync(data, { level: 1 });
  const crc = crc32(data) >>> 0;
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(comp.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(comp.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBuf.length + comp.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, nameBuf, comp, central, nameBuf, end]));
}
