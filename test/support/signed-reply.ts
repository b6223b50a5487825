import { createHash, createHmac } from 'node:crypto';
import { canonicalReply, SIGNATURE_HEADERS } from '../../src-shared/protocol/signing';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src-shared/protocol/version';

/** The nonce a console's signed request carries (its fetch init's headers). */
export const nonceOf = (init: RequestInit): string =>
  (init.headers as Record<string, string>)[SIGNATURE_HEADERS.nonce]!;

/** An answer as the gateway signs it: over the request's nonce, the status and the body. */
export function signedReply(secret: Buffer, nonce: string, status: number, body: unknown): Response {
  const text = JSON.stringify(body);
  const bodyHash = createHash('sha256').update(text).digest('hex');
  const sig = createHmac('sha256', secret)
    .update(canonicalReply(nonce, status, bodyHash))
    .digest('hex');
  return new Response(text, {
    status,
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADERS.replySignature]: sig,
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    },
  });
}
