import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback between the console and the gateway: `cut()` drops every connection
 * and refuses new ones (the shop's network fails), `restore()` lets traffic through again.
 * `blockStream(true)` passes requests but not the change stream (a proxy that cuts long-lived
 * responses): the stream's connection is answered 503 and closed. Customers' phones reach the
 * gateway directly, so they can still pay while it is cut.
 */
export interface CuttableProxy {
  readonly url: string;
  cut(): void;
  restore(): void;
  blockStream(blocked: boolean): void;
  close(): Promise<void>;
}

const STREAM_REQUEST = 'GET /v1/changes/stream';
const REFUSED = 'HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n';

export async function startProxy(targetUrl: string): Promise<CuttableProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  /** Client sockets whose first request was the change stream. */
  const streams = new Set<Socket>();
  let open = true;
  let streamBlocked = false;
  const server: Server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      streams.delete(client);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.once('data', (first: Buffer) => {
      const isStream = first.toString('latin1', 0, STREAM_REQUEST.length) === STREAM_REQUEST;
      if (isStream && streamBlocked) {
        client.end(REFUSED);
        upstream.destroy();
        return;
      }
      if (isStream) streams.add(client);
      upstream.write(first);
      client.pipe(upstream);
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const cut = (): void => {
    open = false;
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut,
    restore() {
      open = true;
    },
    blockStream(blocked) {
      streamBlocked = blocked;
      if (blocked) for (const s of streams) s.destroy();
    },
    close() {
      cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
