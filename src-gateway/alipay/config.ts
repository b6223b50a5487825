/**
 * The merchant's Alipay settings: app id, the app's private key, Alipay's public key, and
 * where Alipay's openapi gateway is. Keys come as PEM text or as the bare base64 Alipay's key
 * tool prints; either way they are parsed here, at start, so a key that does not parse is a
 * clear startup error. Errors name the setting and the file, never the key's content.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

export const ALIPAY_PRODUCTION_GATEWAY = 'https://openapi.alipay.com/gateway.do';
/** Alipay's developer sandbox (沙箱环境) openapi gateway. */
export const ALIPAY_SANDBOX_GATEWAY = 'https://openapi-sandbox.dl.alipaydev.com/gateway.do';

/** A key file is a few KB; anything much larger is the wrong file. */
const KEY_FILE_BYTES_MAX = 16 * 1024;
const APP_ID_RE = /^\d{16}$/;
const SELLER_ID_RE = /^2088\d{12}$/;

/** What a merchant provides (strings as they come from flags, env or files). */
export interface AlipaySettingsInput {
  readonly appId: string;
  readonly privateKey?: string;
  readonly privateKeyFile?: string;
  readonly alipayPublicKey?: string;
  readonly alipayPublicKeyFile?: string;
  readonly gatewayUrl?: string;
  /** The merchant's Alipay user id (2088…); when set, notifies must name it as seller_id. */
  readonly sellerId?: string;
  /** Where Alipay posts async notifies; default `<public url>/alipay/notify`. */
  readonly notifyUrl?: string;
}

export interface AlipaySettings {
  readonly appId: string;
  /** PEM, with the SDK's key type. */
  readonly privateKeyPem: string;
  readonly keyType: 'PKCS1' | 'PKCS8';
  readonly alipayPublicKeyPem: string;
  readonly gatewayUrl: string;
  readonly sellerId: string | null;
  readonly notifyUrl: string | null;
}

export class AlipayConfigError extends Error {
  constructor(message: string) {
    super(`alipay: ${message}`);
    this.name = 'AlipayConfigError';
  }
}

function wrapPem(base64: string, label: string): string {
  const body = base64.replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function readKey(inline: string | undefined, file: string | undefined, what: string): { text: string; from: string } {
  if (inline !== undefined && file !== undefined)
    throw new AlipayConfigError(`give the ${what} inline or as a file, not both`);
  if (inline !== undefined) return { text: inline, from: `the ${what} value` };
  if (file === undefined) throw new AlipayConfigError(`the ${what} is required`);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AlipayConfigError(`cannot read the ${what} file ${file}`);
  }
  if (size > KEY_FILE_BYTES_MAX)
    throw new AlipayConfigError(`the ${what} file ${file} is larger than ${KEY_FILE_BYTES_MAX} bytes`);
  return { text: readFileSync(file, 'utf8'), from: `the ${what} file ${file}` };
}

function parsePrivateKey(text: string, from: string): { pem: string; keyType: 'PKCS1' | 'PKCS8' } {
  const trimmed = text.trim();
  const candidates: { pem: string; keyType: 'PKCS1' | 'PKCS8' }[] = trimmed.startsWith('-----BEGIN')
    ? [{ pem: trimmed, keyType: trimmed.includes('BEGIN RSA PRIVATE KEY') ? 'PKCS1' : 'PKCS8' }]
    : [
        { pem: wrapPem(trimmed, 'PRIVATE KEY'), keyType: 'PKCS8' },
        { pem: wrapPem(trimmed, 'RSA PRIVATE KEY'), keyType: 'PKCS1' },
      ];
  for (const c of candidates) {
    try {
      const key = createPrivateKey(c.pem);
      if (key.asymmetricKeyType !== 'rsa') throw new AlipayConfigError(`${from} is not an RSA key (RSA2 needs RSA)`);
      return c;
    } catch (e) {
      if (e instanceof AlipayConfigError) throw e;
    }
  }
  throw new AlipayConfigError(`${from} does not parse as an RSA private key (PEM or Alipay's base64)`);
}

function parsePublicKey(text: string, from: string): string {
  const trimmed = text.trim();
  const pem = trimmed.startsWith('-----BEGIN') ? trimmed : wrapPem(trimmed, 'PUBLIC KEY');
  let key;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new AlipayConfigError(`${from} does not parse as a public key (PEM or Alipay's base64)`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new AlipayConfigError(`${from} is not an RSA key (RSA2 needs RSA)`);
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

function checkUrl(url: string, what: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AlipayConfigError(`${what} is not a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new AlipayConfigError(`${what} must be http(s)`);
  return url;
}

export function resolveAlipaySettings(input: AlipaySettingsInput): AlipaySettings {
  if (!APP_ID_RE.test(input.appId)) throw new AlipayConfigError('app id must be the 16 digits Alipay shows');
  if (input.sellerId !== undefined && !SELLER_ID_RE.test(input.sellerId)) {
    throw new AlipayConfigError('seller id must be the 16-digit Alipay user id starting 2088');
  }
  const priv = readKey(input.privateKey, input.privateKeyFile, 'app private key');
  const pub = readKey(input.alipayPublicKey, input.alipayPublicKeyFile, 'Alipay public key');
  const { pem, keyType } = parsePrivateKey(priv.text, priv.from);
  return {
    appId: input.appId,
    privateKeyPem: pem,
    keyType,
    alipayPublicKeyPem: parsePublicKey(pub.text, pub.from),
    gatewayUrl: checkUrl(input.gatewayUrl ?? ALIPAY_PRODUCTION_GATEWAY, 'the Alipay gateway URL'),
    sellerId: input.sellerId ?? null,
    notifyUrl: input.notifyUrl === undefined ? null : checkUrl(input.notifyUrl, 'the notify URL'),
  };
}

/** The CLI's environment variables; null when Alipay is not configured (sandbox wallet only). */
export function alipayInputFromEnv(env: Readonly<Record<string, string | undefined>>): AlipaySettingsInput | null {
  const appId = env.ALIPAY_APP_ID;
  if (appId === undefined || appId === '') return null;
  const pick = (k: string): string | undefined => (env[k] === undefined || env[k] === '' ? undefined : env[k]);
  const gateway = pick('ALIPAY_GATEWAY_URL');
  return {
    appId,
    privateKey: pick('ALIPAY_PRIVATE_KEY'),
    privateKeyFile: pick('ALIPAY_PRIVATE_KEY_FILE'),
    alipayPublicKey: pick('ALIPAY_PUBLIC_KEY'),
    alipayPublicKeyFile: pick('ALIPAY_PUBLIC_KEY_FILE'),
    gatewayUrl: gateway === 'sandbox' ? ALIPAY_SANDBOX_GATEWAY : gateway,
    sellerId: pick('ALIPAY_SELLER_ID'),
    notifyUrl: pick('ALIPAY_NOTIFY_URL'),
  };
}
