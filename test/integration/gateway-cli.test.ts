import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src-shared/protocol/version';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'src-gateway/cli.ts');
const START_DEADLINE_MS = 30_000;

interface Run {
  readonly child: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(TSX, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env } });
  const r: Run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((done) => child.on('exit', (code) => done(code))),
  };
  child.stdout.on('data', (d: Buffer) => (r.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (r.stderr += d.toString()));
  return r;
}

async function readyLine(r: Run): Promise<{ ready: true; url: string; pairing_code: string | null }> {
  const until = performance.now() + START_DEADLINE_MS;
  while (!r.stdout.includes('\n')) {
    if (r.child.exitCode !== null) throw new Error(`gateway exited: ${r.stderr}`);
    if (performance.now() > until) throw new Error(`gateway did not start: ${r.stderr}`);
    await new Promise((d) => setTimeout(d, 20));
  }
  return JSON.parse(r.stdout.split('\n')[0]!) as { ready: true; url: string; pairing_code: string | null };
}

describe('gateway CLI', () => {
  const dirs: string[] = [];
  const runs: Run[] = [];
  const tempDb = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-gateway-cli-'));
    dirs.push(dir);
    return join(dir, 'gateway.db');
  };
  afterEach(async () => {
    for (const r of runs.splice(0)) {
      if (r.child.exitCode === null && r.child.signalCode === null) {
        r.child.kill('SIGKILL');
        await r.exited;
      }
    }
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('prints one ready line, pairs with the code given in its environment, and stops on SIGTERM', async () => {
    const db = tempDb();
    const r = run(['--port', '0', '--db', db, '--merchant-name', 'Demo'], { GATEWAY_PAIRING_CODE: '24681357' });
    runs.push(r);
    const ready = await readyLine(r);
    expect(ready).toEqual({
      ready: true,
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      pairing_code: '24681357',
    });

    const res = await fetch(`${ready.url}/v1/pair`, {
      method: 'POST',
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      body: JSON.stringify({ code: '24681357', terminal_name: 'Console' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ merchant_name: 'Demo', currency: 'CNY', public_url: ready.url });
    expect(statSync(`${db}.key`).mode & 0o777).toBe(0o600);

    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('24681357');
  });

  it('issues a fresh code when asked', async () => {
    const r = run(['--port', '0', '--db', tempDb(), '--issue-pairing-code']);
    runs.push(r);
    const ready = await readyLine(r);
    expect(ready.pairing_code).toMatch(/^\d{8}$/);
    expect(r.stderr).not.toContain(ready.pairing_code);
    r.child.kill('SIGINT');
    expect(await r.exited).toBe(0);
  });

  it.each([
    [[]],
    [['--db']],
    [['--db', 'x.db', '--port', 'abc']],
    [['--db', 'x.db', '--currency', 'EUR']],
    [['--db', 'x.db', '--pairing-code', '12345678']],
    [['--db', 'x.db', '--bogus']],
  ])('exits 2 with a clear message for bad flags %j', async (args) => {
    const r = run(args);
    runs.push(r);
    expect(await r.exited).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/gateway: .+\n/);
    expect(r.stderr).toContain('Usage:');
  });

  it('exits 2 for a pairing code in its environment that is not 8 digits', async () => {
    const r = run(['--db', 'x.db'], { GATEWAY_PAIRING_CODE: '123' });
    runs.push(r);
    expect(await r.exited).toBe(2);
    expect(r.stderr).toContain('GATEWAY_PAIRING_CODE must be exactly 8 digits');
  });
});
