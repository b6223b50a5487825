/**
 * One-time pairing codes. Only an HMAC of each code under the master key is stored, so a copy
 * of the database does not reveal codes (8 digits would fall to a plain hash at once).
 */
import type Database from 'better-sqlite3';
import { hmacSha256 } from '../crypto';

export class PairingCodeStore {
  private readonly upsertStmt;
  private readonly consumeStmt;
  private readonly outstandingStmt;
  private readonly pruneStmt;

  constructor(
    db: Database.Database,
    private readonly masterKey: Buffer,
  ) {
    this.upsertStmt = db.prepare(
      `INSERT INTO pairing_codes (code_hash, created_at_ms, expires_at_ms, used_at_ms) VALUES (?, ?, ?, NULL)
       ON CONFLICT (code_hash) DO UPDATE SET created_at_ms = excluded.created_at_ms,
         expires_at_ms = excluded.expires_at_ms, used_at_ms = NULL`,
    );
    this.consumeStmt = db.prepare(
      'UPDATE pairing_codes SET used_at_ms = ? WHERE code_hash = ? AND used_at_ms IS NULL AND expires_at_ms > ?',
    );
    this.outstandingStmt = db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM pairing_codes WHERE used_at_ms IS NULL AND expires_at_ms > ?',
    );
    this.pruneStmt = db.prepare('DELETE FROM pairing_codes WHERE expires_at_ms <= ?');
  }

  private hash(code: string): string {
    return hmacSha256(this.masterKey, `pos-pairing-v1|${code}`).toString('hex');
  }

  /** Makes `code` valid (again) until `expiresAtMs`. */
  put(code: string, nowMs: number, expiresAtMs: number): void {
    this.upsertStmt.run(this.hash(code), nowMs, expiresAtMs);
  }

  /** Marks the code used; false when it is unknown, used or expired. */
  consume(code: string, nowMs: number): boolean {
    return this.consumeStmt.run(nowMs, this.hash(code), nowMs).changes === 1;
  }

  outstanding(nowMs: number): number {
    return this.outstandingStmt.get(nowMs)?.n ?? 0;
  }

  prune(nowMs: number): number {
    return this.pruneStmt.run(nowMs).changes;
  }
}
