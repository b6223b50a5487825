/**
 * The Alipay bill for a date: ask for its download URL
 * (alipay.data.dataservice.bill.downloadurl.query; the URL lives 30 s), fetch the zip of GBK
 * CSV files and keep its bytes unchanged: the reconciliation side parses them. A day's bill
 * exists from about 10:00 the next day; before that Alipay answers isp.bill_not_exist.
 */
import { sha256Hex } from '../crypto';
import { err, ok, type Result } from '../../src-shared/result';
import { BILL_DATE_RE } from '../../src-shared/protocol/charge';
import type { GatewayCore } from '../core';
import type { AlipayProvider } from './provider';

/** A month's trade bill of a busy shop is a few MB zipped; 50 MB is the wrong file. */
export const BILL_BYTES_MAX = 50 * 1024 * 1024;
/** The download URL lives 30 s; a fetch that takes longer will not finish anyway. */
export const BILL_FETCH_TIMEOUT_MS = 30_000;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export interface StoredBill {
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly fetched_at_ms: number;
}

export class AlipayBills {
  constructor(
    private readonly core: GatewayCore,
    private readonly provider: AlipayProvider,
  ) {}

  stored(billType: 'trade' | 'signcustomer', billDate: string): StoredBill | null {
    return this.core.trades.bill('alipay', billType, billDate);
  }

  async download(billType: 'trade' | 'signcustomer', billDate: string): Promise<Result<StoredBill>> {
    if (!BILL_DATE_RE.test(billDate)) return err('invalid_argument', 'bill date must be yyyy-MM-dd or yyyy-MM');
    const answer = await this.provider.billUrl(billType, billDate);
    if (answer.kind === 'not_ready') return err('bill_not_available', `no ${billType} bill for ${billDate} yet`);
    if (answer.kind !== 'url') {
      this.core.log.error(`bill ${billType} ${billDate}: ${answer.reason}`);
      return err('provider_unavailable', 'Alipay did not give a bill URL');
    }
    const bytes = await fetchBounded(answer.url);
    if (!bytes.ok) {
      this.core.log.error(`bill ${billType} ${billDate}: download failed: ${bytes.error.message}`);
      return bytes;
    }
    const sha256 = sha256Hex(bytes.value);
    const now = this.core.clock.now();
    this.core.trades.saveBill('alipay', billType, billDate, bytes.value, sha256, now);
    this.core.log.info(`bill ${billType} ${billDate}: ${bytes.value.length} bytes stored`);
    return ok({ bytes: bytes.value, sha256, fetched_at_ms: now });
  }
}

async function fetchBounded(url: string): Promise<Result<Buffer>> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(BILL_FETCH_TIMEOUT_MS), redirect: 'follow' });
  } catch (e) {
    return err('provider_unavailable', `bill download failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (res.status !== 200 || !res.body) return err('provider_unavailable', `bill download answered ${res.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Uint8Array).length;
    if (size > BILL_BYTES_MAX) return err('provider_unavailable', `bill is larger than ${BILL_BYTES_MAX} bytes`);
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  const bytes = Buffer.concat(chunks, size);
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) return err('provider_unavailable', 'the bill is not a zip file');
  return ok(bytes);
}
