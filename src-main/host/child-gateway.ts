import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PAIRING_CODE_ENV } from '../../src-shared/protocol/gateway';
import type { DemoGatewayLauncher } from '../demo-gateway';

/** How long the demo gateway may take to print its ready line. */
export const GATEWAY_START_TIMEOUT_MS = 20_000;

/** A started gateway process, whichever way it was started (Node child, Electron utilityProcess). */
export interface GatewayProcess {
  readonly stdout: NodeJS.ReadableStream;
  kill(): void;
  onExit(listener: (code: number | null) => void): void;
  exited(): boolean;
}
/**
 * Starts the gateway script with these arguments and these variables added to this process's
 * environment (the one-time pairing code travels there: a command line is readable by every
 * local user in /proc, an environment only by this one).
 */
export type SpawnGateway = (script: string, args: string[], env: Readonly<Record<string, string>>) => GatewayProcess;

/** Plain Node child process (the browser host). */
export const spawnNodeGateway: SpawnGateway = (script, args, env) => {
  const proc = spawn(process.execPath, [script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  return {
    stdout: proc.stdout,
    kill: () => proc.kill('SIGTERM'),
    onExit: (l) => proc.once('exit', (code) => l(code)),
    exited: () => proc.exitCode !== null || proc.signalCode !== null,
  };
};

/**
 * Runs the bundled gateway (out/main/gateway.js) on loopback, with its own SQLite file under the
 * console's data folder, and waits for its one-line JSON ready message.
 */
export function processGateway(opts: {
  readonly spawn: SpawnGateway;
  readonly gatewayScript: string;
  readonly dataDir: string;
  readonly merchantName: string;
}): DemoGatewayLauncher {
  let proc: GatewayProcess | null = null;
  return {
    start(pairingCode) {
      const dir = join(opts.dataDir, 'demo-gateway');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const args = ['--port', '0', '--db', join(dir, 'gateway.db'), '--merchant-name', opts.merchantName];
      const p = opts.spawn(opts.gatewayScript, args, { [PAIRING_CODE_ENV]: pairingCode });
      proc = p;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          p.kill();
          reject(new Error('the demo gateway did not report ready in time'));
        }, GATEWAY_START_TIMEOUT_MS);
        p.onExit((code) => {
          clearTimeout(timer);
          reject(new Error(`the demo gateway exited with code ${code}`));
        });
        createInterface({ input: p.stdout }).on('line', (line) => {
          try {
            const msg = JSON.parse(line) as { ready?: boolean; url?: string };
            if (msg.ready && typeof msg.url === 'string') {
              clearTimeout(timer);
              resolve({ url: msg.url });
            }
          } catch {
            // a log line, not the ready message
          }
        });
      });
    },
    stop() {
      const p = proc;
      proc = null;
      if (!p || p.exited()) return Promise.resolve();
      return new Promise((resolve) => {
        p.onExit(() => resolve());
        p.kill();
      });
    },
  };
}
