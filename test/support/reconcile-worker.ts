import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '../..');

/**
 * The reconciliation writer thread, bundled from the TS source the way electron-vite builds
 * `out/main/reconcile-worker.js` (better-sqlite3 left external), so tests exercise the thread
 * path without a prior `npm run build`. Under the repo's `out/` (ignored by git) so that
 * `better-sqlite3` resolves from the repo's node_modules.
 */
export async function bundledWorkerScript(): Promise<{ path: string; dir: string; cleanup: () => void }> {
  mkdirSync(join(repo, 'out'), { recursive: true });
  const dir = mkdtempSync(join(repo, 'out', 'test-writer-'));
  const path = join(dir, 'reconcile-worker.mjs');
  await build({
    entryPoints: [join(repo, 'src-main/reconcile/worker-entry.ts')],
    outfile: path,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
  return { path, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A writer-thread script that fails as it starts, for the failure path. */
export function brokenWorkerScript(dir: string): string {
  const path = join(dir, 'broken-worker.mjs');
  writeFileSync(path, "throw new Error('writer thread cannot start');\n");
  return path;
}
