/** The gateway command with Alipay configured by environment: a bad key stops the start clearly. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'src-gateway/cli.ts');

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(TSX, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('gateway CLI with Alipay settings', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 naming the file when the private key does not parse, and never prints the key', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pos-alipay-cli-'));
    const key = join(dir, 'app-private.pem');
    writeFileSync(key, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC-NOTAKEY-SECRETBITS');
    const r = await runCli(['--db', join(dir, 'gw.db'), '--port', '0'], {
      ALIPAY_APP_ID: '2021000000000001',
      ALIPAY_PRIVATE_KEY_FILE: key,
      ALIPAY_PUBLIC_KEY: 'not-a-key',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('could not start: alipay: the app private key file');
    expect(r.stderr).toContain('does not parse');
    expect(r.stderr).not.toContain('SECRETBITS');
  });
});
