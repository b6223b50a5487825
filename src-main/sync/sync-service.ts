import type { SyncStatusView } from '../../src-shared/api';
import {
  change as changeSchema,
  GATEWAY_PATHS,
  type Change,
  type GatewayRefund,
  type RefundRequest,
} from '../../src-shared/protocol/gateway';
import { err, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import type { ChangeApplier } from '../orders/apply-change';
import type { EventBus } from '../orders/events';
import type { OrderService } from '../orders/service';
import { backoffDelayMs, RECONNECT_BACKOFF } from './backoff';
import { ChangePoller } from './change-poller';
import { ConnectivityMonitor } from './connectivity';
import { GatewayClient, warmFetch, type FetchLike } from './gateway-client';
import { JournalPush, type JournalPushDeps } from './journal-push';
import { OrderAnnouncer } from './order-announcer';
import type { Outbox } from './outbox';
import { SingleFlight } from './single-flight';
import { openSse } from './sse-client';
import type { TerminalStore } from './terminal-store';
import type { Timers } from './timers';
import { feedRewound } from './feed-rewind';
import { SIGNATURE_HEADERS } from '../../src-shared/protocol/signing';

/** Changes asked for per poll page (the fallback when the stream is down). */
export const POLL_PAGE_SIZE = 500;
/** Pages per catch-up pass; the next pass continues. */
export const PULL_PAGES_MAX = 20;
/** On the polling path, an empty page asks for the feed's head at most this often. */
export const FEED_CHECK_EVERY_MS = 60_000;
/** No byte from the stream for this long (the gateway pings every 15 s) → reconnect. */
export const STREAM_SILENCE_MAX_MS = 45_000;

export interface SyncDeps {
  readonly clock: Clock;
  readonly randomBytes: (n: number) => Uint8Array;
  readonly random: () => number;
  readonly timers: Timers;
  readonly terminal: TerminalStore;
  readonly orders: OrderService;
  readonly applier: ChangeApplier;
  readonly events: EventBus;
  /** A refund's state changed from the feed (refunds/service.ts turns it into an event). */
  readonly onRefundChanged?: (refundId: string) => void;
  /** The change stream (re)opened: the gateway is reachable; re-send what waits for it. */
  readonly onConnected?: () => void;
  readonly outbox: Outbox;
  /** Extra fields for the status view (offline acceptance, issues). */
  readonly extraStatus?: () => Partial<SyncStatusView>;
  /** The HTTP client (the simulation injects a faulty network). */
  readonly fetch?: FetchLike;
  /** false: no live stream; the caller drives push and pull (simulation, crash harness). */
  readonly stream?: boolean;
  /** Entries per push (default JOURNAL_PUSH_BATCH_MAX); the simulation makes it small. */
  readonly pushBatchMax?: number;
  /** The gateway had lost entries it acknowledged; they are queued again (journal-push.ts). */
  readonly onJournalResent?: JournalPushDeps['onJournalResent'];
}

/**
 * Keeps this counter converged with its gateway: registers new orders, forwards cancels, and
 * applies the change feed pushed over SSE (reconnecting with backoff and jitter), pulled while
 * the stream is down (change-poller.ts).
 */
export class SyncService {
  readonly monitor: ConnectivityMonitor;
  private gateway: GatewayClient | null = null;
  private closeStream: (() => void) | null = null;
  private reconnectTimer: unknown = null;
  private watchdog: unknown = null;
  private attempts = 0;
  /** Changes in a row that could not be applied here: the stream's reconnect backs off meanwhile. */
  private applyFailures = 0;
  /** The stream is being closed by us for a reason already recorded: its close is not "unreachable". */
  private closingNamed = false;
  /** When the feed's head was last compared with the cursor on the polling path (at most once a minute). */
  private feedCheckedAtMs = Number.NEGATIVE_INFINITY;
  private running = false;
  private readonly announcer: OrderAnnouncer;
  private readonly registrations = new SingleFlight(() => this.announcer.pass());
  private readonly journalPush: JournalPush;
  /** Pulls the feed while the stream is down (change-poller.ts). */
  private readonly poller: ChangePoller;

  constructor(private readonly d: SyncDeps) {
    this.monitor = new ConnectivityMonitor(
      () => d.clock.now(),
      () => this.emitStatus(),
    );
    this.journalPush = new JournalPush({
      clock: d.clock,
      random: d.random,
      timers: d.timers,
      terminal: d.terminal,
      outbox: d.outbox,
      gateway: () => this.gateway,
      retriesTimed: () => this.running && d.stream !== false,
      emitStatus: () => this.emitStatus(),
      pushBatchMax: d.pushBatchMax,
      onJournalResent: d.onJournalResent,
    });
    this.poller = new ChangePoller({ timers: d.timers, random: d.random, pull: () => this.pullChanges() });
    this.announcer = new OrderAnnouncer({
      clock: d.clock,
      orders: d.orders,
      events: d.events,
      gateway: () => this.gateway,
      emitStatus: () => this.emitStatus(),
    });
  }

  client(): GatewayClient | null {
    return this.gateway;
  }

  /** (Re)connects to the paired gateway; call again after pairing changes. */
  start(): void {
    this.stop();
    const p = this.d.terminal.get();
    if (!p) return;
    this.running = true;
    const gw: GatewayClient = new GatewayClient(
      { baseUrl: p.gatewayUrl, terminalId: p.terminalId, secret: p.secret },
      {
        clock: this.d.clock,
        randomBytes: this.d.randomBytes,
        // A reply that lands after stop() (closing, re-pairing) belongs to a client that is gone:
        // it must not move connectivity or read the database, which may be closed by then.
        onOutcome: (o, code) => {
          if (this.gateway === gw) this.monitor.recordOutcome(o, code);
        },
        fetch: this.d.fetch,
      },
    );
    this.gateway = gw;
    if (!this.d.fetch) warmFetch();
    this.d.outbox.ensureTerminal(p.terminalId);
    this.journalPush.reset();
    this.monitor.reset();
    if (this.d.stream !== false) this.connect();
  }

  stop(): void {
    this.running = false;
    this.closeStream?.();
    this.closeStream = null;
    if (this.reconnectTimer) this.d.timers.clearTimeout(this.reconnectTimer);
    if (this.watchdog) this.d.timers.clearTimeout(this.watchdog);
    this.journalPush.stop();
    this.poller.stop();
    this.reconnectTimer = this.watchdog = null;
    this.gateway = null;
  }

  /**
   * Pushes the outbox to the gateway in seq order, batch after batch, until it is empty, the
   * gateway is unreachable (retried with backoff) or refuses the journal (stopped, named).
   */
  pushJournal(): Promise<void> {
    return this.journalPush.push();
  }

  /** Resolves when no registration or push pass is running (tests and the simulation). */
  async idle(): Promise<void> {
    while (this.journalPush.running() || this.registrations.running()) {
      await Promise.allSettled([this.journalPush.running(), this.registrations.running()]);
    }
  }

  /** The owner asks to try again after a refused push (e.g. after the gateway was fixed). */
  retryPush(): void {
    this.journalPush.retry();
  }

  /**
   * Pulls the change feed page by page from the cursor and applies it (the polling fallback
   * while the stream is down; the simulation uses it instead of the stream). `reached`: the
   * gateway answered; `complete`: the feed was read to its end.
   */
  async pullChanges(): Promise<{ applied: number; complete: boolean; reached: boolean }> {
    const gw = this.gateway;
    const p = this.d.terminal.get();
    if (!gw || !p) return { applied: 0, complete: false, reached: false };
    let applied = 0;
    let complete = false;
    let reached = false;
    for (let i = 0; i < PULL_PAGES_MAX; i++) {
      const after = this.d.applier.cursor(p.gatewayId);
      const r = await gw.changes(after, POLL_PAGE_SIZE);
      if (!r.ok || this.gateway !== gw) break;
      reached = true;
      if (i === 0 && r.value.changes.length === 0 && this.d.clock.now() - this.feedCheckedAtMs >= FEED_CHECK_EVERY_MS) {
        // Nothing after the cursor: also what a gateway restored from an older copy answers.
        this.feedCheckedAtMs = this.d.clock.now();
        if (await this.rewoundFeed(gw, p.gatewayId, after)) {
          this.closeNamed(); // a stream open meanwhile reads from beyond the feed too: reopened
          continue; // pulled again from where the gateway stands
        }
      }
      let failed = false;
      for (const c of r.value.changes) {
        const fresh = this.applyChange(p.gatewayId, p.terminalId, c);
        if (fresh === null) {
          failed = true; // the rest waits for the next pull, after a backoff: applied in order
          break;
        }
        if (fresh) applied++;
      }
      if (failed) {
        reached = false;
        break;
      }
      if (!r.value.more) {
        complete = true;
        break;
      }
    }
    if (applied > 0) void this.pushJournal();
    return { applied, complete, reached };
  }

  /**
   * Registers waiting orders with the gateway and tells it of cancels made here; one pass at a
   * time, repeated if asked meanwhile. Runs on each new order and cancel and when the stream opens.
   */
  flushRegistrations(): Promise<void> {
    return this.registrations.run();
  }

  /** Sends a refund request (idempotent by refund id at the gateway). */
  async forwardRefund(orderId: string, req: RefundRequest): Promise<Result<GatewayRefund>> {
    const gw = this.gateway;
    if (!gw) return err('not_paired', 'no gateway connection');
    return gw.refund(orderId, req);
  }

  status(): SyncStatusView {
    const p = this.d.terminal.get();
    const pending = this.d.outbox.pending();
    return {
      connectivity: p ? this.monitor.state() : 'offline',
      paired: p !== null,
      gatewayUrl: p?.gatewayUrl ?? null,
      lastSuccessAtMs: this.monitor.lastSuccessAtMs(),
      lastErrorCode: p ? this.monitor.lastErrorCode() : 'not_paired',
      unsyncedEntries: pending.count,
      oldestUnsyncedAtMs: pending.oldestAtMs,
      unregisteredOrders: this.d.orders.repo.countUnregistered.get()?.n ?? 0,
      pushErrorCode: this.journalPush.errorCode(),
      ...this.d.extraStatus?.(),
    };
  }

  private emitStatus(): void {
    this.d.events.emit('sync.status', this.status());
  }

  private connect(): void {
    const p = this.d.terminal.get();
    const gw = this.gateway;
    if (!this.running || !p || !gw) return;
    const cursor = this.d.applier.cursor(p.gatewayId);
    const path = `${GATEWAY_PATHS.changesStream}?after=${cursor}`;
    const headers = gw.signedHeaders('GET', path);
    const nonce = headers[SIGNATURE_HEADERS.nonce]!;
    this.closeStream = openSse(p.gatewayUrl + path, headers, {
      onOpen: () => {
        this.attempts = 0;
        this.poller.stop(); // the stream replays everything after the cursor
        this.monitor.setStream(true);
        this.armWatchdog();
        // A gateway restored from an older copy streams from a cursor beyond its feed: nothing,
        // ever. Asked at each opening; if so, the stream reopens from where the gateway stands.
        // Compared with this stream's own cursor: a rewind noticed meanwhile by a pull leaves the
        // marks forgotten, but this stream still reads from beyond the gateway's feed.
        void this.rewoundFeed(gw, p.gatewayId, cursor)
          .then((rewound) => {
            if (rewound && this.gateway === gw) this.closeNamed();
          })
          .catch((e: unknown) => this.localFault('the feed check', e));
        void this.flushRegistrations();
        this.d.onConnected?.();
        void this.pushJournal();
      },
      onActivity: () => this.armWatchdog(),
      onEvent: (e) => {
        if (e.event !== 'change') return;
        if (!gw.eventAuthentic(nonce, e.data, e.sig)) {
          // Not the gateway's word (forged on the shop's network, or a stream not from it).
          console.error('sync: a change event without the gateway’s signature; reconnecting');
          this.monitor.recordOutcome('server_error', 'gateway_bad_reply');
          this.closeNamed();
          return;
        }
        this.handleChange(p.gatewayId, p.terminalId, e.data);
      },
      onClose: (_reason, status) => {
        this.closeStream = null;
        this.monitor.setStream(false);
        if (this.closingNamed) this.closingNamed = false;
        else if (status === null) this.monitor.recordOutcome('unreachable');
        else if (status >= 500) this.monitor.recordOutcome('server_error');
        else if (status === 401) this.explainRefusal(gw, cursor);
        else if (status !== 200) this.monitor.recordOutcome('client_error', 'gateway_rejected');
        if (this.running) this.poller.start(); // payments still reach the screen while it is down
        this.scheduleReconnect();
      },
    });
  }

  /**
   * The stream was refused (401): ask once with a plain signed request, whose reply carries the
   * reason (e.g. `terminal_revoked`), so the status bar can say why rather than "unauthorized".
   */
  private explainRefusal(gw: GatewayClient, cursor: number): void {
    this.monitor.recordOutcome('client_error', 'unauthorized');
    void gw.changes(cursor, 1).then((r) => {
      // answered after a stop or a re-pair: about a connection no longer in use
      if (this.gateway !== gw) return;
      if (!r.ok && r.error.code !== 'gateway_unreachable') {
        this.monitor.recordOutcome('client_error', r.error.code);
        this.emitStatus();
      }
    });
  }

  private handleChange(gatewayId: string, terminalId: string, data: string): void {
    let parsed;
    try {
      parsed = changeSchema.safeParse(JSON.parse(data));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      console.error('sync: the gateway sent a change this console cannot read; reconnecting');
      this.monitor.recordOutcome('server_error', 'gateway_bad_reply');
      this.closeNamed();
      return;
    }
    const fresh = this.applyChange(gatewayId, terminalId, parsed.data);
    if (fresh === null) {
      // Not applied (rolled back): the stream is reopened after a backoff that grows while it
      // fails, and replays from the cursor, this change first.
      this.attempts = this.applyFailures;
      this.closeNamed();
      return;
    }
    if (fresh) void this.pushJournal();
  }

  /**
   * One change from the stream or a pull, applied once by its id; the window told. True if new,
   * false if applied before, null if it could not be applied here (its transaction rolled back;
   * named in the status, logged, and tried again later: the cursor has not moved past it).
   */
  private applyChange(gatewayId: string, terminalId: string, change: Change): boolean | null {
    let outcome;
    try {
      outcome = this.d.applier.apply(gatewayId, terminalId, change);
    } catch (e) {
      this.applyFailures++;
      this.localFault(`change ${change.change_id} (${change.type}), will retry`, e);
      return null;
    }
    this.applyFailures = 0;
    if (outcome.kind !== 'applied') return false;
    if (outcome.orderId !== null) {
      const view = this.d.orders.get(outcome.orderId);
      if (view.ok) this.d.events.emit('order.updated', view.value);
    }
    if (change.type === 'refund.updated') this.d.onRefundChanged?.(change.refund_id);
    return true;
  }

  private rewoundFeed(gw: GatewayClient, gatewayId: string, cursorAsked: number): Promise<boolean> {
    return feedRewound(gw, this.d.applier, gatewayId, cursorAsked, () => this.gateway === gw);
  }

  /**
   * A fault here (the database threw): logged and named in the status. Telling the window reads
   * the database too, which may throw again (a damaged file): that is only logged, never thrown
   * from a stream's data handler or a timer.
   */
  private localFault(what: string, e: unknown): void {
    console.error(`sync: ${what} failed here: ${e instanceof Error ? e.message : String(e)}`);
    try {
      this.monitor.recordOutcome('server_error', 'sync_local_error');
    } catch (again) {
      console.error(
        `sync: the status could not be told either: ${again instanceof Error ? again.message : String(again)}`,
      );
    }
  }

  /** Closes the stream after the reason was recorded (the close itself records nothing more). */
  private closeNamed(): void {
    if (!this.closeStream) return;
    this.closingNamed = true;
    this.closeStream();
  }

  private armWatchdog(): void {
    if (this.watchdog) this.d.timers.clearTimeout(this.watchdog);
    this.watchdog = this.d.timers.setTimeout(() => {
      this.watchdog = null;
      this.closeStream?.();
    }, STREAM_SILENCE_MAX_MS);
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    if (this.watchdog) this.d.timers.clearTimeout(this.watchdog);
    const delay = backoffDelayMs(this.attempts++, RECONNECT_BACKOFF, this.d.random);
    this.reconnectTimer = this.d.timers.setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }
}
