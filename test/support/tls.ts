import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A self-signed certificate for 127.0.0.1 and localhost (valid 2020–2120), for tests of HTTPS
 * gateways only: its key is public. A process trusts it with NODE_EXTRA_CA_CERTS=TEST_TLS_CERT_PATH.
 */
export const TEST_TLS_CERT_PATH = join(import.meta.dirname, '../fixtures/tls/cert.pem');
export const testTls = (): { cert: Buffer; key: Buffer } => ({
  cert: readFileSync(TEST_TLS_CERT_PATH),
  key: readFileSync(join(import.meta.dirname, '../fixtures/tls/key.pem')),
});

/**
 * An HTTPS front for a gateway on loopback (as a TLS-terminating reverse proxy in a shop's
 * deployment): each request forwarded as it is, replies streamed back (the change stream too).
 */
export async function startTlsFront(targetUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(targetUrl);
  const server = createHttpsServer(testTls(), (req, res) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
