import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the console keeps its ledger when not told otherwise (same place Electron's userData would be). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.COUNTER_POS_DATA_DIR) return env.COUNTER_POS_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Counter POS');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Counter POS');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'counter-pos');
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
