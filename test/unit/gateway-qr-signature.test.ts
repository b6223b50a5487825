import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildQrUrl, parseQrPath } from '../../src-shared/protocol/qr-url';
import { canonicalConfirmation, type QrFields } from '../../src-shared/protocol/signing';
import {
  confirmationCode,
  groupConfirmationCode,
  qrSignature,
  verifyQrSignature,
} from '../../src-gateway/auth/qr-signature';

const SECRET = Buffer.alloc(32, 7);
const OTHER = Buffer.alloc(32, 8);
const FIELDS: QrFields = {
  terminalId: 'TABCDEFGH1',
  orderId: '01JT0Z3Q8M6V9K2N4P5R7S8T9V',
  amountMinor: 1234,
  currency: 'CNY',
  expiresAtMs: 1_780_000_120_000,
};

function parsed(fields: QrFields, signature: string) {
  const url = new URL(buildQrUrl('http://gw.test', fields, signature));
  const qr = parseQrPath(url.pathname + url.search);
  if (!qr) throw new Error('helper built an unparsable URL');
  return qr;
}

describe('QR signatures', () => {
  const s = qrSignature(SECRET, FIELDS);

  it('verifies the terminal’s own signature from a parsed URL', () => {
    expect(s).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(verifyQrSignature(SECRET, parsed(FIELDS, s))).toBe(true);
  });

  it.each([
    ['amount', { amountMinor: 1235 }],
    ['currency', { currency: 'USD' }],
    ['expiry', { expiresAtMs: FIELDS.expiresAtMs + 1 }],
    ['order', { orderId: '01JT0Z3Q8M6V9K2N4P5R7S8T9W' }],
    ['terminal', { terminalId: 'TABCDEFGH2' }],
  ])('refuses an altered %s', (_name, change) => {
    expect(verifyQrSignature(SECRET, parsed({ ...FIELDS, ...change }, s))).toBe(false);
  });

  it('refuses another terminal’s key and every other spelling of the signature', () => {
    expect(verifyQrSignature(OTHER, parsed(FIELDS, s))).toBe(false);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < s.length; i++) {
      for (const ch of alphabet) {
        if (ch === s[i]) continue;
        const bad = s.slice(0, i) + ch + s.slice(i + 1);
        expect(verifyQrSignature(SECRET, parsed(FIELDS, bad)), bad).toBe(false);
      }
    }
  });
});

describe('confirmation code', () => {
  it('is 6 digits from the HMAC of the canonical confirmation', () => {
    const code = confirmationCode(SECRET, FIELDS.orderId, 1234);
    const mac = createHmac('sha256', SECRET).update(canonicalConfirmation(FIELDS.orderId, 1234)).digest();
    const expected = String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
    expect(code).toBe(expected);
    expect(confirmationCode(SECRET, FIELDS.orderId, 1235)).not.toBe(code);
    expect(confirmationCode(OTHER, FIELDS.orderId, 1234)).not.toBe(code);
  });

  it('is grouped for reading aloud', () => {
    expect(groupConfirmationCode('012345')).toBe('012 345');
  });
});
