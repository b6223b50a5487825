import type { Connectivity } from '../../src-shared/api';
import type { Outcome } from './gateway-client';

/** Requests that fail to reach the gateway in a row before we call it offline. */
export const OFFLINE_AFTER_UNREACHABLE = 2;
/** How often the open stream's heartbeat moves "last sync" on screen, at most. */
export const ALIVE_TOLD_EVERY_MS = 5_000;

/**
 * Connectivity as the UI shows it, driven only by real outcomes: requests and the live stream.
 * online: the stream is open and requests succeed; offline: the gateway cannot be reached;
 * degraded: anything in between (stream down but requests answer, or the gateway errs).
 */
export class ConnectivityMonitor {
  private streamOpen = false;
  private unreachableInARow = 0;
  private lastOutcome: Outcome | null = null;
  private lastSuccess: number | null = null;
  private lastError: string | null = null;
  private aliveToldAtMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number,
    private readonly onChange: () => void,
  ) {}

  recordOutcome(outcome: Outcome, errorCode?: string): void {
    const before = this.state();
    this.lastOutcome = outcome;
    if (outcome === 'unreachable') this.unreachableInARow++;
    else this.unreachableInARow = 0;
    if (outcome === 'ok' || outcome === 'client_error') this.lastSuccess = this.now();
    if (outcome === 'ok') this.lastError = null;
    else if (outcome === 'unreachable') this.lastError = 'gateway_unreachable';
    else if (errorCode) this.lastError = errorCode;
    else if (outcome === 'server_error') this.lastError = 'gateway_rejected';
    if (before !== this.state() || outcome !== 'ok') this.onChange();
  }

  setStream(open: boolean): void {
    if (open === this.streamOpen) return;
    this.streamOpen = open;
    if (open) {
      // The stream opening is itself an answer from the gateway: it supersedes a request that
      // failed before it (else a quiet counter read 'degraded' until its next request).
      this.lastOutcome = 'ok';
      this.unreachableInARow = 0;
      this.lastSuccess = this.now();
      this.lastError = null;
    }
    this.onChange();
  }

  /**
   * The open stream showed the gateway is there (an event or its heartbeat, every 15 s): the
   * last contact moves, so "last sync" on a quiet, connected counter does not read as minutes
   * without the gateway.
   */
  streamAlive(): void {
    if (!this.streamOpen) return;
    const now = this.now();
    this.lastSuccess = now;
    // Said at most every few seconds: a catch-up burst is many chunks, each one "alive".
    if (now - this.aliveToldAtMs < ALIVE_TOLD_EVERY_MS) return;
    this.aliveToldAtMs = now;
    this.onChange();
  }

  /** Forget everything (a new pairing). */
  reset(): void {
    this.streamOpen = false;
    this.unreachableInARow = 0;
    this.lastOutcome = null;
    this.lastSuccess = null;
    this.lastError = null;
    this.onChange();
  }

  state(): Connectivity {
    if (this.unreachableInARow >= OFFLINE_AFTER_UNREACHABLE) return 'offline';
    if (this.lastOutcome === null && !this.streamOpen) return 'offline';
    if (this.streamOpen && this.lastOutcome !== 'server_error' && this.lastOutcome !== 'unreachable') return 'online';
    return 'degraded';
  }

  lastSuccessAtMs(): number | null {
    return this.lastSuccess;
  }

  lastErrorCode(): string | null {
    return this.lastError;
  }
}
