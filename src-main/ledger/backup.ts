/**
 * A copy of the ledger the owner can keep (Settings → Ledger → Back up): SQLite's online backup
 * (better-sqlite3 `db.backup`, a few hundred pages per event-loop turn, so sales go on meanwhile)
 * into `<data folder>/backups/`, checked before it counts (`check`), then renamed into place, so a
 * file named `ledger-*.db` is always a whole, verified copy. The newest `BACKUPS_KEPT` stay.
 * Restore: with the console stopped, put the copy in place of `ledger.db` (README).
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LedgerBackupView } from '../../src-shared/api';
import { err, ok, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import type { Db } from '../db/connection';

export const BACKUPS_KEPT = 14;
const NAME_RE = /^ledger-\d{8}-\d{6}\.db$/;

/** `ledger-20261202-014500.db` in UTC: sorts by time, never collides within a second. */
function fileName(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-12-02T01:45:00.000Z
  return `ledger-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}.db`;
}

export class LedgerBackups {
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly dir: string,
    private readonly clock: Clock,
    private readonly nativeBinding?: string,
  ) {}

  /** The kept copies, newest first. */
  list(): { file: string; bytes: number }[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => NAME_RE.test(n));
    } catch {
      return [];
    }
    return names
      .sort()
      .reverse()
      .map((file) => ({ file, bytes: statSync(join(this.dir, file)).size }));
  }

  async run(): Promise<Result<LedgerBackupView>> {
    if (this.running) return err('backup_running', 'a backup is already being made');
    this.running = true;
    const at = this.clock.now();
    const file = fileName(at);
    const final = join(this.dir, file);
    const partial = `${final}.partial`;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      if (this.list().some((b) => b.file === file)) return err('backup_running', 'a backup was made this second');
      await this.db.backup(partial);
      this.toOneFile(partial);
      const lastSeq = (this.db.prepare('SELECT MAX(seq) AS s FROM journal').get() as { s: number | null }).s ?? 0;
      const checked = this.check(partial, lastSeq);
      if (!checked.ok) {
        rmSync(partial, { force: true });
        return checked;
      }
      renameSync(partial, final);
      this.prune();
      return ok({ file, dir: this.dir, bytes: statSync(final).size, entries: checked.value, atMs: at });
    } catch (e) {
      rmSync(partial, { force: true });
      return err('backup_failed', `the backup could not be written: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /**
   * The copy keeps the ledger's WAL mode, which would give it `-wal` and `-shm` files beside
   * it whenever it is opened: as a rollback-journal database it is one file to carry away.
   */
  private toOneFile(path: string): void {
    const w = new Database(path, this.nativeBinding ? { nativeBinding: this.nativeBinding } : {});
    try {
      w.pragma('journal_mode = DELETE');
    } finally {
      w.close();
    }
  }

  /**
   * The copy opens, passes `quick_check`, and ends on the live journal's entry: its last seq is
   * at least `lastSeq` (sales during the copy may make it newer, never older) and that entry's
   * hash is the live one — which, hash-chained, vouches for every entry before it as the live
   * ledger has them. (The full walk is Settings → Verify ledger; on a million entries it would
   * hold up the counter for seconds.)
   */
  private check(path: string, lastSeq: number): Result<number> {
    const copy = new Database(path, {
      readonly: true,
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    });
    try {
      const quick = copy.pragma('quick_check', { simple: true });
      if (quick !== 'ok') return err('backup_failed', `the copy fails SQLite's check: ${String(quick)}`);
      const head = copy.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; hash: string } | undefined;
      const seq = head?.seq ?? 0;
      const live = head
        ? (this.db.prepare('SELECT hash FROM journal WHERE seq = ?').get(seq) as { hash: string })
        : null;
      if (seq < lastSeq || (head && live?.hash !== head.hash)) {
        return err('backup_failed', 'the copy does not end on the ledger’s own entries');
      }
      return ok(seq);
    } finally {
      copy.close();
    }
  }

  private prune(): void {
    for (const old of this.list().slice(BACKUPS_KEPT)) rmSync(join(this.dir, old.file), { force: true });
  }
}
