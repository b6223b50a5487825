import type { Migration } from '../migrate';

/**
 * Two things a refund row could not say before.
 *
 * - Why it failed: `failure_code` (one of `REFUND_FAILURE_CODES`, src-shared/audit-events.ts: the
 *   gateway's definite refusal, or `provider_failed` from the change feed) and the gateway's own
 *   message when there was one (not shown; for whoever reads the ledger). Only the audit log had
 *   the code, so the refund dialog and Today could not say why. NULL on every other status.
 * - How the money went back: `method` 'wallet' (through the gateway, as before) or 'cash' (from
 *   the open shift's drawer, `CashRefunds`): a cash refund is succeeded at once, is never sent to
 *   the gateway and is no provider refund to reconcile. Existing rows are wallet refunds.
 */
export const m0019RefundFailureCash: Migration = {
  version: 19,
  name: 'refund-failure-cash',
  up(db) {
    db.exec(`
      ALTER TABLE refunds ADD COLUMN failure_code TEXT;
      ALTER TABLE refunds ADD COLUMN failure_message TEXT;
      ALTER TABLE refunds ADD COLUMN method TEXT NOT NULL DEFAULT 'wallet' CHECK (method IN ('wallet', 'cash'));
    `);
  },
};
