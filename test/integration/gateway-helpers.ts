/**
 * Helpers for the gateway's integration tests: a movable clock, seeded randomness, a real
 * gateway on loopback with a temp SQLite file, request signing the way a terminal does it,
 * signed QR URLs, and readers for the customer pages and the SSE stream.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { change as changeSchema, type Change } from '../../src-shared/protocol/gateway';
import { buildQrUrl } from '../../src-shared/protocol/qr-url';
import {
  canonicalConfirmation,
  canonicalQr,
  canonicalRequest,
  confirmationCodeFromMac,
  QR_SIGNATURE_BYTES,
  SIGNATURE_HEADERS,
  type QrFields,
} from '../../src-shared/protocol/signing';
import { createUlidSource } from '../../src-shared/ulid';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../src-gateway/server';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src-shared/protocol/version';

export const T0 = Date.UTC(2026, 4, 1, 10, 0, 0);

export class ManualClock {
  constructor(private ms: number = T0) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}

/** Deterministic bytes: SHA-256 of seed and a counter. */
export function seededRandom(seed: string): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i += 32) {
      createHash('sha256').update(`${seed}|${counter++}`).digest().copy(out, i);
    }
    return out;
  };
}

export interface TestGateway {
  readonly gw: RunningGateway;
  readonly url: string;
  readonly clock: ManualClock;
  readonly dir: string;
  readonly logs: string[];
  readonly nextOrderId: () => string;
  stop(): Promise<void>;
}

export async function startTestGateway(
  extra: Partial<GatewayOptions> = {},
  seed = 'gateway-test',
): Promise<TestGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'pos-gateway-'));
  const clock = new ManualClock();
  const logs: string[] = [];
  let gw: RunningGateway;
  try {
    gw = await startGateway({
      dbPath: join(dir, 'gateway.db'),
      clock,
      randomBytes: seededRandom(seed),
      merchantName: '测试商户',
      currency: 'CNY',
      log: {
        info: (m) => logs.push(`info ${m}`),
        error: (m, e) => logs.push(`error ${m} ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
      },
      ...extra,
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const ulid = createUlidSource(() => clock.now(), seededRandom(`${seed}-ulid`));
  return {
    gw,
    url: gw.url,
    clock,
    dir,
    logs,
    nextOrderId: ulid,
    stop: async () => {
      await gw.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Terminal {
  readonly id: string;
  readonly secret: Buffer;
  readonly publicUrl: string;
}

export async function pairTerminal(t: TestGateway, name = 'Counter 1'): Promise<Terminal> {
  const code = t.gw.issuePairingCode();
  const res = await fetch(`${t.url}/v1/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    body: JSON.stringify({ code, terminal_name: name }),
  });
  if (res.status !== 200) throw new Error(`pairing failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { terminal_id: string; secret: string; public_url: string };
  return { id: body.terminal_id, secret: Buffer.from(body.secret, 'base64url'), publicUrl: body.public_url };
}

let nonceCounter = 0;
export function freshNonce(): string {
  return createHash('sha256').update(`nonce-${nonceCounter++}`).digest('hex').slice(0, 32);
}

export interface SignOptions {
  readonly timestampMs?: number;
  readonly nonce?: string;
}

export function signHeaders(
  terminal: Pick<Terminal, 'id' | 'secret'>,
  method: string,
  pathWithQuery: string,
  body: string,
  timestampMs: number,
  nonce: string = freshNonce(),
): Record<string, string> {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const signature = createHmac('sha256', terminal.secret)
    .update(canonicalRequest(method, pathWithQuery, timestampMs, nonce, bodyHash))
    .digest('hex');
  return {
    [SIGNATURE_HEADERS.terminal]: terminal.id,
    [SIGNATURE_HEADERS.timestamp]: String(timestampMs),
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
  };
}

/** A signed request as a terminal makes it; `body` is sent as JSON text when given. */
export async function signedFetch(
  t: TestGateway,
  terminal: Terminal,
  method: 'GET' | 'POST',
  pathWithQuery: string,
  body?: unknown,
  opts: SignOptions = {},
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const headers = signHeaders(terminal, method, pathWithQuery, text, opts.timestampMs ?? t.clock.now(), opts.nonce);
  const res = await fetch(`${t.url}${pathWithQuery}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: text }),
  });
  const raw = await res.text();
  return { status: res.status, json: raw === '' ? null : (JSON.parse(raw) as unknown), headers: res.headers };
}

