import type { SyncStatusView } from '../../src-shared/api';
import type { Change, GatewayRefund, RefundRequest } from '../../src-shared/protocol/gateway';
import { err, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import type { ChangeApplier } from '../orders/apply-change';
import type { EventBus } from '../orders/events';
import type { OrderService } from '../orders/service';
import { ChangePoller } from './change-poller';
import { ChangeStream } from './change-stream';
import { ConnectivityMonitor } from './connectivity';
import { GatewayClient, warmFetch, type FetchLike } from './gateway-client';
import { JournalPush, type JournalPushDeps } from './journal-push';
import { OrderAnnouncer } from './order-announcer';
import type { Outbox } from './outbox';
import { SingleFlight } from './single-flight';
import type { TerminalStore } from './terminal-store';
import type { Timers } from './timers';
import { feedRewound } from './feed-rewind';

/** Changes asked for per poll page (the fallback when the stream is down). */
export const POLL_PAGE_SIZE = 500;
/** Pages per catch-up pass; the next pass continues. */
export const PULL_PAGES_MAX = 20;
/** On the polling path, an empty page asks for the feed's head at most this often. */
export const FEED_CHECK_EVERY_MS = 60_000;

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
  /** Changes in a row that could not be applied here: the stream's reconnect backs off meanwhile. */
  private applyFailures = 0;
  /** When the feed's head was last compared with the cursor on the polling path (at most once a minute). */
  private feedCheckedAtMs = Number.NEGATIVE_INFINITY;
  private running = false;
  private readonly announcer: OrderAnnouncer;
  private readonly registrations = new SingleFlight(() => this.announcer.pass());
  private readonly journalPush: JournalPush;
  /** Pulls the feed while the stream is down (change-poller.ts). */
  private readonly poller: ChangePoller;
  /** The live change stream (change-stream.ts). */
  private readonly stream: ChangeStream;

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
    this.stream = new ChangeStream({
      timers: d.timers,
      random: d.random,
      monitor: this.monitor,
      applier: d.applier,
      connection: () => {
        const pairing = d.terminal.get();
        return this.gateway && pairing ? { gw: this.gateway, pairing } : null;
      },
      opened: () => {
        this.poller.stop(); // the stream replays everything after the cursor
        void this.flushRegistrations();
        d.onConnected?.();
        void this.pushJournal();
      },
      down: () => this.poller.start(),
      apply: (gatewayId, terminalId, change) => this.applyChange(gatewayId, terminalId, change),
      applyFailures: () => this.applyFailures,
      applied: () => void this.pushJournal(),
      emitStatus: () => this.emitStatus(),
      localFault: (what, e) => this.localFault(what, e),
    });
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
    if (this.d.stream !== false) this.stream.start();
  }

  stop(): void {
    this.running = false;
    this.stream.stop();
    this.journalPush.stop();
    this.poller.stop();
    this.gateway = null;
  }

  /**
   * Pushes the outbox to the gateway in seq order, batch after batch, until it is empty, the
   * gateway is unreachable (retried with backoff) or refuses the journal (stopped, named).
   */
  pushJournal(): Promise<void> {
    return this.journalPush.push();
  }

  /**
   * A journal entry was written here (inside its transaction): pushed shortly. Cash sales, paid
   * in/out and shift entries have no gateway traffic of their own to carry them.
   */
  journalWritten(): void {
    if (this.running) this.journalPush.soon();
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
        if (await feedRewound(gw, this.d.applier, p.gatewayId, after, () => this.gateway === gw)) {
          this.stream.closeNamed(); // a stream open meanwhile reads from beyond the feed too: reopened
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
}
