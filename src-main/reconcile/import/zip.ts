import { crc32, gunzipSync, inflateRawSync } from 'node:zlib';
import { BillError } from './bill-error';

/**
 * A bill archive unpacks to at most this much (a 1M-row Alipay bill is ~250 MB of CSV; V8's
 * longest string is ~512 MB of UTF-16 code units).
 */
export const BILL_UNPACKED_BYTES_MAX = 400 * 1024 * 1024;
/** Alipay's zip holds a detail and a summary CSV; anything with many entries is not a bill. */
export const ZIP_ENTRIES_MAX = 16;

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

export const isZip = (b: Uint8Array) => b.length >= 4 && u32(b, 0) === 0x04034b50;
export const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** zlib's error: past the unpacked limit (maxOutputLength), or damaged data. */
const inflateFault = (e: unknown): 'archive_too_large' | 'archive_damaged' =>
  (e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE' ? 'archive_too_large' : 'archive_damaged';

export function gunzipBill(b: Uint8Array): Uint8Array {
  try {
    return gunzipSync(b, { maxOutputLength: BILL_UNPACKED_BYTES_MAX });
  } catch (e) {
    throw new BillError(0, inflateFault(e), {}, `gzip: ${(e as Error).message}`);
  }
}

/**
 * Reads a zip through its central directory (the authoritative list; local headers may lie
 * about sizes when bit 3 is set). Stored and deflated entries; no ZIP64, no encryption.
 */
export function readZip(b: Uint8Array): ZipEntry[] {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new BillError(0, 'archive_damaged', {}, 'zip: no end-of-central-directory record');
  const count = u16(b, eocd + 10);
  let p = u32(b, eocd + 16);
  if (count > ZIP_ENTRIES_MAX)
    throw new BillError(0, 'archive_too_large', {}, `zip: ${count} entries, at most ${ZIP_ENTRIES_MAX}`);
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50)
      throw new BillError(0, 'archive_damaged', {}, 'zip: bad central directory');
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const crc = u32(b, p + 16);
    const csize = u32(b, p + 20);
    const usize = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extra = u16(b, p + 30);
    const comment = u16(b, p + 32);
    const local = u32(b, p + 42);
    const nameBytes = b.subarray(p + 46, p + 46 + nameLen);
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'gb18030').decode(nameBytes);
    p += 46 + nameLen + extra + comment;
    if (flags & 1) throw new BillError(0, 'archive_encrypted', {}, `zip: ${name} is encrypted`);
    if (csize === 0xffffffff || usize === 0xffffffff) throw new BillError(0, 'archive_unsupported', {}, 'zip: ZIP64');
    total += usize;
    if (total > BILL_UNPACKED_BYTES_MAX)
      throw new BillError(0, 'archive_too_large', {}, 'zip: unpacks to more than the limit');
    if (local + 30 > b.length || u32(b, local) !== 0x04034b50)
      throw new BillError(0, 'archive_damaged', {}, `zip: bad local header of ${name}`);
    const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    const raw = b.subarray(start, start + csize);
    if (raw.length !== csize) throw new BillError(0, 'archive_damaged', {}, `zip: ${name} is truncated`);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: BILL_UNPACKED_BYTES_MAX });
      } catch (e) {
        throw new BillError(0, inflateFault(e), {}, `zip: ${name}: ${(e as Error).message}`);
      }
    } else throw new BillError(0, 'archive_unsupported', {}, `zip: ${name} uses compression method ${method}`);
    if (data.length !== usize) throw new BillError(0, 'archive_damaged', {}, `zip: ${name} unpacked to the wrong size`);
    if (crc32(data) >>> 0 !== crc) throw new BillError(0, 'archive_damaged', {}, `zip: ${name} fails its CRC check`);
    entries.push({ name, data });
  }
  return entries;
}
