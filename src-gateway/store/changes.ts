/** Each terminal's change feed: append-only facts with an increasing id, the cursor to pull by. */
import type Database from 'better-sqlite3';
import { change as changeSchema, type Change } from '../../src-shared/protocol/gateway';

/** A change before the feed numbers and times it. */
export type ChangeFact =
  | Omit<Extract<Change, { type: 'payment.succeeded' }>, 'change_id' | 'at_ms'>
  | Omit<Extract<Change, { type: 'order.closed' }>, 'change_id' | 'at_ms'>
  | Omit<Extract<Change, { type: 'refund.updated' }>, 'change_id' | 'at_ms'>
  | Omit<Extract<Change, { type: 'settlement.batch' }>, 'change_id' | 'at_ms'>;

interface ChangeRow {
  change_id: number;
  type: string;
  payload: string;
  at_ms: number;
}

export class ChangeStore {
  private readonly insertStmt;
  private readonly afterStmt;
  private readonly headStmt;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      'INSERT INTO changes (terminal_id, type, order_id, payload, at_ms) VALUES (?, ?, ?, ?, ?)',
    );
    this.headStmt = db.prepare<[], { head: number }>('SELECT COALESCE(MAX(change_id), 0) AS head FROM changes');
    this.afterStmt = db.prepare<[string, number, number], ChangeRow>(
      `SELECT change_id, type, payload, at_ms FROM changes
       WHERE terminal_id = ? AND change_id > ? ORDER BY change_id LIMIT ?`,
    );
  }

  /** The highest change id of the feed, every terminal's (ids are one sequence); 0 when empty. */
  head(): number {
    return this.headStmt.get()!.head;
  }

  /** Appends inside the caller's transaction; the change is checked against the protocol first. */
  append(terminalId: string, fact: ChangeFact, atMs: number): Change {
    const { type, ...payload } = fact;
    const id = Number(
      this.insertStmt.run(
        terminalId,
        type,
        // the changes table keys facts by order; a batch is keyed by its batch id
        'order_id' in fact ? fact.order_id : fact.batch_id,
        JSON.stringify(payload),
        atMs,
      ).lastInsertRowid,
    );
    const full = { change_id: id, type, at_ms: atMs, ...payload };
    const checked = changeSchema.safeParse(full);
    if (!checked.success)
      throw new Error(`assertion failed: change does not fit the protocol: ${checked.error.message}`);
    return checked.data;
  }

  /** Up to `limit` changes of the terminal after `afterId`, in order. */
  after(terminalId: string, afterId: number, limit: number): Change[] {
    return this.afterStmt.all(terminalId, afterId, limit).map((row) => rowToChange(row));
  }
}

function rowToChange(row: ChangeRow): Change {
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  return { change_id: row.change_id, type: row.type, at_ms: row.at_ms, ...payload } as Change;
}
