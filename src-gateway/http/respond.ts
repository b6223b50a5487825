/** Writing responses: JSON with protocol errors, and customer HTML under a strict CSP. */
import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../../src-shared/errors';
import { canonicalEvent, canonicalReply, SIGNATURE_HEADERS } from '../../src-shared/protocol/signing';
import { hmacSha256, sha256Hex } from '../crypto';
import { ERROR_MESSAGE_LENGTH_MAX } from '../limits';

/** The answer to a verified, signed request is signed with the same terminal's secret. */
interface ReplyKey {
  readonly secret: Buffer;
  readonly nonce: string;
}
const replyKeys = new WeakMap<ServerResponse, ReplyKey>();

/** Called once the request's signature is verified: every answer on `res` is signed from now on. */
export function signRepliesOn(res: ServerResponse, secret: Buffer, nonce: string): void {
  replyKeys.set(res, { secret, nonce });
}

/** The reply-signature header for a body about to be sent on `res`, or none (an unsigned request). */
export function replySignatureHeader(
  res: ServerResponse,
  status: number,
  body: Uint8Array | string,
): Record<string, string> {
  const k = replyKeys.get(res);
  if (!k) return {};
  const mac = hmacSha256(k.secret, canonicalReply(k.nonce, status, sha256Hex(body)));
  return { [SIGNATURE_HEADERS.replySignature]: mac.toString('hex') };
}

/** One change-stream event's signature (the `sig:` field), or null on an unsigned stream. */
export function eventSignature(res: ServerResponse, data: string): string | null {
  const k = replyKeys.get(res);
  return k ? hmacSha256(k.secret, canonicalEvent(k.nonce, data)).toString('hex') : null;
}

/** Customer pages need no script, no images, no frames: forms and inline style only. */
export const CUSTOMER_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...replySignatureHeader(res, status, text),
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  for (const [k, v] of Object.entries(extraHeaders)) if (!res.headersSent) res.setHeader(k, v);
  sendJson(res, status, { error: { code, message: message.slice(0, ERROR_MESSAGE_LENGTH_MAX) } });
}

export function sendHtml(res: ServerResponse, status: number, html: string, language: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-security-policy': CUSTOMER_PAGE_CSP,
    'content-language': language,
    'x-frame-options': 'DENY',
    vary: 'Accept-Language',
  });
  res.end(html);
}
