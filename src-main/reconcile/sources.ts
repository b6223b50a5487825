import type { SourceView } from '../../src-shared/api/reconcile-views';
import type { Db } from '../db/connection';
import { channelCodeSql, pagedRecords, statusCodeSql, type RawRecord } from './paged-records';
import type { ReconRecord } from './record';

export type { SourceKind } from '../../src-shared/api/reconcile-views';

/** A stored source: the view without `created` (which only an import can say). */
export type SourceRow = Omit<SourceView, 'created'>;

/** Statement rows per multi-row INSERT (10 parameters each). */
const ROWS_PER_INSERT = 50;

const SOURCE_COLUMNS = `id, kind, sha256, label, encoding, row_count AS rowCount, min_time_ms AS minTimeMs,
  max_time_ms AS maxTimeMs, imported_at_ms AS importedAtMs, imported_by AS importedBy`;

/** Imported statements: written once, in one transaction, never changed. */
export class SourceStore {
  constructor(private readonly db: Db) {}

  bySha(sha256: string): SourceRow | null {
    return (
      (this.db.prepare(`SELECT ${SOURCE_COLUMNS} FROM recon_sources WHERE sha256 = ?`).get(sha256) as SourceRow) ?? null
    );
  }

  get(id: string): SourceRow | null {
    return (this.db.prepare(`SELECT ${SOURCE_COLUMNS} FROM recon_sources WHERE id = ?`).get(id) as SourceRow) ?? null;
  }

  list(limit: number): SourceRow[] {
    return this.db
      .prepare(`SELECT ${SOURCE_COLUMNS} FROM recon_sources ORDER BY imported_at_ms DESC, id DESC LIMIT ?`)
      .all(limit) as SourceRow[];
  }

  /**
   * Saves a statement. The same bytes (sha256) already saved → the existing source, and
   * nothing is written (`created: false`).
   */
  save(
    src: Omit<SourceRow, 'rowCount' | 'minTimeMs' | 'maxTimeMs'>,
    records: Iterable<ReconRecord>,
  ): { source: SourceRow; created: boolean } {
    return this.db
      .transaction(() => {
        const existing = this.bySha(src.sha256);
        if (existing) return { source: existing, created: false };
        this.db
          .prepare(
            `INSERT INTO recon_sources (id, kind, sha256, label, encoding, row_count, imported_at_ms, imported_by)
             VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
          )
          .run(src.id, src.kind, src.sha256, src.label, src.encoding, src.importedAtMs, src.importedBy);
        const sql = (rows: number) =>
          `INSERT INTO recon_statement_rows (source_id, idx, order_no, trade_no, amount_minor, fee_minor, status,
             time_ms, refund_no, channel) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
        const insMany = this.db.prepare(sql(ROWS_PER_INSERT));
        const insOne = this.db.prepare(sql(1));
        const params: unknown[] = [];
        let idx = 0;
        let min: number | null = null;
        let max: number | null = null;
        for (const r of records) {
          params.push(
            src.id,
            idx++,
            r.orderNo,
            r.tradeNo,
            r.amountMinor,
            r.feeMinor,
            r.status,
            r.timeMs,
            r.refundNo,
            r.channel,
          );
          if (params.length === ROWS_PER_INSERT * 10) {
            insMany.run(params);
            params.length = 0;
          }
          min = min === null || r.timeMs < min ? r.timeMs : min;
          max = max === null || r.timeMs > max ? r.timeMs : max;
        }
        for (let i = 0; i < params.length; i += 10) insOne.run(params.slice(i, i + 10));
        this.db
          .prepare('UPDATE recon_sources SET row_count = ?, min_time_ms = ?, max_time_ms = ? WHERE id = ?')
          .run(idx, min, max, src.id);
        return { source: this.get(src.id)!, created: true };
      })
      .immediate();
  }
}

/**
 * Statement records of one source in [fromMs, toMs), sorted by order number, a page at a time
 * (the primary key is (source_id, order_no, idx): each page is one range of the clustered rows).
 */
export function statementRecords(db: Db, sourceId: string, fromMs: number, toMs: number): Iterable<ReconRecord> {
  const stmt = db
    .prepare(
      `SELECT order_no, trade_no, amount_minor, fee_minor, ${statusCodeSql('status')}, time_ms, refund_no, ${channelCodeSql('channel')}, idx
       FROM recon_statement_rows WHERE source_id = ? AND order_no >= ? AND time_ms >= ? AND time_ms < ?
       ORDER BY order_no LIMIT ?`,
    )
    .raw(true);
  return pagedRecords((start, limit) => stmt.all(sourceId, start, fromMs, toMs, limit) as RawRecord[]);
}

/**
 * How many records of a source fall in [fromMs, toMs). A range that covers the whole source
 * (its saved min/max time) is its saved row count: counting 1M rows took ~0.1 s of a run.
 */
export function countStatementRecords(db: Db, sourceId: string, fromMs: number, toMs: number): number {
  const src = db
    .prepare('SELECT row_count AS n, min_time_ms AS minMs, max_time_ms AS maxMs FROM recon_sources WHERE id = ?')
    .get(sourceId) as { n: number; minMs: number | null; maxMs: number | null } | undefined;
  if (src && (src.n === 0 || (src.minMs !== null && src.maxMs !== null && src.minMs >= fromMs && src.maxMs < toMs)))
    return src.n;
  const r = db
    .prepare('SELECT COUNT(*) AS n FROM recon_statement_rows WHERE source_id = ? AND time_ms >= ? AND time_ms < ?')
    .get(sourceId, fromMs, toMs) as { n: number };
  return r.n;
}
