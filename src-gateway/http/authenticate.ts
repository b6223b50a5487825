/**
 * Wraps a terminal endpoint: read the body (bounded), verify the signature, refuse a console
 * older than this gateway serves, apply the terminal's rate limit, then hand over the terminal
 * id and the raw body.
 */
import { GATEWAY_BODY_BYTES_MAX } from '../../src-shared/protocol/gateway';
import { verifySignedRequest } from '../auth/verify-request';
import { sha256Hex } from '../crypto';
import type { GatewayCore } from '../core';
import type { TokenBuckets } from '../rate-limit';
import { readBody } from './body';
import { refuseOutdatedConsole } from './console-protocol';
import type { Handler, RequestContext } from './context';
import { sendError, signRepliesOn } from './respond';

export type SignedHandler = (ctx: RequestContext, terminalId: string, body: Buffer) => void | Promise<void>;

export interface AuthDeps {
  readonly core: GatewayCore;
  readonly terminalLimits: TokenBuckets;
}

export interface SignedOptions {
  /**
   * The handler commits durably right after verification, and the request replayed is a no-op
   * (the journal push): the nonce is committed without an fsync of its own (NonceStore).
   */
  readonly nonceSyncedByHandler?: boolean;
}

export function signed(
  deps: AuthDeps,
  handler: SignedHandler,
  bodyBytesMax = GATEWAY_BODY_BYTES_MAX,
  options: SignedOptions = {},
): Handler {
  return async (ctx) => {
    const body = await readBody(ctx.req, bodyBytesMax);
    if (!body.ok) {
      if (body.reason === 'too_large') {
        sendError(ctx.res, 413, 'payload_too_large', `request body exceeds ${bodyBytesMax} bytes`, {
          connection: 'close',
        });
      } else {
        ctx.res.destroy();
      }
      return;
    }
    const { core } = deps;
    const now = core.clock.now();
    const verified = verifySignedRequest(
      {
        method: ctx.req.method ?? '',
        pathWithQuery: ctx.target,
        headers: ctx.req.headers,
        bodySha256Hex: sha256Hex(body.body),
      },
      {
        nowMs: now,
        lookupKey: (id) => core.terminals.key(id),
        rememberNonce: (id, nonce, expiresAtMs) =>
          core.nonces.remember(id, nonce, expiresAtMs, !options.nonceSyncedByHandler),
      },
    );
    if (!verified.ok) {
      sendError(ctx.res, 401, verified.error.code, verified.error.message);
      return;
    }
    const { terminalId } = verified.value;
    signRepliesOn(ctx.res, verified.value.secret, verified.value.nonce);
    // After verification, so the refusal is signed: the console takes it as the gateway's word.
    if (refuseOutdatedConsole(ctx.req, ctx.res)) return;
    if (!deps.terminalLimits.take(terminalId, now)) {
      sendError(ctx.res, 429, 'rate_limited', 'too many requests from this terminal; slow down', {
        'retry-after': '1',
      });
      return;
    }
    await handler(ctx, terminalId, body.body);
  };
}
