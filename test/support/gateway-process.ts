import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const SCRIPT = join(import.meta.dirname, '../../out/main/gateway.js');

/** The real gateway as its own process (`out/main/gateway.js`); stop and start it on one port. */
export interface GatewayProcess {
  readonly url: string;
  readonly pairingCode: string;
  /** SIGTERM and wait: the process is gone, the port refuses connections. */
  stop(): Promise<void>;
  /** Start again on the same database and port. */
  start(): Promise<void>;
}

async function launch(dbPath: string, port: number): Promise<{ proc: ChildProcess; url: string; code: string }> {
  if (!existsSync(SCRIPT)) throw new Error('out/main/gateway.js is missing: run `npm run build` (npm test does)');
  const proc = spawn(process.execPath, [SCRIPT, '--db', dbPath, '--port', String(port), '--issue-pairing-code'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const ready = await new Promise<{ url: string; pairing_code: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${log}`)), 30_000);
    proc.once('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${log}`)));
    createInterface({ input: proc.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as { url: string; pairing_code: string });
    });
  });
  return { proc, url: ready.url, code: ready.pairing_code };
}

export async function startGatewayProcess(dbPath: string): Promise<GatewayProcess> {
  let current = await launch(dbPath, 0);
  const port = Number(new URL(current.url).port);
  const g: GatewayProcess = {
    url: current.url,
    pairingCode: current.code,
    async stop() {
      const p = current.proc;
      if (p.exitCode !== null || p.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        p.once('exit', () => resolve());
        p.kill('SIGTERM');
      });
    },
    async start() {
      current = await launch(dbPath, port);
    },
  };
  return g;
}
