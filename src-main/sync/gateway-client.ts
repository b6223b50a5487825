import { JOURNAL_LINES_CONTENT_TYPE } from '../../src-shared/protocol/journal-lines';
import type { z } from 'zod';
import { isErrorCode } from '../../src-shared/errors';
import {
  changesHeadReply,
  changesReply,
  errorReply,
  GATEWAY_PATHS,
  journalPushReply,
  orderReply,
  pairResponse,
  refundReply,
  type ChangesReply,
  type GatewayRefund,
  type RefundRequest,
  type GatewayOrder,
  type JournalPushReply,
  type PairResponse,
  type RegisterOrderRequest,
} from '../../src-shared/protocol/gateway';
import { CHARGE_PATHS, chargeReply, type ChargeViewWire } from '../../src-shared/protocol/charge';
import { err, ok, type Err, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import { SIGNATURE_HEADERS } from '../../src-shared/protocol/signing';
import { GATEWAY_PROTOCOL_MIN, PROTOCOL_HEADER, PROTOCOL_VERSION, protocolOf } from '../../src-shared/protocol/version';
import { eventAuthentic, replyAuthentic, signRequest } from './signer';
import { readBounded } from './bounded-body';

/** A request to the gateway that has not answered in this long is treated as unreachable. */
export const GATEWAY_REQUEST_TIMEOUT_MS = 5_000;
/** Replies larger than this are refused (a change page of 500 entries is ~150 KiB). */
export const GATEWAY_REPLY_BYTES_MAX = 1024 * 1024;

export type Outcome = 'ok' | 'client_error' | 'server_error' | 'unreachable';

export interface GatewayEndpoint {
  readonly baseUrl: string;
  readonly terminalId: string;
  readonly secret: Buffer;
}

export interface GatewayClientDeps {
  readonly clock: Clock;
  readonly randomBytes: (n: number) => Uint8Array;
  /**
   * Told the outcome of every request (the connectivity state is driven by real traffic); a
   * server-side failure's error code with it, shown as the reason.
   */
  readonly onOutcome?: (outcome: Outcome, errorCode?: string) => void;
  readonly timeoutMs?: number;
  /** The HTTP client; tests and the simulation inject a faulty network here. */
  readonly fetch?: FetchLike;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Signed JSON requests to one gateway. Expected failures come back as values. */
export class GatewayClient {
  constructor(
    readonly endpoint: GatewayEndpoint,
    private readonly deps: GatewayClientDeps,
  ) {}

  registerOrder(req: RegisterOrderRequest): Promise<Result<GatewayOrder>> {
    return this.send('POST', GATEWAY_PATHS.orders, req, orderReply).then((r) => (r.ok ? ok(r.value.order) : r));
  }

  getOrder(orderId: string): Promise<Result<GatewayOrder>> {
    return this.send('GET', GATEWAY_PATHS.order(orderId), undefined, orderReply).then((r) =>
      r.ok ? ok(r.value.order) : r,
    );
  }

  cancelOrder(orderId: string): Promise<Result<GatewayOrder>> {
    return this.send('POST', GATEWAY_PATHS.cancel(orderId), {}, orderReply).then((r) => (r.ok ? ok(r.value.order) : r));
  }

  chargeCode(orderId: string, authCode: string): Promise<Result<ChargeViewWire | null>> {
    return this.send('POST', CHARGE_PATHS.chargeCode(orderId), { auth_code: authCode }, chargeReply).then((r) =>
      r.ok ? ok(r.value.charge) : r,
    );
  }

  chargeStatus(orderId: string): Promise<Result<ChargeViewWire | null>> {
    return this.send('GET', CHARGE_PATHS.charge(orderId), undefined, chargeReply).then((r) =>
      r.ok ? ok(r.value.charge) : r,
    );
  }

  stopCharge(orderId: string): Promise<Result<ChargeViewWire | null>> {
    return this.send('POST', CHARGE_PATHS.stopCharge(orderId), {}, chargeReply).then((r) =>
      r.ok ? ok(r.value.charge) : r,
    );
  }

  refund(orderId: string, req: RefundRequest): Promise<Result<GatewayRefund>> {
    return this.send('POST', GATEWAY_PATHS.refunds(orderId), req, refundReply).then((r) =>
      r.ok ? ok(r.value.refund) : r,
    );
  }

  /**
   * Pushes a contiguous batch of journal entries, already serialized as chain lines and hashed
   * (`Outbox.nextBatch`); the reply names the highest acked seq.
   */
  pushJournal(batch: { readonly body: string; readonly sha256Hex: string }): Promise<Result<JournalPushReply>> {
    return this.sendText(
      'POST',
      GATEWAY_PATHS.journalLines,
      batch.body,
      journalPushReply,
      batch.sha256Hex,
      JOURNAL_LINES_CONTENT_TYPE,
    );
  }

  /** What the gateway holds of this terminal's journal: its highest contiguous seq and hash. */
  journalHead(): Promise<Result<JournalPushReply>> {
    return this.send('GET', GATEWAY_PATHS.journalHead, undefined, journalPushReply);
  }

  /** The feed's highest change id; `not_found` from a gateway that predates the question. */
  changesHead(): Promise<Result<{ head: number }>> {
    return this.send('GET', GATEWAY_PATHS.changesHead, undefined, changesHeadReply);
  }

  changes(after: number, limit: number): Promise<Result<ChangesReply>> {
    return this.send('GET', `${GATEWAY_PATHS.changes}?after=${after}&limit=${limit}`, undefined, changesReply);
  }

  /** Signed headers for a path (and the protocol this console speaks), also for the SSE stream. */
  signedHeaders(method: string, pathWithQuery: string, body = '', bodySha256Hex?: string): Record<string, string> {
    const nonce = Buffer.from(this.deps.randomBytes(16)).toString('hex');
    return {
      ...signRequest(
        this.endpoint.secret,
        this.endpoint.terminalId,
        method,
        pathWithQuery,
        body,
        this.deps.clock.now(),
        nonce,
        bodySha256Hex,
      ),
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    };
  }

  /** The answer to a request signed with `nonce` is the gateway's own (signer.ts). */
  replyAuthentic(nonce: string, status: number, body: string, signature: string | null): boolean {
    return replyAuthentic(this.endpoint.secret, nonce, status, body, signature);
  }

  /** A change-stream event is the gateway's own, on the stream requested with `nonce`. */
  eventAuthentic(nonce: string, data: string, signature: string | null): boolean {
    return eventAuthentic(this.endpoint.secret, nonce, data, signature);
  }

  private send<S extends z.ZodType>(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body: unknown,
    schema: S,
  ): Promise<Result<z.infer<S>>> {
    return this.sendText(method, pathWithQuery, body === undefined ? undefined : JSON.stringify(body), schema);
  }

  /** `body`: as sent and signed (JSON unless `contentType` says otherwise); undefined for none. */
  private async sendText<S extends z.ZodType>(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body: string | undefined,
    schema: S,
    bodySha256Hex?: string,
    contentType = 'application/json',
  ): Promise<Result<z.infer<S>>> {
    const text = body ?? '';
    const headers: Record<string, string> = { ...this.signedHeaders(method, pathWithQuery, text, bodySha256Hex) };
    const nonce = headers[SIGNATURE_HEADERS.nonce]!;
    if (body !== undefined) headers['content-type'] = contentType;
    const r = await requestJson(
      this.endpoint.baseUrl + pathWithQuery,
      method,
      headers,
      text,
      this.deps.timeoutMs,
      this.deps.fetch,
    );
    if (!r.ok) {
      if (r.refusal && !this.replyAuthentic(nonce, r.refusal.status, r.refusal.text, r.refusal.signature)) {
        const forged = unsignedRefusal(r.result.error.code, r.refusal.status, pathWithQuery);
        if (forged) {
          this.deps.onOutcome?.('server_error', forged.error.code);
          return forged;
        }
      }
      const code = r.outcome === 'server_error' ? r.result.error.code : undefined;
      this.deps.onOutcome?.(r.outcome, code);
      return r.result;
    }
    if (!this.replyAuthentic(nonce, r.status, r.text, r.signature)) {
      // Not the gateway's word (forged or replayed on the way): nothing in it is used.
      this.deps.onOutcome?.('server_error', 'gateway_bad_reply');
      return err('gateway_bad_reply', `the reply from ${pathWithQuery} is not signed by the gateway`);
    }
    const parsed = schema.safeParse(r.json);
    if (!parsed.success) {
      // Answered, but not with what the protocol says: not "online", and named.
      this.deps.onOutcome?.('server_error', 'gateway_bad_reply');
      return err('gateway_bad_reply', `unexpected reply from ${pathWithQuery}`);
    }
    this.deps.onOutcome?.('ok');
    return ok(parsed.data);
  }
}

/**
 * Node loads its fetch (undici) on the first call: ~35–45 ms here, which the first order's
 * registration, or the first batch of a catch-up, would otherwise wait for. Called when sync
 * starts, while nothing waits; a data: URL touches no network.
 */
export function warmFetch(): void {
  void fetch('data:,')
    .then((r) => r.arrayBuffer())
    .catch(() => undefined);
}

/** Unsigned pairing with a one-time code: the only request made before we have a secret. */
export async function pairWithGateway(
  baseUrl: string,
  code: string,
  terminalName: string,
  timeoutMs?: number,
): Promise<Result<PairResponse>> {
  const r = await requestJson(
    `${baseUrl}${GATEWAY_PATHS.pair}`,
    'POST',
    { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    JSON.stringify({ code, terminal_name: terminalName }),
    timeoutMs,
  );
  if (!r.ok) return r.result;
  const parsed = pairResponse.safeParse(r.json);
  return parsed.success ? ok(parsed.data) : err('gateway_bad_reply', 'unexpected pairing reply');
}

interface Signed {
  readonly status: number;
  readonly text: string;
  readonly signature: string | null;
}
type Raw =
  | ({ ok: true; json: unknown; outcome: Outcome } & Signed)
  /** `refusal`: a protocol error the gateway answered with, for its signature to be checked. */
  | { ok: false; result: Err; outcome: Outcome; refusal?: Signed };

/**
 * Refusals the gateway sends before it knows whose request it is (or that it is genuine), so
 * they cannot be signed (src-gateway/http/authenticate.ts): they stand unsigned. A forged one
 * can stop sync, visibly; it cannot make a refund, a cancel or a push look final.
 */
const UNSIGNED_REFUSALS: ReadonlySet<string> = new Set([
  'unauthorized',
  'terminal_unknown',
  'terminal_revoked',
  'signature_invalid',
  'request_stale',
  'nonce_reused',
  'payload_too_large',
]);

/** The gateway's router answers these before any route (no such endpoint, method or path). */
const ROUTER_STATUSES: ReadonlySet<number> = new Set([400, 404, 405]);

/**
 * What an unsigned refusal to a signed request means, or null when it stands as sent. Any other
 * refusal is the gateway's word only when signed: a forged "refund not allowed" would mark a
 * refund failed that the provider made. An unsigned 400/404/405 is the gateway's router (no such
 * endpoint or method: an older gateway), never a signed route's answer. `rate_limited` is sent
 * after verification, signed.
 */
function unsignedRefusal(code: string, status: number, path: string): Err | null {
  if (UNSIGNED_REFUSALS.has(code)) return null;
  if ((code === 'not_found' || code === 'invalid_argument') && ROUTER_STATUSES.has(status)) {
    return err('gateway_outdated', `the gateway does not serve ${path.split('?')[0]} (HTTP ${status})`);
  }
  return err(
    'gateway_bad_reply',
    `a refusal (${code}) from ${path.split('?')[0]} not signed by the gateway was ignored`,
  );
}

/** A gateway older than this console works with (or from before the header): named, with both versions. */
function outdatedGateway(header: string | null, path: string): Err | null {
  const version = protocolOf(header);
  if (version !== null && version >= GATEWAY_PROTOCOL_MIN) return null;
  return err(
    'gateway_outdated',
    `the gateway answering ${path} speaks protocol ${version ?? 'unnamed (older than 3)'}; this console needs ${GATEWAY_PROTOCOL_MIN} or later`,
  );
}

async function requestJson(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = GATEWAY_REQUEST_TIMEOUT_MS,
  fetchFn: FetchLike = fetch,
): Promise<Raw> {
  let res: Response;
  let text: string | null;
  try {
    res = await fetchFn(url, {
      method,
      headers,
      body: method === 'GET' ? undefined : body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    text = await readBounded(res, GATEWAY_REPLY_BYTES_MAX);
  } catch {
    return {
      ok: false,
      outcome: 'unreachable',
      result: err('gateway_unreachable', `gateway at ${new URL(url).origin} did not answer`),
    };
  }
  if (text === null) {
    return { ok: false, outcome: 'server_error', result: err('gateway_bad_reply', 'gateway reply too large') };
  }
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const e = res.ok ? null : errorReply.safeParse(json);
  // The gateway's answers and refusals name its protocol; a 5xx (a proxy's page, a restart) is
  // not judged by it: it stays a server error, retried.
  if (res.ok || (res.status < 500 && e?.success)) {
    const outdated = outdatedGateway(res.headers.get(PROTOCOL_HEADER), new URL(url).pathname);
    // With its signature to check: an unsigned "outdated" on a signed request (forged, or a proxy
    // that strips headers) is a bad reply, retried, not a verdict that stops the push.
    const signature = res.headers.get(SIGNATURE_HEADERS.replySignature);
    if (outdated)
      return { ok: false, outcome: 'server_error', result: outdated, refusal: { status: res.status, text, signature } };
  }
  if (res.ok) {
    if (json === undefined)
      return { ok: false, outcome: 'server_error', result: err('gateway_bad_reply', 'reply is not JSON') };
    return {
      ok: true,
      json,
      outcome: 'ok',
      status: res.status,
      text,
      signature: res.headers.get(SIGNATURE_HEADERS.replySignature),
    };
  }
  const outcome: Outcome = res.status >= 500 ? 'server_error' : 'client_error';
  if (e?.success && isErrorCode(e.data.error.code) && e.data.error.code !== 'internal') {
    return {
      ok: false,
      outcome,
      result: err(e.data.error.code, `gateway refused: ${e.data.error.message}`, { status: res.status }),
      refusal: { status: res.status, text, signature: res.headers.get(SIGNATURE_HEADERS.replySignature) },
    };
  }
  return {
    ok: false,
    outcome,
    result: err('gateway_rejected', `gateway answered HTTP ${res.status}`, { status: res.status }),
  };
}
