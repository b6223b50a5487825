import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  canonicalConfirmation,
  canonicalEvent,
  canonicalReply,
  canonicalQr,
  canonicalRequest,
  confirmationCodeFromMac,
  QR_SIGNATURE_BYTES,
  SIGNATURE_HEADERS,
  type QrFields,
} from '../../src-shared/protocol/signing';

/** Headers for one signed request to the gateway (HMAC-SHA256 under the terminal's secret). */
/** The body hash a signature covers. */
export function bodySha256(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

export function signRequest(
  secret: Buffer,
  terminalId: string,
  method: string,
  pathWithQuery: string,
  body: string,
  timestampMs: number,
  nonceHex: string,
  /** `body`'s SHA-256 in hex when already known (a push batch hashes its body when it is read). */
  bodySha256Hex?: string,
): Record<string, string> {
  const bodyHash = bodySha256Hex ?? bodySha256(body);
  const signature = createHmac('sha256', secret)
    .update(canonicalRequest(method, pathWithQuery, timestampMs, nonceHex, bodyHash))
    .digest('hex');
  return {
    [SIGNATURE_HEADERS.terminal]: terminalId,
    [SIGNATURE_HEADERS.timestamp]: String(timestampMs),
    [SIGNATURE_HEADERS.nonce]: nonceHex,
    [SIGNATURE_HEADERS.signature]: signature,
  };
}

/**
 * Whether an answer to our signed request carries the gateway's signature over our nonce, its
 * status and its body: a reply forged or replayed on the shop's network does not. `signature`:
 * the reply's `x-pos-reply-signature` header, or null when it has none.
 */
export function replyAuthentic(
  secret: Buffer,
  nonce: string,
  status: number,
  body: string,
  signature: string | null,
): boolean {
  const expected = createHmac('sha256', secret)
    .update(canonicalReply(nonce, status, bodySha256(body)))
    .digest();
  return hexEquals(expected, signature);
}

/** Whether a change-stream event carries the gateway's signature over the stream's nonce and its data. */
export function eventAuthentic(secret: Buffer, nonce: string, data: string, signature: string | null): boolean {
  return hexEquals(createHmac('sha256', secret).update(canonicalEvent(nonce, data)).digest(), signature);
}

function hexEquals(expected: Buffer, hex: string | null): boolean {
  if (hex === null || !/^[0-9a-f]{64}$/.test(hex)) return false;
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

/** The `s` of a dynamic QR: the terminal signs it, so the gateway can verify an order it never saw. */
export function signQr(secret: Buffer, fields: QrFields): string {
  return createHmac('sha256', secret)
    .update(canonicalQr(fields))
    .digest()
    .subarray(0, QR_SIGNATURE_BYTES)
    .toString('base64url');
}

/** The 6-digit code the gateway's result page shows after payment; verified here with no network. */
export function expectedConfirmationCode(secret: Buffer, orderId: string, amountMinor: number): string {
  return confirmationCodeFromMac(
    createHmac('sha256', secret).update(canonicalConfirmation(orderId, amountMinor)).digest(),
  );
}
