/**
 * The master key and what it protects. The key is 32 random bytes in a file created with mode
 * 0600; terminal secrets are stored sealed with AES-256-GCM under it, bound to the terminal id.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { RandomBytes } from './crypto';

export const MASTER_KEY_BYTES = 32;
/** GCM's recommended nonce size. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Reads the key file, or creates it (exclusively, mode 0600) when it does not exist. */
export function loadOrCreateMasterKey(path: string, randomBytes: RandomBytes): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readMasterKey(path);
  }
  try {
    const key = Buffer.from(randomBytes(MASTER_KEY_BYTES));
    if (key.length !== MASTER_KEY_BYTES) throw new Error('assertion failed: master key length');
    writeSync(fd, key);
    return key;
  } finally {
    closeSync(fd);
  }
}

function readMasterKey(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size !== MASTER_KEY_BYTES) {
      throw new Error(`gateway key file ${path} is damaged: expected ${MASTER_KEY_BYTES} bytes, found ${size}`);
    }
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** iv ‖ tag ‖ ciphertext. `context` (e.g. the terminal id) is authenticated, not stored. */
export function seal(key: Uint8Array, plaintext: Uint8Array, context: string, randomBytes: RandomBytes): Buffer {
  const iv = Buffer.from(randomBytes(IV_BYTES));
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Throws when the box was altered, sealed under another key, or for another context. */
export function open(key: Uint8Array, box: Uint8Array, context: string): Buffer {
  if (box.length < IV_BYTES + TAG_BYTES) throw new Error('assertion failed: sealed value too short');
  const buf = Buffer.from(box);
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(buf.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
