/**
 * The Electron hardening that only shows in configuration: fuses in the electron-builder config
 * (package.json "build") and the window's webPreferences and handlers in src-main/index.ts.
 * Electron cannot run here, so these are read as written; `npm run security` (Electronegativity)
 * checks the same sources with its own rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  build: { asar: boolean; electronFuses: Record<string, boolean> };
  scripts: Record<string, string>;
};
const main = readFileSync(join(ROOT, 'src-main/index.ts'), 'utf8');

describe('Electron hardening in configuration', () => {
  it('sets the fuses: no RunAsNode, NODE_OPTIONS or --inspect; app only from an integrity-checked asar', () => {
    expect(pkg.build.asar).toBe(true);
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('creates the window sandboxed and isolated, blocks navigation, new windows and permissions', () => {
    for (const line of [
      'app.enableSandbox()',
      'sandbox: true',
      'contextIsolation: true',
      'nodeIntegration: false',
      'nodeIntegrationInWorker: false',
      'webviewTag: false',
      "disableBlinkFeatures: 'Auxclick'",
      "on('will-navigate'",
      "setWindowOpenHandler(() => ({ action: 'deny' }))",
      'setPermissionRequestHandler((_wc, _permission, callback) => callback(false))',
      'setPermissionCheckHandler(() => false)',
    ]) {
      expect(main).toContain(line);
    }
    expect(main).not.toMatch(/nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/);
  });

  it('runs Electronegativity as npm run security', () => {
    expect(pkg.scripts.security).toBe('node scripts/security.mjs');
  });
});
