import { createCipheriv, createDecipheriv } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/**
 * Seals secrets (the terminal's HMAC key) before they touch the database. Two backends:
 * Electron's safeStorage (OS keyring) in the desktop app, and a 0600 key file where no keyring
 * exists (the browser host, Linux with safeStorage's `basic_text` backend). Never logs a secret.
 */
export interface SecretBox {
  readonly kind: 'os-keyring' | 'key-file';
  seal(plain: string): string;
  open(sealed: string): string;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const SEALED_PREFIX = 'kf1:';

/** AES-256-GCM under a random key kept in a file only this user can read. */
export function keyFileSecretBox(keyPath: string, randomBytes: (n: number) => Uint8Array): SecretBox {
  const key = loadOrCreateKey(keyPath, randomBytes);
  return {
    kind: 'key-file',
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const packed = Buffer.concat([Buffer.from(iv), cipher.getAuthTag(), body]);
      return SEALED_PREFIX + packed.toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(SEALED_PREFIX)) throw new Error('sealed secret has an unknown format');
      const packed = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, packed.subarray(0, IV_BYTES));
      decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + 16));
      return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + 16)), decipher.final()]).toString('utf8');
    },
  };
}

function loadOrCreateKey(keyPath: string, randomBytes: (n: number) => Uint8Array): Buffer {
  if (existsSync(keyPath)) {
    const mode = statSync(keyPath).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) chmodSync(keyPath, 0o600);
    const key = readFileSync(keyPath);
    if (key.length !== KEY_BYTES) throw new Error(`secret key file ${keyPath} is damaged (wrong length)`);
    return key;
  }
  const key = Buffer.from(randomBytes(KEY_BYTES));
  writeFileSync(keyPath, key, { mode: 0o600, flag: 'wx' });
  return key;
}

/** Electron's safeStorage (OS keyring), passed in by src-main/index.ts so this file stays Electron-free. */
export function osKeyringSecretBox(enc: {
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}): SecretBox {
  return {
    kind: 'os-keyring',
    seal: (plain) => 'os1:' + enc.encryptString(plain).toString('base64'),
    open: (sealed) => {
      if (!sealed.startsWith('os1:')) throw new Error('sealed secret has an unknown format');
      return enc.decryptString(Buffer.from(sealed.slice(4), 'base64'));
    },
  };
}
