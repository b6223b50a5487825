import { request, type ClientRequest } from 'node:http';

/** A single SSE line longer than this means a broken peer; the stream is dropped. */
export const SSE_LINE_BYTES_MAX = 256 * 1024;

export interface SseEvent {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

export interface SseHandlers {
  onOpen(): void;
  onEvent(e: SseEvent): void;
  /** Any data, comments included (heartbeats keep the watchdog quiet). */
  onActivity(): void;
  onClose(reason: string, httpStatus: number | null): void;
}

/** Opens a Server-Sent Events stream over plain HTTP (loopback or LAN gateways). Returns close(). */
export function openSse(url: string, headers: Record<string, string>, h: SseHandlers): () => void {
  let closed = false;
  let req: ClientRequest | null = null;
  const finish = (reason: string, status: number | null) => {
    if (closed) return;
    closed = true;
    req?.destroy();
    h.onClose(reason, status);
  };
  req = request(url, { method: 'GET', headers: { ...headers, accept: 'text/event-stream' } }, (res) => {
    if (res.statusCode !== 200 || !String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
      res.resume();
      finish(`HTTP ${res.statusCode}`, res.statusCode ?? null);
      return;
    }
    h.onOpen();
    res.setEncoding('utf8');
    let buffer = '';
    let id: string | null = null;
    let event = 'message';
    let data: string[] = [];
    res.on('data', (chunk: string) => {
      h.onActivity();
      buffer += chunk;
      if (buffer.length > SSE_LINE_BYTES_MAX && !buffer.includes('\n')) return finish('line too long', null);
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line === '') {
          if (data.length > 0) h.onEvent({ id, event, data: data.join('\n') });
          event = 'message';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(value);
        else if (field === 'event') event = value;
        else if (field === 'id') id = value;
        if (closed) return;
      }
    });
    res.on('end', () => finish('stream ended', 200));
    res.on('error', (e) => finish(e.message, null));
  });
  req.on('error', (e) => finish(e.message, null));
  req.end();
  return () => finish('closed by us', null);
}
