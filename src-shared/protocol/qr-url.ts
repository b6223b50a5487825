import { isCurrency } from '../money';
import { ULID_RE } from '../ulid';
import { QR_SIGNATURE_RE, type QrFields } from './signing';

export const TERMINAL_ID_RE = /^T[0-9A-HJKMNP-TV-Z]{9}$/;
/** Above any reasonable QR payload; longer paths are refused before parsing. */
export const QR_URL_LENGTH_MAX = 512;

/** `<base>/q/<terminal>/<order>?a=<amount>&c=<cur>&e=<expiry>&s=<sig>` */
export function buildQrUrl(publicBaseUrl: string, f: QrFields, signature: string): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return (
    `${base}/q/${f.terminalId}/${f.orderId}` + `?a=${f.amountMinor}&c=${f.currency}&e=${f.expiresAtMs}&s=${signature}`
  );
}

export type ParsedQr = QrFields & { readonly signature: string };

/** Parses the path + query of a QR URL; `null` for anything not exactly our shape. */
export function parseQrPath(pathWithQuery: string): ParsedQr | null {
  if (pathWithQuery.length > QR_URL_LENGTH_MAX) return null;
  const m = /^\/q\/([^/?#]+)\/([^/?#]+)\?([^#]*)$/.exec(pathWithQuery);
  if (!m) return null;
  const [, terminalId = '', orderId = '', query = ''] = m;
  if (!TERMINAL_ID_RE.test(terminalId) || !ULID_RE.test(orderId)) return null;
  // One exact shape, matched on the raw text: no %-decoding, no reordering, no empty pairs, so
  // exactly one URL maps to one set of signed fields.
  const q = /^a=([1-9]\d{0,14})&c=([A-Z]{3})&e=([1-9]\d{0,14})&s=([A-Za-z0-9_-]{22})$/.exec(query);
  if (!q) return null;
  const [, a = '', c = '', e = '', s = ''] = q;
  if (!isCurrency(c) || !QR_SIGNATURE_RE.test(s)) return null;
  return { terminalId, orderId, amountMinor: Number(a), currency: c, expiresAtMs: Number(e), signature: s };
}
