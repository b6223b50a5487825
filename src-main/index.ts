/**
 * Electron bootstrap only: security settings, the window, the secret store and the IPC wiring.
 * Everything else is built by createApp (src-main/app.ts), which never imports Electron.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, safeStorage, session, utilityProcess } from 'electron';
// The window's icon on Linux (Windows and macOS take it from the package): electron-vite resolves
// `?asset` to the file under resources/, which the package carries unpacked.
import appIcon from '../resources/icon.png?asset';
import { createApp, type App } from './app';
import { processGateway, type SpawnGateway } from './host/child-gateway';
import { ensureDir } from './host/data-dir';
import { registerIpc } from './host/ipc';
import { quitDialog, quitPending } from './offline/quit-dialog';
import { keyFileSecretBox, osKeyringSecretBox, type SecretBox } from './secrets/secret-box';
import { realTimers } from './sync/timers';

const here = dirname(fileURLToPath(import.meta.url));

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

const rendererIndex = join(here, '../renderer/index.html');
const devUrl = process.env.ELECTRON_RENDERER_URL;
const isOurUrl = (url: string) =>
  devUrl
    ? url.startsWith(devUrl)
    : url === pathToFileURL(rendererIndex).href || url.startsWith(`${pathToFileURL(rendererIndex).href}#`);

function keyringUsable(): boolean {
  return (
    safeStorage.isEncryptionAvailable() &&
    !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
  );
}

function secretBox(dataDir: string): SecretBox {
  if (keyringUsable()) return osKeyringSecretBox(safeStorage);
  console.warn('counter-pos: no OS keyring available; secrets are sealed with a key file readable only by this user');
  return keyFileSecretBox(join(dataDir, 'secret.key'), (n) => randomBytes(n));
}

const spawnUtility: SpawnGateway = (script, args, env) => {
  const child = utilityProcess.fork(script, args, {
    stdio: 'pipe',
    serviceName: 'Counter POS demo gateway',
    env: { ...process.env, ...env },
  });
  let done = false;
  child.once('exit', () => (done = true));
  return {
    stdout: child.stdout!,
    kill: () => void child.kill(),
    onExit: (l) => child.once('exit', (code) => l(code)),
    exited: () => done,
  };
};

let win: BrowserWindow | null = null;
let pos: App | null = null;

async function boot(): Promise<void> {
  const dataDir = ensureDir(app.getPath('userData'));
  // better-sqlite3 must be built for Electron's ABI; scripts/build-electron-sqlite.mjs puts it here.
  const binding = join(app.getAppPath(), '.electron-native', 'better_sqlite3.node');
  pos = createApp({
    dataDir,
    clock: { now: () => Date.now() },
    randomBytes: (n) => randomBytes(n),
    random: Math.random,
    timers: realTimers,
    version: app.getVersion(),
    secretBox: secretBox(dataDir),
    secretStorage: keyringUsable() ? 'keyring' : 'key_file',
    nativeBinding: existsSync(binding) ? binding : undefined,
    reconcileWorkerScript: join(here, 'reconcile-worker.js'),
    demoGateway: processGateway({
      spawn: spawnUtility,
      gatewayScript: join(here, 'gateway.js'),
      dataDir,
      merchantName: '演示商户 Demo Shop',
    }),
  });
  await pos.start();
  registerIpc(pos.dispatch, pos.events, () => win, isOurUrl);

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Counter POS',
    ...(process.platform === 'linux' ? { icon: appIcon } : {}),
    webPreferences: {
      preload: join(here, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK -- reviewed: exposes only window.pos via contextBridge
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // middle-click (auxclick) could open links in new windows; nothing here needs it
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isOurUrl(url)) e.preventDefault();
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  // The renderer blocks unload while sales or entries await the gateway: ask, then let it close.
  win.webContents.on('will-prevent-unload', (e) => {
    const ask = pos ? quitDialog(pos.settings.get().locale, quitPending(pos.sync.status())) : null;
    if (!ask || !win) return e.preventDefault();
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      title: ask.title,
      message: ask.message,
      buttons: ask.buttons,
      defaultId: 1,
      cancelId: 1,
    });
    if (choice === 0) {
      quitConfirmed = true; // asked once: before-quit does not ask again
      e.preventDefault(); // "Quit": ignore the renderer's objection
    }
  });
  if (devUrl) await win.loadURL(devUrl);
  else await win.loadFile(rendererIndex);
}

app.whenReady().then(boot, (e: unknown) => {
  console.error('counter-pos: could not start', e);
  app.exit(1);
});

app.on('window-all-closed', () => app.quit());
let quitConfirmed = false;
app.on('before-quit', (e) => {
  // With the window gone (or never shown) there is no renderer to ask: ask here. Pending
  // entries stay in the outbox either way; this only makes the cashier aware.
  const ask =
    !quitConfirmed && !win && pos ? quitDialog(pos.settings.get().locale, quitPending(pos.sync.status())) : null;
  if (ask) {
    const choice = dialog.showMessageBoxSync({
      type: 'warning',
      title: ask.title,
      message: ask.message,
      buttons: ask.buttons,
      defaultId: 1,
      cancelId: 1,
    });
    if (choice !== 0) return e.preventDefault();
  }
  quitConfirmed = true;
  void pos?.close();
  pos = null;
});
