/** Nonces of signed requests, kept until their timestamp can no longer be accepted. */
import type Database from 'better-sqlite3';

export class NonceStore {
  private readonly insertStmt;
  private readonly pruneStmt;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare('INSERT OR IGNORE INTO nonces (terminal_id, nonce, expires_at_ms) VALUES (?, ?, ?)');
    this.pruneStmt = db.prepare('DELETE FROM nonces WHERE expires_at_ms < ?');
  }

  /** Records the nonce; false when this terminal already used it (a replay). */
  remember(terminalId: string, nonce: string, expiresAtMs: number): boolean {
    return this.insertStmt.run(terminalId, nonce, expiresAtMs).changes === 1;
  }

  prune(nowMs: number): number {
    return this.pruneStmt.run(nowMs).changes;
  }
}
