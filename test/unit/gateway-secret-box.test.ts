import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateMasterKey, open, seal } from '../../src-gateway/secret-box';

let counter = 0;
const fakeRandom = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + counter++) & 255);

describe('master key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pos-gateway-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created with mode 0600 and read back unchanged', () => {
    const path = join(dir, 'g.key');
    const key = loadOrCreateMasterKey(path, fakeRandom);
    expect(key).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateMasterKey(path, fakeRandom).equals(key)).toBe(true);
  });

  it('refuses a damaged key file instead of making a new key', () => {
    const path = join(dir, 'g.key');
    writeFileSync(path, 'short');
    expect(() => loadOrCreateMasterKey(path, fakeRandom)).toThrow(/damaged/);
  });
});

describe('sealed secrets', () => {
  const key = Buffer.alloc(32, 3);
  const secret = Buffer.alloc(32, 9);

  it('round-trips, and fails for another key, another context or any altered byte', () => {
    const box = seal(key, secret, 'TA0000000A', fakeRandom);
    expect(box.includes(secret)).toBe(false);
    expect(open(key, box, 'TA0000000A').equals(secret)).toBe(true);
    expect(() => open(Buffer.alloc(32, 4), box, 'TA0000000A')).toThrow();
    expect(() => open(key, box, 'TB0000000B')).toThrow();
    for (let i = 0; i < box.length; i++) {
      const bad = Buffer.from(box);
      bad[i] = bad[i]! ^ 1;
      expect(() => open(key, bad, 'TA0000000A')).toThrow();
    }
  });
});
