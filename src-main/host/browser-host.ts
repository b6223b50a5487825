import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { TRANSPORT } from '../../src-shared/api';
import { err } from '../../src-shared/result';
import type { EventBus } from '../orders/events';
import type { Dispatch } from './dispatch';

/** An API call body larger than this is refused before parsing. */
export const INVOKE_BODY_BYTES_MAX = 256 * 1024;
/** Open event streams at once (a few tabs); the oldest is closed beyond this. */
export const EVENT_CLIENTS_MAX = 16;
const PING_INTERVAL_MS = 15_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
};

export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; media-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

export interface BrowserHostOptions {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** Random per run; the renderer gets it in a meta tag and sends it with every call. */
  readonly token: string;
  readonly port?: number;
}

export interface BrowserHost {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The console without Electron: the same services in Node, the same renderer, served on
 * 127.0.0.1 only. `pos.invoke` is POST /api/invoke, `pos.on` is server-sent events. Requests
 * must carry the run's token and name our own host (no DNS rebinding, no other origin).
 */
export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const clients = new Set<ServerResponse>();
  let port = 0;
  const tokenBuf = Buffer.from(o.token);
  const tokenOk = (t: string | null | undefined) => {
    const b = Buffer.from(t ?? '');
    return b.length === tokenBuf.length && timingSafeEqual(b, tokenBuf);
  };
  const hostOk = (req: IncomingMessage) => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return false;
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://${host}`;
  };

  const server = createServer((req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    if (!hostOk(req)) return sendJson(res, 403, err('unauthorized', 'wrong host or origin'));
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === TRANSPORT.httpInvoke) {
      if (req.method !== 'POST') return sendJson(res, 405, err('invalid_argument', 'POST only'));
      if (!tokenOk(req.headers[TRANSPORT.tokenHeader] as string | undefined)) {
        return sendJson(res, 401, err('unauthorized', 'missing or wrong token'));
      }
      return void handleInvoke(req, res, o.dispatch).catch((e: unknown) => failed(res, 'invoke', e));
    }
    if (url.pathname === TRANSPORT.httpEvents) {
      if (!tokenOk(url.searchParams.get('token')))
        return sendJson(res, 401, err('unauthorized', 'missing or wrong token'));
      return openEvents(res, clients);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, err('invalid_argument', 'GET only'));
    return void serveStatic(url.pathname, res, o.rendererDir, o.token).catch((e: unknown) => failed(res, 'static', e));
  });

  const unsubscribe = o.events.subscribe((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const c of clients) c.write(frame);
  });
  const ping = setInterval(() => {
    for (const c of clients) c.write(': ping\n\n');
  }, PING_INTERVAL_MS);
  ping.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        clearInterval(ping);
        for (const c of clients) c.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * A request that failed here (a handler's bug): logged, answered 500 if the client is still
 * there. Never thrown on: an unhandled rejection would end the process, and the till with it.
 */
function failed(res: ServerResponse, what: string, e: unknown): void {
  console.error(`browser host: the ${what} request failed: ${e instanceof Error ? e.message : String(e)}`);
  if (!res.headersSent && !res.destroyed) sendJson(res, 500, err('internal', 'the request failed here'));
  else res.destroy();
}

async function handleInvoke(req: IncomingMessage, res: ServerResponse, dispatch: Dispatch): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > INVOKE_BODY_BYTES_MAX) {
        sendJson(res, 413, err('payload_too_large', 'request too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    // The client went away before its request was whole (a tab closed mid-upload): nothing ran.
    res.destroy();
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return sendJson(res, 400, err('invalid_argument', 'body is not JSON'));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return sendJson(res, 400, err('invalid_argument', 'body must be {name, args}'));
  }
  const { name, args } = body as { name?: unknown; args?: unknown };
  sendJson(res, 200, await dispatch(name, args));
}

function openEvents(res: ServerResponse, clients: Set<ServerResponse>): void {
  if (clients.size >= EVENT_CLIENTS_MAX) clients.values().next().value?.end();
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  clients.add(res);
  res.on('close', () => clients.delete(res));
}

async function serveStatic(pathname: string, res: ServerResponse, root: string, token: string): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return sendJson(res, 400, err('invalid_argument', 'bad path'));
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const isAsset = rel !== '' && extname(rel) !== '';
  const file = isAsset ? join(root, rel) : join(root, 'index.html');
  if (!file.startsWith(root + sep) && file !== join(root, 'index.html')) {
    return sendJson(res, 404, err('not_found', 'no such file'));
  }
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return sendJson(res, 404, err('not_found', 'no such file'));
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  if (file.endsWith('index.html')) {
    const html = data
      .toString('utf8')
      .replace('</head>', `<meta name="${TRANSPORT.tokenMeta}" content="${token}"></head>`);
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'content-security-policy': RENDERER_CSP });
    res.end(html);
    return;
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
  res.end(data);
}
