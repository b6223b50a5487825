/**
 * What a person types to pair with a gateway, checked the same way in the window (before
 * sending) and in main (gateway.pair, before anything else): an http(s) address and 8 digits.
 */
import { err, ok, type Result } from './result';

/** The gateway's one-time pairing code: 8 digits. */
export const PAIRING_CODE_DIGITS = 8;

/** What a person may type as a gateway address: http(s), a host, maybe a port and a path. */
export function normalizeGatewayUrl(text: string): Result<string> {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return err('pairing_url_invalid', 'not a URL');
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash
  ) {
    return err(
      'pairing_url_invalid',
      'the gateway URL must be http(s)://host[:port][/path] without credentials or query',
    );
  }
  return ok(url.origin + url.pathname.replace(/\/+$/, ''));
}

/** A pairing code as typed ("1234 5678", "1234-5678") → 8 digits; anything else is malformed. */
export function normalizePairingCode(text: string): Result<string> {
  const digits = text.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${PAIRING_CODE_DIGITS}}$`).test(digits)
    ? ok(digits)
    : err('pairing_code_malformed', `the pairing code is ${PAIRING_CODE_DIGITS} digits`, {
        digits: PAIRING_CODE_DIGITS,
      });
}
