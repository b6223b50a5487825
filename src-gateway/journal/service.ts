/**
 * Receives a terminal's journal: verifies continuity and the hash chain, stores the new entries
 * as one part (their canonical strings and hashes, store.ts), acknowledges the highest
 * contiguous seq. A re-sent batch changes nothing; a batch that
 * disagrees with what is stored, skips a seq or breaks the chain is refused whole.
 */
import type Database from 'better-sqlite3';
import type { ErrorCode } from '../../src-shared/errors';
import { wireCanonical, wireHashInput } from '../../src-shared/protocol/journal-entry';
import type { JournalEntryWire, JournalPushReply } from '../../src-shared/protocol/gateway';
import { postingsBalance } from '../../src-shared/protocol/journal-lines';
import { err, ok, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import { sha256Hex } from '../crypto';
import { HASH_BYTES, storedHashAt, type JournalHead, type StoredHashes, type TerminalJournalStore } from './store';

export function wireEntryHash(e: JournalEntryWire): string {
  return sha256Hex(wireHashInput(e));
}

type Refusal = { code: ErrorCode; message: string };

export class JournalIntake {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly store: TerminalJournalStore,
  ) {}

  push(terminalId: string, entries: readonly JournalEntryWire[]): Result<JournalPushReply> {
    const outcome = this.db
      .transaction((): Refusal | JournalHead => {
        let head = this.store.head(terminalId);
        const firstSeq = head.seq + 1;
        const lines: string[] = [];
        const hashes = Buffer.allocUnsafe(entries.length * HASH_BYTES);
        let stored: StoredHashes | null = null;
        for (const e of entries) {
          if (e.seq <= head.seq) {
            if (!stored || e.seq < stored.firstSeq || e.seq > stored.lastSeq)
              stored = this.store.partAt(terminalId, e.seq);
            if ((stored ? storedHashAt(stored, e.seq) : null) !== e.hash) {
              return { code: 'journal_conflict', message: `entry ${e.seq} differs from the one already received` };
            }
            continue;
          }
          if (e.seq !== head.seq + 1) {
            return { code: 'journal_gap', message: `entry ${e.seq} arrived but ${head.seq + 1} is next` };
          }
          const canonical = wireCanonical(e);
          if (e.prev_hash !== head.hash || sha256Hex(`${e.prev_hash}\n${canonical}`) !== e.hash) {
            return { code: 'journal_chain_broken', message: `entry ${e.seq} does not continue the hash chain` };
          }
          if (!postingsBalance(e.postings))
            return { code: 'journal_unbalanced', message: `entry ${e.seq} postings do not balance` };
          hashes.write(e.hash, lines.length * HASH_BYTES, 'hex');
          lines.push(canonical);
          head = { seq: e.seq, hash: e.hash };
        }
        this.store.appendRun(terminalId, firstSeq, head, lines, hashes, this.clock.now());
        return head;
      })
      .immediate();
    if ('code' in outcome) return err(outcome.code, outcome.message);
    return ok({ acked_seq: outcome.seq, head_hash: outcome.hash });
  }
}
