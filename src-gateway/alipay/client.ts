/**
 * Alipay's openapi methods the gateway uses, through the official `alipay-sdk`: requests are
 * signed with the app's private key and every answer's signature is checked with Alipay's
 * public key (`validateSign`). Answers come back as plain values; a transport failure or an
 * answer that fails its signature check is `unreachable`, never an exception.
 */
import { AlipaySdk } from 'alipay-sdk';
import type { AlipaySettings } from './config';

/** Alipay answers face-to-face calls within a few seconds; a stuck call must not hold a poll. */
export const ALIPAY_CALL_TIMEOUT_MS = 10_000;

export type AlipayAnswer =
  | {
      readonly kind: 'answer';
      readonly code: string;
      readonly subCode: string | null;
      readonly body: Record<string, unknown>;
    }
  | { readonly kind: 'unreachable'; readonly reason: string };

export interface AlipayTradeQuery {
  readonly method: string;
  readonly biz: Record<string, string>;
  readonly notifyUrl?: string | null;
}

export class AlipayClient {
  private readonly sdk: AlipaySdk;

  constructor(readonly settings: AlipaySettings) {
    this.sdk = new AlipaySdk({
      appId: settings.appId,
      privateKey: settings.privateKeyPem,
      keyType: settings.keyType,
      alipayPublicKey: settings.alipayPublicKeyPem,
      gateway: settings.gatewayUrl,
      signType: 'RSA2',
      camelcase: false,
      timeout: ALIPAY_CALL_TIMEOUT_MS,
    });
  }

  async call(q: AlipayTradeQuery): Promise<AlipayAnswer> {
    try {
      const params: Record<string, unknown> = { bizContent: q.biz };
      if (q.notifyUrl) params.notify_url = q.notifyUrl;
      const body = (await this.sdk.exec(q.method, params, { validateSign: true })) as unknown as Record<
        string,
        unknown
      >;
      const code = typeof body.code === 'string' ? body.code : '';
      const subCode = typeof body.sub_code === 'string' ? body.sub_code : null;
      return { kind: 'answer', code, subCode, body };
    } catch (e) {
      // The SDK's messages can quote the response; keep only the first line, no key material is in it.
      const reason = e instanceof Error ? e.message.split('\n')[0]!.slice(0, 200) : 'unknown error';
      return { kind: 'unreachable', reason };
    }
  }

  /** Async notify signature check (Alipay's public key; `sign` and `sign_type` excluded). */
  checkNotify(fields: Record<string, string>): boolean {
    try {
      return this.sdk.checkNotifySignV2(fields);
    } catch {
      return false;
    }
  }
}

/** A string field of an answer, or null. */
export function field(body: Record<string, unknown>, name: string): string | null {
  const v = body[name];
  return typeof v === 'string' && v !== '' ? v : null;
}
