/**
 * The gateway's composition: database, master key, services, routes and the HTTP server.
 * `startGateway` is the one public entry point; the clock and randomness come from the caller.
 */
import { effectiveStatus } from './store/orders';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isCurrency, type Currency } from '../src-shared/money';
import type { Clock } from '../src-shared/time';
import { randomCrockford, type RandomBytes } from './crypto';
import { createCore, loadOrCreateGatewayId, type GatewayIdentity } from './core';
import { openGatewayDb } from './db/open';
import { createDispatcher } from './http/router';
import {
  MAINTENANCE_INTERVAL_MS,
  PAIR_FAILURE_WINDOW_MS,
  PAIR_FAILURES_GLOBAL_MAX,
  PAIR_FAILURES_PER_IP_MAX,
  RATE_LIMIT_KEYS_MAX,
  REQUEST_TIMEOUT_MS,
  SSE_PAGE_SIZE,
  SSE_PING_INTERVAL_MS,
  SSE_STREAMS_PER_TERMINAL_MAX,
  SSE_STREAMS_TOTAL_MAX,
  TERMINAL_BURST_MAX,
  TERMINAL_REFILL_PER_S,
} from './limits';
import { stderrLog, type GatewayLog } from './log';
import { FailureWindows, TokenBuckets } from './rate-limit';
import { JournalLinesIntake } from './journal/lines-intake';
import { JournalIntake } from './journal/service';
import type { JournalHead } from './journal/store';
import type { JournalEntryWire } from '../src-shared/protocol/gateway';
import { buildRoutes } from './routes/table';
import { loadOrCreateMasterKey, MASTER_KEY_BYTES } from './secret-box';
import { OrderService } from './services/orders';
import { PairingService } from './services/pairing';
import { RefundService } from './services/refunds';
import { SandboxWallet } from './services/sandbox-wallet';
import { SettlementService } from './services/settlement';
import { ChangeStreams } from './sse/change-streams';
import { validateOptions } from './options';
import { AlipayBills } from './alipay/bills';
import { AlipayClient } from './alipay/client';
import { AlipayConfigError, resolveAlipaySettings, type AlipaySettingsInput } from './alipay/config';
import { AlipayProvider } from './alipay/provider';
import { AlipayQr } from './alipay/qr-handoff';
import { AlipayRefunds } from './alipay/refunds';
import { ChargeService } from './services/charges';
import { SandboxCodes } from './services/sandbox-codes';
import { POLL_TICK_MS } from './services/trade-schedule';

export interface GatewayOptions {
  dbPath: string; // SQLite file (or ':memory:')
  clock: Clock; // from src-shared/time
  randomBytes: (n: number) => Uint8Array;
  merchantName: string;
  currency: Currency; // from src-shared/money
  publicUrl?: string; // base of QR URLs; defaults to the listen URL
  keyFilePath?: string; // master key file; default `${dbPath}.key` (not for :memory:, then in-memory key)
  host?: string; // default 127.0.0.1
  port?: number; // default 0 (ephemeral)
  /** Where human log lines go; default stderr. */
  log?: GatewayLog;
  /** Expiry and pruning interval; default MAINTENANCE_INTERVAL_MS; 0: only when `maintain()` is called (simulation). */
  maintenanceIntervalMs?: number;
  /** SSE keep-alive comment interval; default SSE_PING_INTERVAL_MS (tests shorten it). */
  ssePingIntervalMs?: number;
  /** Alipay face-to-face; absent: the sandbox provider (demo) handles QR scans and payment codes. */
  alipay?: AlipaySettingsInput;
  /** How often due provider trades are queried; default POLL_TICK_MS (tests shorten it). */
  providerPollIntervalMs?: number;
  /**
   * How long a journal batch that arrived before the one it follows waits for it; default
   * JOURNAL_AHEAD_WAIT_MS; 0: answered journal_ahead at once (the simulation's FIFO network).
   */
  journalAheadWaitMs?: number;
}

/** What the refunds and reconciliation sides call on the Alipay provider. */
export interface AlipayOperations {
  readonly refunds: AlipayRefunds;
  readonly bills: AlipayBills;
}

