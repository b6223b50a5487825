import { isCurrency } from '../../src-shared/money';
import { err, ok, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import { pairWithGateway } from './gateway-client';
import type { Pairing } from './terminal-store';

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

/** A pairing code as typed ("1234 5678", "1234-5678") → 8 digits. */
export function normalizePairingCode(text: string): Result<string> {
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{8}$/.test(digits) ? ok(digits) : err('pairing_code_invalid', 'the pairing code has 8 digits');
}

/** Exchanges a one-time code for this terminal's id and secret. */
export async function pair(
  urlText: string,
  codeText: string,
  terminalName: string,
  clock: Clock,
  demo: boolean,
): Promise<Result<Pairing>> {
  const url = normalizeGatewayUrl(urlText);
  if (!url.ok) return url;
  const code = normalizePairingCode(codeText);
  if (!code.ok) return code;
  const r = await pairWithGateway(url.value, code.value, terminalName);
  if (!r.ok) return r;
  const v = r.value;
  if (!isCurrency(v.currency)) return err('gateway_bad_reply', 'gateway uses an unsupported currency');
  return ok({
    terminalId: v.terminal_id,
    gatewayId: v.gateway_id,
    gatewayUrl: url.value,
    publicUrl: v.public_url.replace(/\/+$/, ''),
    merchantName: v.merchant_name,
    currency: v.currency,
    secret: Buffer.from(v.secret, 'base64url'),
    demo,
    pairedAtMs: clock.now(),
  });
}
