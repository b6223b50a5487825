/**
 * What the terminal and the gateway sign. Only the canonical strings live here (pure); each side
 * computes HMAC-SHA256 with node:crypto. Changing a string here is a protocol change: bump the
 * version prefix and keep the old one verifiable.
 */
export const SIGNATURE_HEADERS = {
  terminal: 'x-pos-terminal',
  timestamp: 'x-pos-timestamp',
  nonce: 'x-pos-nonce',
  signature: 'x-pos-signature',
  /** On the gateway's answer to a signed request: HMAC over `canonicalReply` (replies are signed too). */
  replySignature: 'x-pos-reply-signature',
} as const;

/** A signed request older or newer than this is refused (both directions: clocks drift). */
export const REQUEST_TIMESTAMP_TOLERANCE_MS = 300_000;
export const NONCE_RE = /^[0-9a-f]{32}$/;
export const SIGNATURE_HEX_RE = /^[0-9a-f]{64}$/;

/** METHOD \n path-with-query \n timestamp-ms \n nonce \n sha256-hex(body) */
export function canonicalRequest(
  method: string,
  pathWithQuery: string,
  timestampMs: number,
  nonce: string,
  bodySha256Hex: string,
): string {
  return `pos-req-v1\n${method.toUpperCase()}\n${pathWithQuery}\n${timestampMs}\n${nonce}\n${bodySha256Hex}`;
}

/**
 * What the gateway signs of its answer to a signed request: the request's nonce (so an answer
 * cannot be replayed to another request), the HTTP status and the body's hash.
 */
export function canonicalReply(nonce: string, status: number, bodySha256Hex: string): string {
  return `pos-reply-v1\n${nonce}\n${status}\n${bodySha256Hex}`;
}

/** What the gateway signs of one change-stream event: the stream request's nonce and the data. */
export function canonicalEvent(nonce: string, data: string): string {
  return `pos-event-v1\n${nonce}\n${data}`;
}

export interface QrFields {
  readonly terminalId: string;
  readonly orderId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly expiresAtMs: number;
}

/** What the terminal signs for a dynamic QR. The signature travels as `s`. */
export function canonicalQr(f: QrFields): string {
  return `pos-qr-v1|${f.terminalId}|${f.orderId}|${f.amountMinor}|${f.currency}|${f.expiresAtMs}`;
}

/** QR signature: the first 16 bytes of the HMAC, base64url (22 chars) — short keeps the QR sparse. */
export const QR_SIGNATURE_BYTES = 16;
export const QR_SIGNATURE_RE = /^[A-Za-z0-9_-]{22}$/;

/** What the gateway's result page proves to an offline console: the order was paid this amount. */
export function canonicalConfirmation(orderId: string, amountMinor: number): string {
  return `pos-paid-v1|${orderId}|${amountMinor}`;
}

export const CONFIRMATION_CODE_DIGITS = 6;

/** 6 decimal digits from the first 4 bytes of the HMAC, zero-padded. */
export function confirmationCodeFromMac(mac: Uint8Array): string {
  const n = ((mac[0]! << 24) >>> 0) + (mac[1]! << 16) + (mac[2]! << 8) + mac[3]!;
  return String(n % 10 ** CONFIRMATION_CODE_DIGITS).padStart(CONFIRMATION_CODE_DIGITS, '0');
}
