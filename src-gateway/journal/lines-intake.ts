/**
 * Receives a terminal's journal in chain lines (src-shared/protocol/journal-lines.ts): checks
 * each canonical line, hashes `<previous hash>\n<canonical>` as the slice of the body it already
 * is, verifies continuity against the stored head, stores the new entries as one part and
 * acknowledges the highest contiguous seq. A re-sent batch changes nothing. A batch that starts
 * beyond the head is answered `journal_ahead` (the batch before it is still on its way, on another
 * connection): the console sends it again once that one is in. Anything else wrong refuses the
 * batch whole, named, as the JSON intake does (service.ts).
 */
import type Database from 'better-sqlite3';
import type { ErrorCode } from '../../src-shared/errors';
import type { JournalPushReply } from '../../src-shared/protocol/gateway';
import { canonicalLineSeq, HASH_LINE_CHARS, LINE_UNBALANCED } from '../../src-shared/protocol/journal-lines';
import { JOURNAL_PUSH_BATCH_MAX } from '../../src-shared/protocol/limits';
import { err, ok, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import { sha256Hex } from '../crypto';
import { HASH_BYTES, storedHashAt, type JournalHead, type StoredHashes, type TerminalJournalStore } from './store';

/**
 * How long a batch that arrived before the one it follows waits for it (the console sends two at
 * once, on two connections, and the second can land first); then it is answered journal_ahead.
 */
export const JOURNAL_AHEAD_WAIT_MS = 1_000;
/** Batches waiting so, per terminal and in all: each holds a body of up to 1 MiB. */
const AHEAD_WAITING_PER_TERMINAL_MAX = 4;
const AHEAD_WAITING_MAX = 64;
/** Only a batch this close to the head waits: one further ahead is a real gap, answered at once. */
const AHEAD_WAIT_SEQS_MAX = 2 * JOURNAL_PUSH_BATCH_MAX;

const NEWLINE = 0x0a;
const HASH_HEX_RE = /^[0-9a-f]{64}$/;

type Refusal = { code: ErrorCode; message: string };

const bad = (message: string): Refusal => ({ code: 'invalid_argument', message });

interface Waiter {
  readonly afterSeq: number;
  readonly done: (arrived: boolean) => void;
}

export class JournalLinesIntake {
  private readonly waiters = new Map<string, Set<Waiter>>();

  /** `aheadWaitMs`: 0 answers journal_ahead at once (the simulation, whose network is FIFO). */
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly store: TerminalJournalStore,
    private readonly aheadWaitMs = JOURNAL_AHEAD_WAIT_MS,
  ) {}

  /**
   * `push`, and a batch that arrived just ahead of the one before it waits (bounded) for that
   * one to be stored, then is taken: no batch is sent twice for the order two connections kept.
   */
  async receive(terminalId: string, text: string): Promise<Result<JournalPushReply>> {
    const first = this.push(terminalId, text);
    if (first.ok || first.error.code !== 'journal_ahead' || this.aheadWaitMs <= 0) return first;
    const seq = firstSeqOf(text);
    const head = this.store.head(terminalId).seq;
    if (seq === null || seq - 1 - head > AHEAD_WAIT_SEQS_MAX) return first;
    return (await this.headReaches(terminalId, seq - 1)) ? this.push(terminalId, text) : first;
  }

  /** Batches waiting now for the one before them. */
  waiting(): number {
    let n = 0;
    for (const set of this.waiters.values()) n += set.size;
    return n;
  }

  /** `text`: the body, decoded (the route refuses one that is not UTF-8). */
  push(terminalId: string, text: string): Result<JournalPushReply> {
    const outcome = this.db.transaction((): Refusal | JournalHead => this.intake(terminalId, text)).immediate();
    if ('code' in outcome) return err(outcome.code, outcome.message);
    this.headMoved(terminalId, outcome.seq);
    return ok({ acked_seq: outcome.seq, head_hash: outcome.hash });
  }

  /** True once the terminal's head is at `seq` or beyond; false after aheadWaitMs, or at once when full. */
  private headReaches(terminalId: string, seq: number): Promise<boolean> {
    const set = this.waiters.get(terminalId) ?? new Set<Waiter>();
    if (this.waiting() >= AHEAD_WAITING_MAX || set.size >= AHEAD_WAITING_PER_TERMINAL_MAX) {
      return Promise.resolve(false);
    }
    this.waiters.set(terminalId, set);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => waiter.done(false), this.aheadWaitMs);
      const waiter: Waiter = {
        afterSeq: seq,
        done: (arrived) => {
          clearTimeout(timer);
          if (!set.delete(waiter)) return;
          if (set.size === 0 && this.waiters.get(terminalId) === set) this.waiters.delete(terminalId);
          resolve(arrived);
        },
      };
      set.add(waiter);
    });
  }

  private headMoved(terminalId: string, headSeq: number): void {
    const set = this.waiters.get(terminalId);
    if (!set) return;
    for (const w of [...set]) if (w.afterSeq <= headSeq) w.done(true);
  }

  private intake(terminalId: string, text: string): Refusal | JournalHead {
    if (text.charCodeAt(HASH_LINE_CHARS) !== NEWLINE || !HASH_HEX_RE.test(text.slice(0, HASH_LINE_CHARS))) {
      return bad('the first line must be the hash before the batch, then an entry');
    }
    let head = this.store.head(terminalId);
    const firstNew = head.seq + 1;
    const lines: string[] = [];
    const hashes = Buffer.allocUnsafe(JOURNAL_PUSH_BATCH_MAX * HASH_BYTES);
    let stored: StoredHashes | null = null;
    let prevStart = 0; // where the hash line before the current entry starts
    let expectedSeq = 0; // 0: the batch's first entry names it
    for (let count = 1; prevStart + HASH_LINE_CHARS < text.length; count++) {
      if (count > JOURNAL_PUSH_BATCH_MAX) return bad(`more than ${JOURNAL_PUSH_BATCH_MAX} entries in one push`);
      const lineStart = prevStart + HASH_LINE_CHARS + 1;
      const lineEnd = text.indexOf('\n', lineStart);
      const hashEnd = lineEnd + 1 + HASH_LINE_CHARS;
      if (lineEnd < 0 || hashEnd > text.length || (hashEnd < text.length && text.charCodeAt(hashEnd) !== NEWLINE)) {
        return bad(`entry ${count} of the push is not followed by its hash line`);
      }
      if (hashEnd === text.length - 1) return bad('the push ends with a newline');
      const seq = canonicalLineSeq(text, lineStart, lineEnd);
      if (seq < 1) {
        return seq === LINE_UNBALANCED
          ? { code: 'journal_unbalanced', message: `entry ${count} of the push: postings do not balance` }
          : bad(`entry ${count} of the push is not a canonical journal entry`);
      }
      const claimed = text.slice(lineEnd + 1, hashEnd);
      if (expectedSeq !== 0 && seq !== expectedSeq) return bad(`entry ${seq} follows ${expectedSeq - 1} in one push`);
      expectedSeq = seq + 1;
      if (seq < firstNew) {
        // Already held: it must be the very entry stored (a re-sent batch), nothing else.
        if (!stored || seq < stored.firstSeq || seq > stored.lastSeq) stored = this.store.partAt(terminalId, seq);
        if ((stored ? storedHashAt(stored, seq) : null) !== claimed) {
          return { code: 'journal_conflict', message: `entry ${seq} differs from the one already received` };
        }
      } else {
        if (seq !== head.seq + 1) {
          return { code: 'journal_ahead', message: `entry ${seq} arrived but ${head.seq + 1} is next` };
        }
        // The hash input is the previous hash line, '\n', this line: one slice of the body.
        if (
          (seq === firstNew && text.slice(prevStart, prevStart + HASH_LINE_CHARS) !== head.hash) ||
          sha256Hex(text.slice(prevStart, lineEnd)) !== claimed
        ) {
          return { code: 'journal_chain_broken', message: `entry ${seq} does not continue the hash chain` };
        }
        hashes.write(claimed, lines.length * HASH_BYTES, 'hex');
        lines.push(text.slice(lineStart, lineEnd));
        head = { seq, hash: claimed };
      }
      prevStart = lineEnd + 1;
    }
    if (prevStart === 0) return bad('a push holds at least one entry');
    this.store.appendRun(terminalId, firstNew, head, lines, hashes, this.clock.now());
    return head;
  }
}

/** The seq of a chain-lines body's first entry, if its first line is one. */
function firstSeqOf(text: string): number | null {
  const end = text.indexOf('\n', HASH_LINE_CHARS + 1);
  if (end < 0) return null;
  const seq = canonicalLineSeq(text, HASH_LINE_CHARS + 1, end);
  return seq >= 1 ? seq : null;
}
