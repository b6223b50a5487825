import { createHash, createHmac } from 'node:crypto';
import {
  canonicalConfirmation,
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
