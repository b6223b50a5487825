import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A single SSE line longer than this means a broken peer; the stream is dropped. */
export const SSE_LINE_BYTES_MAX = 256 * 1024;
/** One event's data (all its `data:` lines): more means a broken peer; the stream is dropped. */
export const SSE_EVENT_CHARS_MAX = 1024 * 1024;
/** The gateway answers the stream's request at once; silence this long is a dead connection. */
export const SSE_OPEN_TIMEOUT_MS = 15_000;

export interface SseEvent {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
  /** The gateway's signature of the event (its `sig:` field), or null. */
  readonly sig: string | null;
}

export interface SseHandlers {
  onOpen(): void;
  onEvent(e: SseEvent): void;
  /** Any data, comments included (heartbeats keep the watchdog quiet). */
  onActivity(): void;
  onClose(reason: string, httpStatus: number | null): void;
}

type Requester = (url: URL, opts: RequestOptions, cb: (res: IncomingMessage) => void) => ClientRequest;

const REQUESTERS: Readonly<Record<string, Requester>> = { 'http:': httpRequest, 'https:': httpsRequest };

/**
 * Opens a Server-Sent Events stream over HTTP or HTTPS (a gateway on the shop's LAN, or behind
 * TLS on the internet). Returns close(). Every failure, including an address it cannot open,
 * reaches `onClose` exactly once and never before this function has returned.
 */
export function openSse(url: string, headers: Record<string, string>, h: SseHandlers): () => void {
  let closed = false;
  let req: ClientRequest | null = null;
  const finish = (reason: string, status: number | null) => {
    if (closed) return;
    closed = true;
    clearTimeout(openTimer);
    req?.destroy();
    h.onClose(reason, status);
  };
  const openTimer = setTimeout(() => finish('no answer', null), SSE_OPEN_TIMEOUT_MS);
  try {
    const target = new URL(url);
    const requester = REQUESTERS[target.protocol];
    if (!requester) throw new Error(`unsupported protocol ${target.protocol}`);
    req = requester(target, { method: 'GET', headers: { ...headers, accept: 'text/event-stream' } }, (res) => {
      clearTimeout(openTimer);
      if (res.statusCode !== 200 || !String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        res.resume();
        finish(`HTTP ${res.statusCode}`, res.statusCode ?? null);
        return;
      }
      if (closed) return;
      h.onOpen();
      readEvents(res, h, finish, () => closed);
    });
    req.on('error', (e) => finish(e.message, null));
    req.end();
  } catch (e) {
    // Told on the next turn: the caller holds close() before it hears of the failure.
    const reason = e instanceof Error ? e.message : String(e);
    queueMicrotask(() => finish(reason, null));
  }
  return () => finish('closed by us', null);
}

function readEvents(
  res: IncomingMessage,
  h: SseHandlers,
  finish: (reason: string, status: number | null) => void,
  isClosed: () => boolean,
): void {
  res.setEncoding('utf8');
  let buffer = '';
  let id: string | null = null;
  let event = 'message';
  let data: string[] = [];
  let sig: string | null = null;
  let dataChars = 0;
  res.on('data', (chunk: string) => {
    h.onActivity();
    buffer += chunk;
    if (buffer.length > SSE_LINE_BYTES_MAX && !buffer.includes('\n')) return finish('line too long', null);
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (line === '') {
        if (data.length > 0) h.onEvent({ id, event, data: data.join('\n'), sig });
        event = 'message';
        data = [];
        sig = null;
        dataChars = 0;
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') {
          dataChars += value.length + 1;
          if (dataChars > SSE_EVENT_CHARS_MAX) return finish('event too large', null);
          data.push(value);
        } else if (field === 'event') event = value;
        else if (field === 'sig') sig = value;
        else if (field === 'id') id = value;
      }
      if (isClosed()) return;
    }
  });
  res.on('end', () => finish('stream ended', 200));
  res.on('error', (e) => finish(e.message, null));
}
