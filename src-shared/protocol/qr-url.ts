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
  const q = new URLSearchParams(query);
  const keys = [...q.keys()];
  if (keys.length !== 4 || new Set(keys).size !== 4) return null;
  const a = q.get('a') ?? '';
  const c = q.get('c') ?? '';
  const e = q.get('e') ?? '';
  const s = q.get('s') ?? '';
  if (!/^[1-9]\d{0,14}$/.test(a) || !/^[1-9]\d{0,14}$/.test(e)) return null;
  if (!isCurrency(c) || !QR_SIGNATURE_RE.test(s)) return null;
  return { terminalId, orderId, amountMinor: Number(a), currency: c, expiresAtMs: Number(e), signature: s };
}
