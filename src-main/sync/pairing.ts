import { isCurrency } from '../../src-shared/money';
import { normalizeGatewayUrl, normalizePairingCode } from '../../src-shared/pairing-input';
import { err, ok, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import { pairWithGateway } from './gateway-client';
import type { Pairing } from './terminal-store';

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