export function qrSignature(secret: Buffer, f: QrFields): string {
  return createHmac('sha256', secret)
    .update(canonicalQr(f))
    .digest()
    .subarray(0, QR_SIGNATURE_BYTES)
    .toString('base64url');
}

export function signedQrUrl(terminal: Terminal, f: Omit<QrFields, 'terminalId'>): string {
  const fields = { ...f, terminalId: terminal.id };
  return buildQrUrl(terminal.publicUrl, fields, qrSignature(terminal.secret, fields));
}

export function expectedConfirmationCode(secret: Buffer, orderId: string, amountMinor: number): string {
  return confirmationCodeFromMac(
    createHmac('sha256', secret).update(canonicalConfirmation(orderId, amountMinor)).digest(),
  );
}

export interface Page {
  readonly status: number;
  readonly html: string;
  readonly headers: Headers;
}

export async function getPage(url: string, acceptLanguage?: string): Promise<Page> {
  const res = await fetch(url, acceptLanguage ? { headers: { 'accept-language': acceptLanguage } } : {});
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** Submits the wallet page's pay or decline form as a browser would. */
export async function submitWallet(walletPageUrl: string, page: Page, action: 'pay' | 'decline'): Promise<Page> {
  const actionPath = attr(page.html, `wallet-${action}`, 'action') ?? formAction(page.html, action);
  const session = /name="session" value="([^"]+)"/.exec(page.html)?.[1];
  if (!session) throw new Error('no session on the page');
  const target = new URL(actionPath, walletPageUrl);
  const res = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ session }).toString(),
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

function formAction(html: string, action: string): string {
  const m = new RegExp(`<form method="post" action="([^"]+/${action})"`).exec(html);
  if (!m?.[1]) throw new Error(`no ${action} form on the page`);
  return m[1];
}

function attr(html: string, testId: string, name: string): string | undefined {
  const m = new RegExp(`<[^>]*data-testid="${testId}"[^>]*>`).exec(html);
  return m ? new RegExp(`${name}="([^"]*)"`).exec(m[0])?.[1] : undefined;
}

/** Text content of the element with this data-testid (no nested tags in ours). */
export function testIdText(html: string, testId: string): string | null {
  const m = new RegExp(`<([a-z0-9]+)[^>]*data-testid="${testId}"[^>]*>([^<]*)</\\1>`).exec(html);
  return m ? m[2]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') : null;
}

export function resultStatus(html: string): string | null {
  return /data-testid="result-status" data-status="([a-z_]+)"/.exec(html)?.[1] ?? null;
}

/** Polls `check` until it holds or the deadline passes (no fixed sleeps). */
export async function waitFor(check: () => boolean, what: string, deadlineMs = 5_000): Promise<void> {
  const until = performance.now() + deadlineMs;
  while (!check()) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface StreamReader {
  readonly status: number;
  readonly changes: Change[];
  readonly ids: number[];
  pings: number;
  ended: boolean;
  close(): void;
}

/** Opens the signed SSE stream and collects events in the background. */
export async function openChangeStream(t: TestGateway, terminal: Terminal, after = 0): Promise<StreamReader> {
  const path = `/v1/changes/stream?after=${after}`;
  const controller = new AbortController();
  const res = await fetch(`${t.url}${path}`, {
    headers: signHeaders(terminal, 'GET', path, '', t.clock.now()),
    signal: controller.signal,
  });
  const reader: StreamReader = {
    status: res.status,
    changes: [],
    ids: [],
    pings: 0,
    ended: false,
    close: () => controller.abort(),
  };
  if (res.status !== 200 || !res.body) {
    reader.ended = true;
    return reader;
  }
  const body = res.body.pipeThrough(new TextDecoderStream());
  void (async () => {
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block === ': ping') reader.pings++;
          const data = /^data: (.*)$/m.exec(block)?.[1];
          const id = /^id: (\d+)$/m.exec(block)?.[1];
          if (data !== undefined && id !== undefined && /^event: change$/m.test(block)) {
            reader.changes.push(changeSchema.parse(JSON.parse(data)));
            reader.ids.push(Number(id));
          }
        }
      }
    } catch {
      // aborted by close()
    } finally {
      reader.ended = true;
    }
  })();
  return reader;
}
