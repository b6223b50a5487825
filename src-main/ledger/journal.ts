import { assert } from '../../src-shared/errors';
import { isCurrency } from '../../src-shared/money';
import type { Clock } from '../../src-shared/time';
import type { IdSource } from '../../src-shared/ulid';
import type { Db } from '../db/connection';
import { ACCOUNT_RE, type EntryKind } from './accounts';
import { canonicalEntry, canonicalHash, GENESIS_HASH, type HashedFields } from './hash';

export interface Posting {
  readonly account: string;
  readonly currency: string;
  readonly amountMinor: number;
}

export interface NewEntry {
  readonly kind: EntryKind;
  readonly orderId: string | null;
  readonly memo: string;
  readonly postings: readonly Posting[];
  /**
   * When the money moved, if the network says so and it was before this entry is written (a
   * payment applied after an outage): the reports date the entry by it (`EntryIndex`). Not part
   * of the entry itself (not hashed, not stored in the journal).
   */
  readonly occurredAtMs?: number;
  /**
   * Who the entry counts for in the reports, when that is not whoever is logged in (a refund the
   * network completes later counts for whoever asked for it). Not hashed, not stored.
   */
  readonly creditTo?: string | null;
}

export interface JournalEntry extends HashedFields {
  readonly prevHash: string;
  readonly hash: string;
  /** NewEntry.occurredAtMs, within OCCURRED_BEFORE_MAX_MS before the entry; else absent. */
  readonly occurredAtMs?: number;
  /** NewEntry.creditTo, when given. */
  readonly creditTo?: string;
}

/** How far back an entry's `occurredAtMs` is taken (the settlement's lookback); older: the entry's own time. */
export const OCCURRED_BEFORE_MAX_MS = 35 * 86_400_000;

/** An entry has at most this many postings (a sale has two; a batch with fees a handful). */
export const POSTINGS_PER_ENTRY_MAX = 16;
export const MEMO_LENGTH_MAX = 200;

/** A UTF-16 surrogate without its pair: SQLite stores it as U+FFFD, JSON.stringify escapes it. */
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Invariants of a new entry, checked before it is written. A failure is a bug. */
export function assertBalanced(postings: readonly Posting[]): void {
  assert(postings.length >= 2 && postings.length <= POSTINGS_PER_ENTRY_MAX, `entry has ${postings.length} postings`);
  const sums = new Map<string, number>();
  for (const p of postings) {
    assert(ACCOUNT_RE.test(p.account), `unknown account ${p.account}`);
    assert(isCurrency(p.currency), `unknown currency ${p.currency}`);
    assert(Number.isSafeInteger(p.amountMinor) && p.amountMinor !== 0, `posting amount ${p.amountMinor}`);
    sums.set(p.currency, (sums.get(p.currency) ?? 0) + p.amountMinor);
  }
  for (const [currency, sum] of sums) assert(sum === 0, `postings in ${currency} sum to ${sum}, not zero`);
}

/**
 * The append-only, double-entry journal. `append` must run inside the caller's write
 * transaction, so the entry commits (or not) together with the order change that caused it.
 */
export class Journal {
  private readonly lastStmt;
  private readonly insertEntry;
  private readonly insertPosting;
  private readonly listeners: ((entry: JournalEntry) => void)[] = [];
  private readonly insertOutbox;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {
    this.lastStmt = db.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1',
    );
    this.insertEntry = db.prepare(
      `INSERT INTO journal (seq, entry_id, kind, order_id, created_at_ms, memo, prev_hash, hash, canonical)
       VALUES (@seq, @entryId, @kind, @orderId, @createdAtMs, @memo, @prevHash, @hash, @canonical)`,
    );
    this.insertPosting = db.prepare(
      'INSERT INTO postings (entry_seq, idx, account, currency, amount_minor) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertOutbox = db.prepare('INSERT INTO outbox (seq, queued_at_ms) VALUES (?, ?)');
  }

  append(entry: NewEntry): JournalEntry {
    assert(this.db.inTransaction, 'journal.append outside a transaction');
    assertBalanced(entry.postings);
    assert(entry.memo.length <= MEMO_LENGTH_MAX, 'memo too long');
    const last = this.lastStmt.get();
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const fields: HashedFields = {
      seq,
      entryId: this.ids(),
      kind: entry.kind,
      orderId: entry.orderId,
      createdAtMs: this.clock.now(),
      // As SQLite will store it: the hash, the stored canonical string and the memo column agree.
      memo: entry.memo.replace(LONE_SURROGATE_RE, '\uFFFD'),
      postings: entry.postings.map((p) => ({ account: p.account, currency: p.currency, amountMinor: p.amountMinor })),
    };
    // The exact string hashed, kept: the push sends it as it is (chain lines, migration 0013).
    const canonical = canonicalEntry(fields);
    const hash = canonicalHash(prevHash, canonical);
    this.insertEntry.run({ ...fields, prevHash, hash, canonical });
    fields.postings.forEach((p, idx) => this.insertPosting.run(seq, idx, p.account, p.currency, p.amountMinor));
    // Same transaction as the entry: it is queued for the gateway if and only if it exists.
    this.insertOutbox.run(seq, fields.createdAtMs);
    const at = entry.occurredAtMs;
    const occurred =
      at !== undefined &&
      Number.isSafeInteger(at) &&
      at < fields.createdAtMs &&
      fields.createdAtMs - at <= OCCURRED_BEFORE_MAX_MS
        ? { occurredAtMs: at }
        : {};
    const credit = typeof entry.creditTo === 'string' ? { creditTo: entry.creditTo } : {};
    const written = { ...fields, prevHash, hash, ...occurred, ...credit };
    for (const listener of this.listeners) listener(written);
    return written;
  }

  /**
   * Runs `listener` after every append, inside the same transaction: derived tables (the
   * settlement index) commit or roll back with the entry. A throwing listener aborts the entry.
   */
  onAppend(listener: (entry: JournalEntry) => void): void {
    this.listeners.push(listener);
  }

  lastSeq(): number {
    return this.lastStmt.get()?.seq ?? 0;
  }

  /** Balance of one account (debits positive) in one currency. */
  balance(account: string, currency: string): number {
    const row = this.db
      .prepare<[string, string], { total: number | null }>(
        'SELECT SUM(amount_minor) AS total FROM postings WHERE account = ? AND currency = ?',
      )
      .get(account, currency);
    return row?.total ?? 0;
  }
}
