/**
 * The browser host: `npm run serve` (and `npm start` where no Electron binary exists). The same
 * services as the desktop app, in plain Node; the same renderer, served on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createApp } from '../app';
import { realTimers } from '../sync/timers';
import { startBrowserHost } from './browser-host';
import { processGateway, spawnNodeGateway } from './child-gateway';
import { defaultDataDir, ensureDir } from './data-dir';

const DEFAULT_PORT = 5180;
const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-demo': { type: 'boolean' },
    },
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`counter-pos: --port must be 0–65535, got ${values.port}`);
    process.exit(2);
  }
  const dataDir = ensureDir(values['data-dir'] ?? defaultDataDir());
  const version = (JSON.parse(readFileSync(join(here, '../../package.json'), 'utf8')) as { version: string }).version;
  const app = createApp({
    dataDir,
    clock: { now: () => Date.now() },
    randomBytes: (n) => randomBytes(n),
    random: Math.random,
    timers: realTimers,
    version,
    reconcileWorkerScript: join(here, 'reconcile-worker.js'),
    demoGateway: values['no-demo']
      ? undefined
      : processGateway({
          spawn: spawnNodeGateway,
          gatewayScript: join(here, 'gateway.js'),
          dataDir,
          merchantName: '演示商户 Demo Shop',
        }),
  });
  await app.start();
  const token = randomBytes(24).toString('base64url');
  const open = (p: number) =>
    startBrowserHost({
      dispatch: app.dispatch,
      events: app.events,
      rendererDir: join(here, '../renderer'),
      token,
      port: p,
    });
  let host;
  try {
    host = await open(port);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || values.port !== undefined) throw e;
    host = await open(0);
  }
  console.info(`Counter POS is running at ${host.url}  (data: ${dataDir}; Ctrl+C to stop)`);
  const shutdown = async () => {
    await host.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((e: unknown) => {
  console.error('counter-pos: could not start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
