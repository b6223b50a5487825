import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { TEST_SCRYPT_PARAMS } from '../../src-main/operators/pin-hash';
import { createApp, type App } from '../../src-main/app';
import type { FetchLike } from '../../src-main/sync/gateway-client';
import { realTimers } from '../../src-main/sync/timers';
import { startGateway, type RunningGateway } from '../../src-gateway/server';
import type { Clock } from '../../src-shared/time';
import { startProxy, type CuttableProxy } from './cuttable-proxy';
import { tempDir, waitFor } from './fixtures';

/**
 * A console and a real gateway on loopback, in this process (tests may import both; the
 * product never does), paired the way a person pairs: a one-time code through `gateway.pair`.
 */
export interface Stack {
  readonly app: App;
  gateway(): RunningGateway;
  /** The gateway's database file (to play a restore from an older copy while it is stopped). */
  readonly gatewayDbPath: string;
  /** Stops the gateway (the network "drops"); `restartGateway` brings it back on the same port. */
  stopGateway(): Promise<void>;
  restartGateway(): Promise<void>;
  /** With `viaProxy`: the console reaches the gateway only through this (phones go direct). */
  readonly proxy: CuttableProxy | null;
  close(): Promise<void>;
}

export interface StackOptions {
  readonly clock?: Clock;
  readonly viaProxy?: boolean;
  /** The console's HTTP client (a test may watch its requests). */
  readonly fetch?: FetchLike;
  /** Entries per journal push (small, to push in many batches). */
  readonly pushBatchMax?: number;
  /** How often the gateway's change stream sends its heartbeat. */
  readonly ssePingIntervalMs?: number;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const tmp = tempDir();
  const clock = opts.clock ?? { now: () => Date.now() };
  let gw: RunningGateway | null = null;
  let port = 0;
  const launch = async () => {
    gw = await startGateway({
      dbPath: join(tmp.dir, 'gateway.db'),
      clock,
      randomBytes: (n) => randomBytes(n),
      merchantName: '测试商户',
      currency: 'CNY',
      port,
      log: { info: () => undefined, error: (m, c) => console.error(m, c) },
      ...(opts.ssePingIntervalMs ? { ssePingIntervalMs: opts.ssePingIntervalMs } : {}),
    });
    port = Number(new URL(gw.url).port);
    return gw;
  };
  const g = await launch();
  const app = createApp({
    dataDir: tmp.dir,
    clock,
    randomBytes: (n) => randomBytes(n),
    random: Math.random,
    timers: realTimers,
    version: 'test',
    scrypt: TEST_SCRYPT_PARAMS,
    expirySweepMs: 20,
    fetch: opts.fetch,
    pushBatchMax: opts.pushBatchMax,
  });
  await app.start();
  const proxy = opts.viaProxy ? await startProxy(g.url) : null;
  const paired = await app.handlers['gateway.pair']({ url: proxy?.url ?? g.url, code: g.issuePairingCode() });
  if (!paired.ok) throw new Error(`pairing failed: ${paired.error.message}`);
  await waitFor(() => app.sync.status().connectivity === 'online', 'console online');
  return {
    app,
    proxy,
    gateway: () => {
      if (!gw) throw new Error('gateway is stopped');
      return gw;
    },
    gatewayDbPath: join(tmp.dir, 'gateway.db'),
    async stopGateway() {
      await gw?.close();
      gw = null;
    },
    async restartGateway() {
      await launch();
    },
    async close() {
      await app.close();
      await proxy?.close();
      await gw?.close();
      tmp.cleanup();
    },
  };
}
