/** The terminal's QR signature and the offline confirmation code, computed with its secret. */
import {
  canonicalConfirmation,
  canonicalQr,
  confirmationCodeFromMac,
  QR_SIGNATURE_BYTES,
  type QrFields,
} from '../../src-shared/protocol/signing';
import type { ParsedQr } from '../../src-shared/protocol/qr-url';
import { hmacSha256, safeEqual, toBase64url } from '../crypto';

export function qrSignature(secret: Uint8Array, fields: QrFields): string {
  return toBase64url(hmacSha256(secret, canonicalQr(fields)).subarray(0, QR_SIGNATURE_BYTES));
}

/**
 * Constant-time check of `s` against the fields it claims to sign. Text is compared, not decoded
 * bytes: base64url's last character has spare bits, and a decoded compare would accept 16
 * spellings of one signature.
 */
export function verifyQrSignature(secret: Uint8Array, qr: ParsedQr): boolean {
  const expected = Buffer.from(qrSignature(secret, qr), 'utf8');
  return safeEqual(expected, Buffer.from(qr.signature, 'utf8'));
}

/** The 6 digits the result page shows and the offline console verifies. */
export function confirmationCode(secret: Uint8Array, orderId: string, amountMinor: number): string {
  return confirmationCodeFromMac(hmacSha256(secret, canonicalConfirmation(orderId, amountMinor)));
}

/** "123456" → "123 456": easier to read aloud and type. */
export function groupConfirmationCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}
