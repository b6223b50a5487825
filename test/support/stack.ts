import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createApp, type App } from '../../src-main/app';
import type { DemoGatewayLauncher } from '../../src-main/demo-gateway';
import { realTimers } from '../../src-main/sync/timers';
import { startGateway, type RunningGateway } from '../../src-gateway/server';
import type { Clock } from '../../src-shared/time';
import { tempDir } from './fixtures';

/**
 * A console and a real gateway on loopback, in this process (tests may import both; the
 * product never does). The gateway stands in for the demo gateway the hosts start as a process.
 */
export interface Stack {
  readonly app: App;
  readonly gateway: () => RunningGateway;
  readonly dir: string;
  /** Stops the gateway (the network "drops"); `restartGateway` brings it back on a new port. */
  stopGateway(): Promise<void>;
  restartGateway(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(opts: { clock?: Clock } = {}): Promise<Stack> {
  const tmp = tempDir();
  const clock = opts.clock ?? { now: () => Date.now() };
  let gw: RunningGateway | null = null;
  let code = '';
  const launch = async () => {
    gw = await startGateway({
      dbPath: join(tmp.dir, 'gateway.db'),
      clock,
      randomBytes: (n) => randomBytes(n),
      merchantName: '测试商户',
      currency: 'CNY',
    });
    return gw;
  };
  const launcher: DemoGatewayLauncher = {
    async start(pairingCode) {
      code = pairingCode;
      const g = await launch();
      registerCode(g, code);
      return { url: g.url };
    },
    async stop() {
      await gw?.close();
      gw = null;
    },
  };
  const app = createApp({
    dataDir: tmp.dir,
    clock,
    randomBytes: (n) => randomBytes(n),
    random: Math.random,
    timers: realTimers,
    version: 'test',
    demoGateway: launcher,
    expirySweepMs: 50,
  });
  await app.start();
  return {
    app,
    dir: tmp.dir,
    gateway: () => {
      if (!gw) throw new Error('gateway is stopped');
      return gw;
    },
    async stopGateway() {
      await gw?.close();
      gw = null;
    },
    async restartGateway() {
      const g = await launch();
      app.terminal.updateUrls(g.url, g.url);
      app.sync.start();
    },
    async close() {
      await app.close();
      await gw?.close();
      tmp.cleanup();
    },
  };
}

/** The in-process gateway issues its own codes; the console chose one, so register that one. */
function registerCode(g: RunningGateway, code: string): void {
  const withCode = g as RunningGateway & { registerPairingCode?: (c: string) => void };
  if (!withCode.registerPairingCode)
    throw new Error('startGateway must expose registerPairingCode for the demo launcher');
  withCode.registerPairingCode(code);
}
