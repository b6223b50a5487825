import { createHash } from 'node:crypto';
import { parseAlipayBill, type ParsedBill } from './alipay';
import { BillError, BillUnrecognizedError } from './bill-error';
import { decodeBill } from './decode';
import { parseWechatBill, WECHAT_TRADE_COLUMNS } from './wechat';
import { isGzip, isZip } from './zip';

/** A bill file as uploaded (before unpacking). Alipay's zip of a busy year is well under this. */
export const BILL_FILE_BYTES_MAX = 100 * 1024 * 1024;

export interface ImportedBill extends ParsedBill {
  /** Hex sha256 of the bytes as uploaded: the same file imported twice is recognised by it. */
  readonly sha256: string;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Recognises the provider from the bytes (a zip is Alipay's, gzip is WeChat's `tar_type`;
 * plain text by its header row) and parses it. Throws BillError for anything it refuses.
 */
export function importBill(bytes: Uint8Array): ImportedBill {
  if (bytes.length === 0) throw new BillError(0, 'file_empty');
  if (bytes.length > BILL_FILE_BYTES_MAX)
    throw new BillError(0, 'file_too_large', { max_mb: Math.floor(BILL_FILE_BYTES_MAX / 2 ** 20) });
  const sha256 = sha256Hex(bytes);
  if (isZip(bytes)) return { ...parseAlipayBill(bytes), sha256 };
  if (isGzip(bytes)) return { ...parseWechatBill(bytes), sha256 };
  const head = decodeBill(bytes.subarray(0, 4096), true).text;
  if (head.includes('支付宝交易号')) return { ...parseAlipayBill(bytes), sha256 };
  if (head.includes(`${WECHAT_TRADE_COLUMNS[0]},${WECHAT_TRADE_COLUMNS[1]}`))
    return { ...parseWechatBill(bytes), sha256 };
  throw new BillUnrecognizedError();
}
