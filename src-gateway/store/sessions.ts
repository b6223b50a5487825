/**
 * Sandbox provider sessions: one per opened wallet page. Like a provider's trade, a session
 * stays payable for its own lifetime, independent of the order's expiry.
 */
import type Database from 'better-sqlite3';

export type SessionState = 'open' | 'used' | 'declined' | 'closed';

export interface SessionRow {
  readonly id: string;
  readonly order_id: string;
  readonly opened_at_ms: number;
  readonly expires_at_ms: number;
  readonly state: SessionState;
  readonly ended_at_ms: number | null;
}

export class SessionStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly endStmt;
  private readonly closeOpenStmt;
  private readonly countStmt;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO provider_sessions (id, order_id, opened_at_ms, expires_at_ms, state) VALUES (?, ?, ?, ?, 'open')`,
    );
    this.getStmt = db.prepare<[string], SessionRow>('SELECT * FROM provider_sessions WHERE id = ?');
    this.endStmt = db.prepare(
      `UPDATE provider_sessions SET state = ?, ended_at_ms = ? WHERE id = ? AND state = 'open'`,
    );
    this.closeOpenStmt = db.prepare(
      `UPDATE provider_sessions SET state = 'closed', ended_at_ms = ? WHERE order_id = ? AND state = 'open'`,
    );
    this.countStmt = db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM provider_sessions WHERE order_id = ?',
    );
  }

  open(id: string, orderId: string, openedAtMs: number, expiresAtMs: number): void {
    this.insertStmt.run(id, orderId, openedAtMs, expiresAtMs);
  }

  get(id: string): SessionRow | null {
    return this.getStmt.get(id) ?? null;
  }

  /** open → used | declined | closed; false when the session was not open. */
  end(id: string, state: Exclude<SessionState, 'open'>, nowMs: number): boolean {
    return this.endStmt.run(state, nowMs, id).changes === 1;
  }

  /** Closes every open session of the order (cancel, or another session paid). */
  closeAllOpen(orderId: string, nowMs: number): number {
    return this.closeOpenStmt.run(nowMs, orderId).changes;
  }

  countForOrder(orderId: string): number {
    return this.countStmt.get(orderId)?.n ?? 0;
  }
}
