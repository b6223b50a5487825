import type { Db } from '../db/connection';
import { shopDateTime } from '../export/shop-time';

/**
 * Actions read for one export. They are the owner's own (one per click, with a reason), so a
 * shop has hundreds or thousands; past this the oldest are left out of the export (the screen
 * still shows them; a run's own rows are the newest) rather than read without bound.
 */
export const EXPORT_ACTIONS_MAX = 200_000;

interface ActionRow {
  readonly row_key: string;
  readonly kind: string;
  readonly reason: string;
  readonly operator_id: string | null;
  readonly at_ms: number;
  readonly entry_seq: number | null;
}

/**
 * What the owner did about each row, by row_key (actions follow the fact across runs, as the
 * screen shows them), as one cell: "2026-11-21 16:02:11 +08:00 record_statement_refund
 * (journal #12) by OP1: refunded in the portal | …", oldest first.
 */
export function actionsByRowKey(db: Db, timeZone: string): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT row_key, kind, reason, operator_id, at_ms, entry_seq FROM recon_actions
       ORDER BY at_ms DESC, id DESC LIMIT ?`,
    )
    .all(EXPORT_ACTIONS_MAX)
    .reverse() as ActionRow[];
  const texts = new Map<string, string>();
  for (const a of rows) {
    const one =
      `${shopDateTime(a.at_ms, timeZone)} ${a.kind}` +
      (a.entry_seq === null ? '' : ` (journal #${a.entry_seq})`) +
      (a.operator_id ? ` by ${a.operator_id}` : '') +
      `: ${a.reason}`;
    const before = texts.get(a.row_key);
    texts.set(a.row_key, before ? `${before} | ${one}` : one);
  }
  return texts;
}
