/** Checks the gateway's options before anything opens: a bad option is a clear error at start. */
import { isCurrency } from '../src-shared/money';
import type { GatewayOptions } from './server';

/** Protocol bounds (pairResponse): merchant names up to 64 chars, public URLs up to 200. */
const MERCHANT_NAME_LENGTH_MAX = 64;
const PUBLIC_URL_LENGTH_MAX = 200;

export function validateOptions(opts: GatewayOptions): void {
  if (typeof opts.dbPath !== 'string' || opts.dbPath === '') throw new Error('gateway: dbPath is required');
  const name = opts.merchantName;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MERCHANT_NAME_LENGTH_MAX) {
    throw new Error(`gateway: merchant name must be 1..${MERCHANT_NAME_LENGTH_MAX} characters`);
  }
  if (!isCurrency(opts.currency)) throw new Error(`gateway: unsupported currency ${String(opts.currency)}`);
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port >= 0 && opts.port <= 65535)) {
    throw new Error(`gateway: port must be 0..65535, got ${opts.port}`);
  }
  if (opts.publicUrl !== undefined) {
    let u: URL;
    try {
      u = new URL(opts.publicUrl);
    } catch {
      throw new Error(`gateway: public URL is not a URL: ${opts.publicUrl}`);
    }
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.search || u.hash || u.username) {
      throw new Error('gateway: public URL must be a plain http(s) base URL');
    }
    if (opts.publicUrl.length > PUBLIC_URL_LENGTH_MAX) {
      throw new Error(`gateway: public URL is longer than ${PUBLIC_URL_LENGTH_MAX} characters`);
    }
  }
  if (
    opts.ssePingIntervalMs !== undefined &&
    !(Number.isInteger(opts.ssePingIntervalMs) && opts.ssePingIntervalMs > 0)
  ) {
    throw new Error('gateway: ssePingIntervalMs must be a positive integer');
  }
  const aheadWait = opts.journalAheadWaitMs;
  if (aheadWait !== undefined && !(Number.isInteger(aheadWait) && aheadWait >= 0 && aheadWait <= 60_000)) {
    throw new Error('gateway: journalAheadWaitMs must be an integer from 0 to 60000');
  }
}
