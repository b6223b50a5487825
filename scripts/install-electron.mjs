// Fetches the Electron binary without letting a failed download fail `npm install`.
//
// Electron's own install script is denied in package.json ("allowScripts": electron=false)
// because on a machine that cannot reach Electron's download host it aborts the whole install.
// We run the same script here instead: on a normal machine it fetches the binary exactly as
// Electron would (ELECTRON_MIRROR etc. are honoured); where it cannot, we say so in one line
// and `npm start` serves the console as the browser host.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  process.exit(0); // production install without devDependencies: nothing to fetch
}
const installer = join(electronDir, 'install.js');
if (!existsSync(installer) || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);

const run = spawnSync(process.execPath, [installer], {
  cwd: electronDir,
  encoding: 'utf8',
  timeout: 10 * 60 * 1000,
});
if (run.status === 0) process.exit(0);
const reason = `${run.stderr ?? ''}${run.stdout ?? ''}`.match(
  /(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|\d{3}[^\n]*)/,
)?.[0];
console.warn(
  `counter-pos: the Electron binary could not be downloaded${reason ? ` (${reason})` : ''}; ` +
    '`npm start` will serve the console in your browser instead. ' +
    'In mainland China set ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ and run `node scripts/install-electron.mjs`.',
);
process.exit(0);
