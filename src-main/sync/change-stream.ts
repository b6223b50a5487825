/**
 * The live change stream (SSE) from the paired gateway: opened, watched for silence, reopened
 * with backoff and jitter after it drops, each event checked (the gateway's signature, then the
 * protocol) before it is handed over to be applied. Part of SyncService, which owns the
 * connection and applies changes; kept apart because it has its own state and timers.
 */
import { change as changeSchema, GATEWAY_PATHS, type Change } from '../../src-shared/protocol/gateway';
import { SIGNATURE_HEADERS } from '../../src-shared/protocol/signing';
import type { ChangeApplier } from '../orders/apply-change';
import { backoffDelayMs, RECONNECT_BACKOFF } from './backoff';
import type { ConnectivityMonitor } from './connectivity';
import { feedRewound } from './feed-rewind';
import type { GatewayClient } from './gateway-client';
import { openSse } from './sse-client';
import type { Pairing } from './terminal-store';
import type { Timers } from './timers';

/** No byte from the stream for this long (the gateway pings every 15 s) → reconnect. */
export const STREAM_SILENCE_MAX_MS = 45_000;

export interface ChangeStreamDeps {
  readonly timers: Timers;
  readonly random: () => number;
  readonly monitor: ConnectivityMonitor;
  readonly applier: ChangeApplier;
  /** The connection in use and the pairing it belongs to; null when sync is stopped. */
  readonly connection: () => { readonly gw: GatewayClient; readonly pairing: Pairing } | null;
  /** The stream opened: it replays from the cursor (the caller stops polling, announces, pushes). */
  readonly opened: () => void;
  /** The stream is down (the caller polls meanwhile). */
  readonly down: () => void;
  /** One verified change: true if new, false if known, null if it could not be applied here. */
  readonly apply: (gatewayId: string, terminalId: string, change: Change) => boolean | null;
  /** Changes in a row that could not be applied here: the reconnect backs off by them. */
  readonly applyFailures: () => number;
  /** A change was applied: its journal entry goes up. */
  readonly applied: () => void;
  readonly emitStatus: () => void;
  /** A fault here (the database threw): logged and named. */
  readonly localFault: (what: string, e: unknown) => void;
}

export class ChangeStream {
  private closeStream: (() => void) | null = null;
  private reconnectTimer: unknown = null;
  private watchdog: unknown = null;
  private attempts = 0;
  /** The stream is being closed by us for a reason already recorded: its close is not "unreachable". */
  private closingNamed = false;
  private running = false;

  constructor(private readonly d: ChangeStreamDeps) {}

  start(): void {
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    this.closeStream?.();
    this.closeStream = null;
    if (this.reconnectTimer) this.d.timers.clearTimeout(this.reconnectTimer);
    if (this.watchdog) this.d.timers.clearTimeout(this.watchdog);
    this.reconnectTimer = this.watchdog = null;
  }

  /** Closes the stream after the reason was recorded (the close itself records nothing more). */
  closeNamed(): void {
    if (!this.closeStream) return;
    this.closingNamed = true;
    this.closeStream();
  }

  private connect(): void {
    const c = this.d.connection();
    if (!this.running || !c) return;
    const { gw, pairing: p } = c;
    const cursor = this.d.applier.cursor(p.gatewayId);
    const path = `${GATEWAY_PATHS.changesStream}?after=${cursor}`;
    const headers = gw.signedHeaders('GET', path);
    const nonce = headers[SIGNATURE_HEADERS.nonce]!;
    const current = () => this.d.connection()?.gw === gw;
    this.closeStream = openSse(p.gatewayUrl + path, headers, {
      onOpen: () => {
        this.attempts = 0;
        this.d.monitor.setStream(true);
        this.armWatchdog();
        // A gateway restored from an older copy streams from a cursor beyond its feed: nothing,
        // ever. Asked at each opening; if so, the stream reopens from where the gateway stands.
        // Compared with this stream's own cursor: a rewind noticed meanwhile by a pull leaves the
        // marks forgotten, but this stream still reads from beyond the gateway's feed.
        void feedRewound(gw, this.d.applier, p.gatewayId, cursor, current)
          .then((rewound) => {
            if (rewound && current()) this.closeNamed();
          })
          .catch((e: unknown) => this.d.localFault('the feed check', e));
        this.d.opened();
      },
      onActivity: () => {
        this.armWatchdog();
        this.d.monitor.streamAlive();
      },
      onEvent: (e) => {
        if (e.event !== 'change') return;
        if (!gw.eventAuthentic(nonce, e.data, e.sig)) {
          // Not the gateway's word (forged on the shop's network, or a stream not from it).
          console.error('sync: a change event without the gateway’s signature; reconnecting');
          this.d.monitor.recordOutcome('server_error', 'gateway_bad_reply');
          this.closeNamed();
          return;
        }
        this.handleChange(p.gatewayId, p.terminalId, e.data);
      },
      onClose: (_reason, status) => {
        this.closeStream = null;
        this.d.monitor.setStream(false);
        if (this.closingNamed) this.closingNamed = false;
        else if (status === null) this.d.monitor.recordOutcome('unreachable');
        else if (status >= 500) this.d.monitor.recordOutcome('server_error');
        else if (status === 401) this.explainRefusal(gw, cursor, current);
        else if (status === 426) this.d.monitor.recordOutcome('client_error', 'console_outdated');
        else if (status !== 200) this.d.monitor.recordOutcome('client_error', 'gateway_rejected');
        if (this.running) this.d.down(); // payments still reach the screen while it is down
        this.scheduleReconnect();
      },
    });
  }

  /**
   * The stream was refused (401): ask once with a plain signed request, whose reply carries the
   * reason (e.g. `terminal_revoked`), so the status bar can say why rather than "unauthorized".
   */
  private explainRefusal(gw: GatewayClient, cursor: number, current: () => boolean): void {
    this.d.monitor.recordOutcome('client_error', 'unauthorized');
    void gw.changes(cursor, 1).then((r) => {
      // answered after a stop or a re-pair: about a connection no longer in use
      if (!current()) return;
      if (!r.ok && r.error.code !== 'gateway_unreachable') {
        this.d.monitor.recordOutcome('client_error', r.error.code);
        this.d.emitStatus();
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
      this.d.monitor.recordOutcome('server_error', 'gateway_bad_reply');
      this.closeNamed();
      return;
    }
    const fresh = this.d.apply(gatewayId, terminalId, parsed.data);
    if (fresh === null) {
      // Not applied (rolled back): the stream is reopened after a backoff that grows while it
      // fails, and replays from the cursor, this change first.
      this.attempts = this.d.applyFailures();
      this.closeNamed();
      return;
    }
    if (fresh) this.d.applied();
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
