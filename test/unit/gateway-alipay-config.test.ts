/** Alipay settings: keys in every shape Alipay's tools write, and clear errors without secrets. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALIPAY_SANDBOX_GATEWAY, alipayInputFromEnv, resolveAlipaySettings } from '../../src-gateway/alipay/config';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const spki = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const bare = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
const dir = mkdtempSync(join(tmpdir(), 'pos-alipay-cfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const APP_ID = '2021000000000001';

describe('Alipay settings', () => {
  it('takes PKCS8 and PKCS1 PEM and the bare base64 of Alipay’s key tool', () => {
    expect(resolveAlipaySettings({ appId: APP_ID, privateKey: pkcs8, alipayPublicKey: spki }).keyType).toBe('PKCS8');
    expect(resolveAlipaySettings({ appId: APP_ID, privateKey: pkcs1, alipayPublicKey: spki }).keyType).toBe('PKCS1');
    const fromBare = resolveAlipaySettings({ appId: APP_ID, privateKey: bare(pkcs8), alipayPublicKey: bare(spki) });
    expect(fromBare.keyType).toBe('PKCS8');
    expect(fromBare.alipayPublicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('reads key files and refuses one that does not parse, naming the file but not its content', () => {
    const good = join(dir, 'app-private.pem');
    const pub = join(dir, 'alipay-public.pem');
    const broken = join(dir, 'broken.pem');
    writeFileSync(good, pkcs8);
    writeFileSync(pub, spki);
    writeFileSync(broken, 'MIIEvSECRETSECRETnotakey==');
    expect(resolveAlipaySettings({ appId: APP_ID, privateKeyFile: good, alipayPublicKeyFile: pub }).appId).toBe(APP_ID);
    let message = '';
    try {
      resolveAlipaySettings({ appId: APP_ID, privateKeyFile: broken, alipayPublicKeyFile: pub });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/app private key file .*broken\.pem does not parse/);
    expect(message).not.toContain('SECRET');
    expect(() => resolveAlipaySettings({ appId: APP_ID, privateKeyFile: good, alipayPublicKeyFile: broken })).toThrow(
      /Alipay public key file .*broken\.pem does not parse/,
    );
    expect(() =>
      resolveAlipaySettings({ appId: APP_ID, privateKeyFile: join(dir, 'missing.pem'), alipayPublicKey: spki }),
    ).toThrow(/cannot read the app private key file/);
  });

  it('refuses a bad app id, seller id, URL, or a key given twice', () => {
    expect(() => resolveAlipaySettings({ appId: '123', privateKey: pkcs8, alipayPublicKey: spki })).toThrow(/app id/);
    expect(() =>
      resolveAlipaySettings({ appId: APP_ID, privateKey: pkcs8, alipayPublicKey: spki, sellerId: '1234' }),
    ).toThrow(/seller id/);
    expect(() =>
      resolveAlipaySettings({ appId: APP_ID, privateKey: pkcs8, alipayPublicKey: spki, gatewayUrl: 'ftp://x' }),
    ).toThrow(/http/);
    expect(() =>
      resolveAlipaySettings({ appId: APP_ID, privateKey: pkcs8, privateKeyFile: 'x', alipayPublicKey: spki }),
    ).toThrow(/not both/);
  });

  it('reads the environment; no app id means no Alipay', () => {
    expect(alipayInputFromEnv({})).toBeNull();
    expect(
      alipayInputFromEnv({ ALIPAY_APP_ID: APP_ID, ALIPAY_PRIVATE_KEY_FILE: '/k', ALIPAY_GATEWAY_URL: 'sandbox' }),
    ).toMatchObject({ appId: APP_ID, privateKeyFile: '/k', gatewayUrl: ALIPAY_SANDBOX_GATEWAY });
  });
});
