import type { Db } from '../db/connection';

export type IssueKind = 'offline_unconfirmed' | 'payment_unknown_order';

export interface IssueRow {
  id: number;
  kind: IssueKind;
  order_id: string;
  amount_minor: number;
  currency: string;
  detail: string;
  detected_at_ms: number;
  resolved_at_ms: number | null;
}

/** The sync issues list shows at most this many (newest first); the count covers all. */
export const ISSUES_LIST_MAX = 500;

/** Disagreements between the console and the gateway, kept for the owner (never deleted). */
export class IssueStore {
  private readonly recordStmt;
  private readonly resolveStmt;
  private readonly listStmt;
  private readonly openCountStmt;

  constructor(db: Db) {
    this.recordStmt = db.prepare(
      `INSERT INTO sync_issues (kind, order_id, amount_minor, currency, detail, detected_at_ms)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(kind, order_id) DO UPDATE SET resolved_at_ms = NULL, detail = excluded.detail
       WHERE resolved_at_ms IS NOT NULL`,
    );
    this.resolveStmt = db.prepare(
      'UPDATE sync_issues SET resolved_at_ms = ? WHERE kind = ? AND order_id = ? AND resolved_at_ms IS NULL',
    );
    this.listStmt = db.prepare<[number], IssueRow>(
      'SELECT * FROM sync_issues ORDER BY resolved_at_ms IS NULL DESC, detected_at_ms DESC LIMIT ?',
    );
    this.openCountStmt = db.prepare<[], { n: number }>(
      'SELECT COUNT(*) AS n FROM sync_issues WHERE resolved_at_ms IS NULL',
    );
  }

  /**
   * Inside the caller's transaction. Recording an open issue again changes nothing; true when
   * the issue is new or opened again.
   */
  record(
    kind: IssueKind,
    orderId: string,
    amountMinor: number,
    currency: string,
    detail: string,
    nowMs: number,
  ): boolean {
    return this.recordStmt.run(kind, orderId, amountMinor, currency, detail, nowMs).changes > 0;
  }

  resolve(kind: IssueKind, orderId: string, nowMs: number): void {
    this.resolveStmt.run(nowMs, kind, orderId);
  }

  list(): IssueRow[] {
    return this.listStmt.all(ISSUES_LIST_MAX);
  }

  openCount(): number {
    return this.openCountStmt.get()!.n;
  }
}
