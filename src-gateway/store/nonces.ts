/** Nonces of signed requests, kept until their timestamp can no longer be accepted. */
import type Database from 'better-sqlite3';

export class NonceStore {
  private readonly insertStmt;
  private readonly pruneStmt;

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare('INSERT OR IGNORE INTO nonces (terminal_id, nonce, expires_at_ms) VALUES (?, ?, ?)');
    this.pruneStmt = db.prepare('DELETE FROM nonces WHERE expires_at_ms < ?');
  }

  /**
   * Records the nonce; false when this terminal already used it (a replay). `durable: false`
   * commits it with synchronous=NORMAL (no fsync of its own): for a request whose handler
   * commits durably next, whose fsync then covers this commit too (one WAL, synced in order),
   * and whose replay in the short window before is a no-op anyway (the journal push).
   */
  remember(terminalId: string, nonce: string, expiresAtMs: number, durable = true): boolean {
    const relax = !durable && !this.db.inTransaction; // the pragma cannot change inside a transaction
    if (relax) this.db.pragma('synchronous = NORMAL');
    try {
      return this.insertStmt.run(terminalId, nonce, expiresAtMs).changes === 1;
    } finally {
      if (relax) this.db.pragma('synchronous = FULL');
    }
  }

  prune(nowMs: number): number {
    return this.pruneStmt.run(nowMs).changes;
  }
}
