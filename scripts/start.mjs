// `npm start`: build, then open the desktop console in Electron — or, where no Electron binary
// could be installed (or there is no display), say so in one line and serve the same console
// in the browser at a loopback URL (the browser host).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const build = spawnSync(bin('electron-vite'), ['build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  shell: process.platform === 'win32',
});
if (build.status !== 0) {
  console.error('counter-pos: the build failed (see above).');
  process.exit(build.status ?? 1);
}

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const extra = process.argv.slice(2);
let child;
if (electron && !headless) {
  child = spawn(electron, [root, ...extra], { cwd: root, stdio: 'inherit' });
} else {
  const why = electron
    ? 'no display is available'
    : 'the Electron binary is not installed (it could not be downloaded)';
  console.info(`counter-pos: ${why}; serving the console in your browser instead:`);
  child = spawn(process.execPath, [join(root, 'out/main/serve.js'), ...extra], { cwd: root, stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
