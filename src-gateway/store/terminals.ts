/** Paired terminals. Secrets are stored sealed under the master key and opened only to verify. */
import type Database from 'better-sqlite3';
import { TERMINAL_ID_RE } from '../../src-shared/protocol/qr-url';
import { randomCrockford, type RandomBytes } from '../crypto';
import { TERMINAL_ID_ATTEMPTS_MAX } from '../limits';
import { open, seal } from '../secret-box';

/** What a lookup by id finds: the key to verify with, or that the terminal may no longer sign. */
export type TerminalKey = { readonly status: 'active'; readonly secret: Buffer } | { readonly status: 'revoked' };

interface TerminalRow {
  id: string;
  name: string;
  secret_sealed: Buffer;
  created_at_ms: number;
  revoked_at_ms: number | null;
}

export class TerminalStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly revokeStmt;

  constructor(
    private readonly db: Database.Database,
    private readonly masterKey: Buffer,
    private readonly randomBytes: RandomBytes,
  ) {
    this.insertStmt = db.prepare(
      'INSERT OR IGNORE INTO terminals (id, name, secret_sealed, created_at_ms) VALUES (?, ?, ?, ?)',
    );
    this.getStmt = db.prepare<[string], TerminalRow>('SELECT * FROM terminals WHERE id = ?');
    this.revokeStmt = db.prepare('UPDATE terminals SET revoked_at_ms = ? WHERE id = ? AND revoked_at_ms IS NULL');
  }

  /** Creates a terminal with a fresh id; call inside the pairing transaction. */
  create(name: string, secret: Buffer, nowMs: number): string {
    for (let attempt = 0; attempt < TERMINAL_ID_ATTEMPTS_MAX; attempt++) {
      const id = `T${randomCrockford(this.randomBytes, 9)}`;
      if (!TERMINAL_ID_RE.test(id)) throw new Error('assertion failed: terminal id shape');
      const sealed = seal(this.masterKey, secret, id, this.randomBytes);
      if (this.insertStmt.run(id, name, sealed, nowMs).changes === 1) return id;
    }
    throw new Error('assertion failed: could not find a free terminal id');
  }

  key(id: string): TerminalKey | null {
    const row = this.getStmt.get(id);
    if (!row) return null;
    if (row.revoked_at_ms !== null) return { status: 'revoked' };
    return { status: 'active', secret: open(this.masterKey, row.secret_sealed, row.id) };
  }

  /** Returns false when the terminal was unknown or already revoked. */
  revoke(id: string, nowMs: number): boolean {
    return this.revokeStmt.run(nowMs, id).changes === 1;
  }

  /** The active key or null: for places that must not tell unknown from revoked (customer pages). */
  activeSecret(id: string): Buffer | null {
    const k = this.key(id);
    return k?.status === 'active' ? k.secret : null;
  }
}
