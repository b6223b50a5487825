/** The signing helpers both sides share (src-shared/protocol/signing.ts): canonical forms and the confirmation code. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalConfirmation,
  canonicalRequest,
  CONFIRMATION_CODE_DIGITS,
  confirmationCodeFromMac,
  NONCE_RE,
  SIGNATURE_HEX_RE,
} from '../../src-shared/protocol/signing';

const ORDER = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const T0 = 1_700_000_000_000;

describe('canonicalRequest', () => {
  const NONCE = '0123456789abcdef0123456789abcdef';
  const BODY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

  it('is versioned, newline-separated and upper-cases the method', () => {
    expect(NONCE).toMatch(NONCE_RE);
    expect(BODY).toMatch(SIGNATURE_HEX_RE);
    expect(canonicalRequest('post', '/v1/orders?x=1', T0, NONCE, BODY)).toBe(
      `pos-req-v1\nPOST\n/v1/orders?x=1\n${T0}\n${NONCE}\n${BODY}`,
    );
    expect(canonicalRequest('get', '/v1/changes', T0, NONCE, BODY)).toBe(
      canonicalRequest('GET', '/v1/changes', T0, NONCE, BODY),
    );
  });

  it('changes when any single field changes (property)', () => {
    const req = fc.tuple(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      fc.stringMatching(/^\/[a-z0-9/?=&._-]{0,40}$/),
      fc.integer({ min: 0, max: 2 ** 47 }),
      fc.stringMatching(NONCE_RE),
      fc.stringMatching(SIGNATURE_HEX_RE),
    );
    fc.assert(
      fc.property(req, req, fc.integer({ min: 0, max: 4 }), (a, b, i) => {
        fc.pre(a[i] !== b[i]);
        const changed = [...a] as typeof a;
        (changed as unknown[])[i] = b[i];
        expect(canonicalRequest(...changed)).not.toBe(canonicalRequest(...a));
      }),
      { numRuns: 1000 },
    );
  });

  it('does not let one field bleed into the next', () => {
    expect(canonicalRequest('GET', '/a1', 2, 'n', 'b')).not.toBe(canonicalRequest('GET', '/a', 12, 'n', 'b'));
    expect(canonicalRequest('GET', '/a', 1, 'nb', '')).not.toBe(canonicalRequest('GET', '/a', 1, 'n', 'b'));
  });
});

describe('canonicalConfirmation', () => {
  it('binds the order id and the amount', () => {
    expect(canonicalConfirmation(ORDER, 1234)).toBe(`pos-paid-v1|${ORDER}|1234`);
    expect(canonicalConfirmation(ORDER, 1234)).not.toBe(canonicalConfirmation(ORDER, 1235));
    expect(canonicalConfirmation(ORDER, 1234)).not.toBe(canonicalConfirmation(`${ORDER.slice(0, 25)}W`, 1234));
  });
});

describe('confirmationCodeFromMac', () => {
  const mac = (...first4: number[]) => Uint8Array.from([...first4, ...Array(28).fill(0xaa)]);

  it('takes the first 4 bytes big-endian, mod 10^6, zero-padded to 6 digits', () => {
    expect(CONFIRMATION_CODE_DIGITS).toBe(6);
    expect(confirmationCodeFromMac(mac(0, 0, 0, 0))).toBe('000000');
    expect(confirmationCodeFromMac(mac(0, 0, 0, 1))).toBe('000001');
    expect(confirmationCodeFromMac(mac(0, 0, 0x27, 0x10))).toBe('010000'); // 10,000
    expect(confirmationCodeFromMac(mac(0, 1, 0x86, 0x9f))).toBe('099999'); // 99,999
    expect(confirmationCodeFromMac(mac(0, 1, 0x86, 0xa0))).toBe('100000'); // 100,000
    expect(confirmationCodeFromMac(mac(0, 0x0f, 0x42, 0x40))).toBe('000000'); // 1,000,000
    expect(confirmationCodeFromMac(mac(0, 0x0f, 0x42, 0x41))).toBe('000001'); // 1,000,001
    expect(confirmationCodeFromMac(mac(0x80, 0, 0, 0))).toBe('483648'); // 2^31: no sign trouble
    expect(confirmationCodeFromMac(mac(0xff, 0xff, 0xff, 0xff))).toBe('967295'); // 2^32 − 1
    expect(confirmationCodeFromMac(mac(0x3b, 0x9a, 0xca, 0x07))).toBe('000007'); // 1,000,000,007
  });

  it('matches a DataView oracle, is 6 digits, deterministic and reads only 4 bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 28, maxLength: 28 }),
        (bytes, tail) => {
          const code = confirmationCodeFromMac(bytes);
          const n = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, false);
          expect(code).toMatch(/^\d{6}$/);
          expect(code).toBe(String(n % 1_000_000).padStart(6, '0'));
          expect(confirmationCodeFromMac(Uint8Array.from(bytes))).toBe(code);
          expect(confirmationCodeFromMac(Uint8Array.from([...bytes.subarray(0, 4), ...tail]))).toBe(code);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
