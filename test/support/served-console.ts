import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { tempDir } from './fixtures';

const ROOT = join(import.meta.dirname, '../..');

/**
 * The real product entry: `node out/main/serve.js` (the browser host, which starts the bundled
 * demo gateway as its own process), on a temp data folder. Needs `npm run build` first.
 */
export interface ServedConsole {
  readonly url: string;
  readonly dataDir: string;
  /** Read-only look at the console's ledger (WAL allows a reader beside the writer). */
  query<T>(sql: string, ...params: unknown[]): T[];
  close(): Promise<void>;
}

export async function startServedConsole(
  opts: { extraArgs?: readonly string[]; env?: Readonly<Record<string, string>> } = {},
): Promise<ServedConsole> {
  const script = join(ROOT, 'out/main/serve.js');
  if (!existsSync(script)) throw new Error('out/main/serve.js is missing: run `npm run build` (npm test does)');
  const tmp = tempDir('counter-pos-e2e-');
  const proc: ChildProcess = spawn(
    process.execPath,
    [script, '--port', '0', '--data-dir', tmp.dir, ...(opts.extraArgs ?? [])],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } },
  );
  let log = '';
  proc.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start:\n${log}`)), 30_000);
    proc.once('exit', (code) => reject(new Error(`console exited with ${code}:\n${log}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      log += `${line}\n`;
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return {
    url,
    dataDir: tmp.dir,
    query<T>(sql: string, ...params: unknown[]) {
      const db = new Database(join(tmp.dir, 'ledger.db'), { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async close() {
      if (proc.exitCode === null) {
        await new Promise<void>((resolve) => {
          proc.once('exit', () => resolve());
          proc.kill('SIGTERM');
        });
      }
      tmp.cleanup();
    },
  };
}
