import { TEST_SCRYPT_PARAMS } from '../../src-main/operators/pin-hash';
import { createApp, type App, type AppConfig } from '../../src-main/app';
import type { Pairing } from '../../src-main/sync/terminal-store';
import type { Timers } from '../../src-main/sync/timers';
import { ManualClock, seededBytes, seededRandom, tempDir } from './fixtures';

/** Timers that never fire on their own: tests drive expiry and reconnects by hand. */
export const frozenTimers: Timers = { setTimeout: () => null, clearTimeout: () => undefined };

export const TEST_PAIRING: Pairing = {
  terminalId: 'T000000001',
  gatewayId: 'gw-test',
  gatewayUrl: 'http://127.0.0.1:9',
  publicUrl: 'http://127.0.0.1:9',
  merchantName: 'Test Shop',
  currency: 'CNY',
  secret: Buffer.alloc(32, 7),
  demo: false,
  pairedAtMs: 0,
};

/** A console on a real SQLite file, with a manual clock and seeded randomness, not connected. */
export function offlineConsole(
  seed = 1,
  extra: Pick<AppConfig, 'reconcileWorkerScript'> = {},
): { app: App; clock: ManualClock; cleanup: () => void } {
  const tmp = tempDir();
  const clock = new ManualClock();
  const app = createApp({
    dataDir: tmp.dir,
    clock,
    randomBytes: seededBytes(seed),
    random: seededRandom(seed),
    timers: frozenTimers,
    version: 'test',
    scrypt: TEST_SCRYPT_PARAMS,
    ...extra,
  });
  return {
    app,
    clock,
    cleanup: () => {
      void app.close();
      tmp.cleanup();
    },
  };
}
