import { BillError } from './bill-error';

export type BillEncoding = 'utf-8' | 'gbk';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** gb18030 is the WHATWG superset of GBK; Node's full ICU ships it, so no iconv-lite is needed. */
const gbk = new TextDecoder('gb18030', { fatal: true });

/**
 * A UTF-8 BOM decides; otherwise bytes that are valid UTF-8 are UTF-8 (GBK text with Chinese
 * in it is practically never valid UTF-8), else GBK. Bytes that are neither are refused.
 */
export function decodeBill(bytes: Uint8Array, prefix = false): { text: string; encoding: BillEncoding } {
  // A prefix may cut a multi-byte character in half: decode it leniently (for sniffing only).
  if (prefix) return decodePrefix(bytes);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeOr(utf8, bytes.subarray(3), 'UTF-8'), encoding: 'utf-8' };
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeOr(gbk, bytes, 'GBK'), encoding: 'gbk' };
  }
}

function decodeOr(d: { decode(b: Uint8Array): string }, bytes: Uint8Array, name: string): string {
  try {
    return d.decode(bytes);
  } catch {
    throw new BillError(0, 'file_not_text', {}, `neither UTF-8 nor GBK text (bad ${name} bytes)`);
  }
}

function decodePrefix(bytes: Uint8Array): { text: string; encoding: BillEncoding } {
  const text = new TextDecoder('utf-8').decode(bytes);
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad <= 1) return { text, encoding: 'utf-8' };
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gbk' };
}