export interface RunningGateway {
  readonly url: string; // e.g. http://127.0.0.1:34567
  issuePairingCode(): string; // 8 digits, one-time, expires in 10 min
  /** Makes this 8-digit code valid once for 10 min (the console's embedded demo gateway). */
  registerPairingCode(code: string): void;
  /** Stops a terminal from signing; false when unknown or already revoked. */
  revokeTerminal(terminalId: string): boolean;
  /** Present when Alipay is configured. */
  readonly alipay: AlipayOperations | null;
  close(): Promise<void>; // closes SSE streams, the server and the db
  /** One maintenance step now: close expired orders, prune nonces and codes. */
  maintain(): void;
  /** Read-only views for audits and tests: a terminal's received journal and its paid orders. */
  readonly audit: GatewayAudit;
}

export interface GatewayAudit {
  journal(terminalId: string): JournalEntryWire[];
  journalHead(terminalId: string): JournalHead;
  /** Journal batches waiting for the one before them (lines-intake.ts). */
  journalWaiting(): number;
  paidOrders(terminalId: string): { order_id: string; amount_minor: number; provider_trade_no: string }[];
  /** An order's status as a terminal would read it now (expiry applied), or null if unknown here. */
  orderStatus(orderId: string): string | null;
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  validateOptions(opts);
  if (!isCurrency(opts.currency)) throw new Error('assertion failed: currency');
  const log = opts.log ?? stderrLog;
  const randomBytes: RandomBytes = opts.randomBytes;
  // Keys are parsed before anything opens: a key that does not parse stops the start, clearly.
  const alipaySettings = opts.alipay ? resolveAlipaySettings(opts.alipay) : null;
  if (alipaySettings && opts.currency !== 'CNY') throw new AlipayConfigError('Alipay face-to-face takes CNY only');
  const db = openGatewayDb(opts.dbPath);
  let startedStreams: ChangeStreams | null = null;
  try {
    const masterKey =
      opts.dbPath === ':memory:' && opts.keyFilePath === undefined
        ? Buffer.from(randomBytes(MASTER_KEY_BYTES))
        : loadOrCreateMasterKey(opts.keyFilePath ?? `${opts.dbPath}.key`, randomBytes);
    const identity: GatewayIdentity = {
      gatewayId: loadOrCreateGatewayId(db, () => `gw-${randomCrockford(randomBytes, 16)}`),
      merchantName: opts.merchantName,
      currency: opts.currency,
      publicUrl: '',
    };
    let streams: ChangeStreams | null = null;
    const core = createCore({
      db,
      masterKey,
      clock: opts.clock,
      randomBytes,
      log,
      identity,
      changesCommitted: (terminalId) => streams?.wake(terminalId),
    });
    streams = new ChangeStreams({
      fetchAfter: (terminalId, afterId, limit) => core.changes.after(terminalId, afterId, limit),
      pageSize: SSE_PAGE_SIZE,
      pingIntervalMs: opts.ssePingIntervalMs ?? SSE_PING_INTERVAL_MS,
      perTerminalMax: SSE_STREAMS_PER_TERMINAL_MAX,
      totalMax: SSE_STREAMS_TOTAL_MAX,
      log,
    });
    startedStreams = streams;
    const pairing = new PairingService(core);
    const orders = new OrderService(core);
    const alipayClient = alipaySettings ? new AlipayClient(alipaySettings) : null;
    const alipayProvider = alipayClient
      ? new AlipayProvider(alipayClient, () => alipaySettings?.notifyUrl ?? `${identity.publicUrl}/alipay/notify`)
      : null;
    const charges = new ChargeService(core, alipayProvider ?? new SandboxCodes(randomBytes));
    const alipay =
      alipayClient && alipayProvider
        ? {
            client: alipayClient,
            qr: new AlipayQr(core, alipayProvider),
            bills: new AlipayBills(core, alipayProvider),
            refunds: new AlipayRefunds(core, alipayProvider),
          }
        : null;
    const refunds = new RefundService(core, alipay?.refunds ?? null);
    const settlement = new SettlementService(core);
    const journalLines = new JournalLinesIntake(db, opts.clock, core.journal, opts.journalAheadWaitMs);
    const routes = buildRoutes({
      charges,
      alipay,
      core,
      pairing,
      orders,
      refunds,
      wallet: new SandboxWallet(core),
      streams,
      journal: new JournalIntake(db, opts.clock, core.journal),
      journalLines,
      terminalLimits: new TokenBuckets(TERMINAL_BURST_MAX, TERMINAL_REFILL_PER_S, RATE_LIMIT_KEYS_MAX),
      pairFailuresPerIp: new FailureWindows(PAIR_FAILURES_PER_IP_MAX, PAIR_FAILURE_WINDOW_MS, RATE_LIMIT_KEYS_MAX),
      pairFailuresGlobal: new FailureWindows(PAIR_FAILURES_GLOBAL_MAX, PAIR_FAILURE_WINDOW_MS, 1),
    });
    const server = createServer(
      { requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS },
      createDispatcher(routes, log),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;
    identity.publicUrl = (opts.publicUrl ?? url).replace(/\/+$/, '');

    let refunding: Promise<unknown> | null = null;
    const maintain = (): void => {
      try {
        const now = opts.clock.now();
        orders.sweepExpired();
        refunds.executeAccepted();
        if (alipay && !refunding) {
          refunding = refunds
            .executeAlipay()
            .catch((e: unknown) => log.error('alipay refund step failed', e))
            .finally(() => {
              refunding = null;
            });
        }
        settlement.settleDue();
        core.nonces.prune(now);
        core.pairingCodes.prune(now);
      } catch (e) {
        log.error('maintenance step failed', e);
      }
    };
    maintain();
    const intervalMs = opts.maintenanceIntervalMs ?? MAINTENANCE_INTERVAL_MS;
    const maintenance = intervalMs > 0 ? setInterval(maintain, intervalMs) : null;
    maintenance?.unref();
    let polling: Promise<unknown> = Promise.resolve();
    const poller = setInterval(() => {
      polling = charges.pollDue().catch((e: unknown) => log.error('provider poll step failed', e));
    }, opts.providerPollIntervalMs ?? POLL_TICK_MS);
    poller.unref();
    log.info(`listening on ${url} (public ${identity.publicUrl}), merchant "${identity.merchantName}"`);

    let closing: Promise<void> | null = null;
    const paidStmt = db.prepare<[string], { order_id: string; amount_minor: number; provider_trade_no: string }>(
      `SELECT order_id, amount_minor, provider_trade_no FROM orders WHERE terminal_id = ? AND status = 'paid'
       ORDER BY order_id`,
    );
    const running: RunningGateway = {
      url,
      maintain,
      audit: {
        journal: (terminalId) => core.journal.all(terminalId),
        journalHead: (terminalId) => core.journal.head(terminalId),
        journalWaiting: () => journalLines.waiting(),
        paidOrders: (terminalId) => paidStmt.all(terminalId),
        orderStatus: (orderId) => {
          const row = core.orders.get(orderId);
          return row ? effectiveStatus(row, opts.clock.now()) : null;
        },
      },
      issuePairingCode: () => pairing.issueCode(),
      registerPairingCode: (code) => pairing.registerCode(code),
      alipay: alipay ? { refunds: alipay.refunds, bills: alipay.bills } : null,
      revokeTerminal: (terminalId) => {
        const revoked = core.terminals.revoke(terminalId, opts.clock.now());
        if (revoked) streams.closeTerminal(terminalId);
        return revoked;
      },
      close: () => {
        closing ??= new Promise<void>((resolve) => {
          if (maintenance) clearInterval(maintenance);
          clearInterval(poller);
          streams.closeAll();
          server.close(() => {
            void Promise.all([polling, refunding]).finally(() => {
              db.close();
              log.info('stopped');
              resolve();
            });
          });
          server.closeAllConnections();
        });
        return closing;
      },
    };
    return running;
  } catch (e) {
    startedStreams?.closeAll();
    if (db.open) db.close();
    throw e;
  }
}
