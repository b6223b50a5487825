/** Writing responses: JSON with protocol errors, and customer HTML under a strict CSP. */
import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../../src-shared/errors';
import { ERROR_MESSAGE_LENGTH_MAX } from '../limits';

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
