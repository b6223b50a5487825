/**
 * Verifies a terminal's signed request: known active terminal, valid HMAC over the canonical
 * request, timestamp within tolerance (both directions), nonce not seen before. The signature is
 * checked before the clock and the nonce, so only an authentic request can spend a nonce and a
 * `request_stale` answer means the terminal's clock, not a forgery.
 */
import { err, ok, type Result } from '../../src-shared/result';
import {
  canonicalRequest,
  NONCE_RE,
  REQUEST_TIMESTAMP_TOLERANCE_MS,
  SIGNATURE_HEADERS,
  SIGNATURE_HEX_RE,
} from '../../src-shared/protocol/signing';
import { TERMINAL_ID_RE } from '../../src-shared/protocol/qr-url';
import { hmacSha256, safeEqual } from '../crypto';
import type { TerminalKey } from '../store/terminals';

export interface SignedRequest {
  readonly method: string;
  /** Exactly as sent on the request line. */
  readonly pathWithQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bodySha256Hex: string;
}

export interface VerifyDeps {
  readonly nowMs: number;
  lookupKey(terminalId: string): TerminalKey | null;
  /** Records the nonce; false when it was already used by this terminal. */
  rememberNonce(terminalId: string, nonce: string, expiresAtMs: number): boolean;
}

/** 13 digits cover epoch ms until the year 2286; anything longer is not a timestamp. */
const TIMESTAMP_RE = /^\d{1,15}$/;

function header(req: SignedRequest, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

export function verifySignedRequest(
  req: SignedRequest,
  deps: VerifyDeps,
): Result<{ terminalId: string; secret: Buffer; nonce: string }> {
  const terminalId = header(req, SIGNATURE_HEADERS.terminal);
  const timestamp = header(req, SIGNATURE_HEADERS.timestamp);
  const nonce = header(req, SIGNATURE_HEADERS.nonce);
  const signature = header(req, SIGNATURE_HEADERS.signature);
  if (terminalId === null || timestamp === null || nonce === null || signature === null) {
    return err('unauthorized', 'this endpoint needs a signed request');
  }
  if (
    !TERMINAL_ID_RE.test(terminalId) ||
    !TIMESTAMP_RE.test(timestamp) ||
    !NONCE_RE.test(nonce) ||
    !SIGNATURE_HEX_RE.test(signature)
  ) {
    return err('unauthorized', 'malformed signature headers');
  }
  const key = deps.lookupKey(terminalId);
  if (!key) return err('terminal_unknown', 'unknown terminal');
  if (key.status === 'revoked') return err('terminal_revoked', 'this terminal was revoked');

  const timestampMs = Number(timestamp);
  const expected = hmacSha256(
    key.secret,
    canonicalRequest(req.method, req.pathWithQuery, timestampMs, nonce, req.bodySha256Hex),
  );
  if (!safeEqual(expected, Buffer.from(signature, 'hex'))) return err('signature_invalid', 'signature does not match');

  if (Math.abs(deps.nowMs - timestampMs) > REQUEST_TIMESTAMP_TOLERANCE_MS) {
    return err('request_stale', 'request timestamp is outside the accepted window', { now_ms: deps.nowMs });
  }
  if (!deps.rememberNonce(terminalId, nonce, timestampMs + REQUEST_TIMESTAMP_TOLERANCE_MS)) {
    return err('nonce_reused', 'nonce was already used');
  }
  return ok({ terminalId, secret: key.secret, nonce });
}
