import type { Db } from '../db/connection';

export type IssueKind = 'offline_unconfirmed' | 'payment_unknown_order' | 'offline_amount_mismatch';

/** Kinds the owner closes by hand once handled; `offline_unconfirmed` closes only when the gateway confirms. */
export const OWNER_HANDLED_KINDS: ReadonlySet<IssueKind> = new Set([
  'payment_unknown_order',
  'offline_amount_mismatch',
]);

export interface IssueRow {
  id: number;
  kind: IssueKind;
  order_id: string;
  amount_minor: number;
  currency: string;
  detail: string;
  detected_at_ms: number;
  resolved_at_ms: number | null;
  /** offline_amount_mismatch: what the gateway reported, beside ours. */
  gateway_amount_minor: number | null;
  gateway_currency: string | null;
  /** The owner who marked it handled; null if the gateway resolved it, or while open. */
  resolved_by: string | null;
}

/** The sync issues list shows at most this many (newest first); the count covers all. */
export const ISSUES_LIST_MAX = 500;

/** Disagreements between the console and the gateway, kept for the owner (never deleted). */
export class IssueStore {
  private readonly recordStmt;
  private readonly resolveStmt;
  private readonly listStmt;
  private readonly openCountStmt;
  private readonly byIdStmt;
  private readonly handleStmt;
  private readonly handleForStmt;
  private readonly openStmt;

  constructor(db: Db) {
    this.recordStmt = db.prepare(
      `INSERT INTO sync_issues (kind, order_id, amount_minor, currency, detail, detected_at_ms,
         gateway_amount_minor, gateway_currency)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(kind, order_id) DO UPDATE SET resolved_at_ms = NULL, detail = excluded.detail
       WHERE resolved_at_ms IS NOT NULL AND resolved_by IS NULL`,
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
    this.byIdStmt = db.prepare<[number], IssueRow>('SELECT * FROM sync_issues WHERE id = ?');
    this.handleStmt = db.prepare(
      'UPDATE sync_issues SET resolved_at_ms = ?, resolved_by = ? WHERE id = ? AND resolved_at_ms IS NULL',
    );
    this.handleForStmt = db.prepare(
      `UPDATE sync_issues SET resolved_at_ms = ?, resolved_by = ?
       WHERE kind = ? AND order_id = ? AND resolved_at_ms IS NULL`,
    );
    this.openStmt = db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM sync_issues WHERE kind = ? AND order_id = ? AND resolved_at_ms IS NULL',
    );
  }

  /**
   * Inside the caller's transaction. Recording an open issue again changes nothing, nor one the
   * owner marked handled; true when the issue is new or opened again.
   */
  record(
    kind: IssueKind,
    orderId: string,
    amountMinor: number,
    currency: string,
    detail: string,
    nowMs: number,
    gateway: { readonly amountMinor: number; readonly currency: string } | null = null,
  ): boolean {
    return (
      this.recordStmt.run(
        kind,
        orderId,
        amountMinor,
        currency,
        detail,
        nowMs,
        gateway?.amountMinor ?? null,
        gateway?.currency ?? null,
      ).changes > 0
    );
  }

  byId(id: number): IssueRow | undefined {
    return this.byIdStmt.get(id);
  }

  /** The owner marks an open issue handled (inside the caller's transaction); false if it was not open. */
  markHandled(id: number, operatorId: string, nowMs: number): boolean {
    return this.handleStmt.run(nowMs, operatorId, id).changes > 0;
  }

  /** The open issue of `kind` for `orderId` is closed by the owner `operatorId`; false when none is open. */
  handleFor(kind: IssueKind, orderId: string, operatorId: string, nowMs: number): boolean {
    return this.handleForStmt.run(nowMs, operatorId, kind, orderId).changes > 0;
  }

  isOpen(kind: IssueKind, orderId: string): boolean {
    return this.openStmt.get(kind, orderId) !== undefined;
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
