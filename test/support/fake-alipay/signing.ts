/**
 * Alipay's openapi signing, written from the documentation (not from the SDK): drop `sign`
 * (and `sign_type` for notifies) and empty values, sort keys by ASCII, join `k=v` with `&`,
 * RSA2 = SHA256withRSA, base64.
 */
import { createSign, createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** PKCS8 PEM, as Alipay's key tool writes it ("PRIVATE KEY"). */
  readonly privatePem: string;
  /** SPKI PEM ("PUBLIC KEY"). */
  readonly publicPem: string;
}

export function generateRsaKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    publicKey,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function signContent(params: Readonly<Record<string, string>>, drop: readonly string[]): string {
  return Object.keys(params)
    .filter((k) => !drop.includes(k) && params[k] !== '' && params[k] !== undefined)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export function rsa2Sign(content: string, key: KeyObject): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(key, 'base64');
}

export function rsa2Verify(content: string, signature: string, key: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(key, signature, 'base64');
  } catch {
    return false;
  }
}

/** Made once per test process: RSA-2048 generation is the slow part of starting a fake. */
let keys: { alipay: KeyPair; merchant: KeyPair; forger: KeyPair } | null = null;
export function testKeys(): { alipay: KeyPair; merchant: KeyPair; forger: KeyPair } {
  keys ??= { alipay: generateRsaKeyPair(), merchant: generateRsaKeyPair(), forger: generateRsaKeyPair() };
  return keys;
}
