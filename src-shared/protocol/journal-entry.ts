/**
 * The hash-chained journal entry as both sides see it. Only the canonical string lives here
 * (pure); the console and the gateway each hash it with node:crypto. Changing the string is a
 * protocol change: bump the `entry-v1` prefix.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  readonly seq: number;
  readonly entryId: string;
  readonly kind: string;
  readonly orderId: string | null;
  readonly createdAtMs: number;
  readonly memo: string;
  readonly postings: readonly { account: string; currency: string; amountMinor: number }[];
}

/** Canonical form: a JSON array in fixed field order (no key-order ambiguity). */
export function canonicalEntry(e: HashedFields): string {
  return JSON.stringify([
    'entry-v1',
    e.seq,
    e.entryId,
    e.kind,
    e.orderId,
    e.createdAtMs,
    e.memo,
    e.postings.map((p) => [p.account, p.currency, p.amountMinor]),
  ]);
}

/** What is hashed for an entry: the previous hash, a newline, the canonical entry. */
export function hashInput(prevHash: string, e: HashedFields): string {
  return `${prevHash}\n${canonicalEntry(e)}`;
}

/** The wire fields an entry is pushed with (gateway.ts `journalEntryWire`), as far as hashed. */
export interface WireHashedFields {
  readonly seq: number;
  readonly entry_id: string;
  readonly kind: string;
  readonly order_id: string | null;
  readonly created_at_ms: number;
  readonly memo: string;
  readonly postings: readonly { account: string; currency: string; amount_minor: number }[];
  readonly prev_hash: string;
}

/**
 * `hashInput(e.prev_hash, e)` straight from the wire form, without making the camel-case object
 * first (the gateway hashes every pushed entry). Must equal it: test/unit/journal-push-check.test.ts.
 */
export function wireHashInput(e: WireHashedFields): string {
  const postings = e.postings.map((p) => [p.account, p.currency, p.amount_minor]);
  const canonical = JSON.stringify([
    'entry-v1',
    e.seq,
    e.entry_id,
    e.kind,
    e.order_id,
    e.created_at_ms,
    e.memo,
    postings,
  ]);
  return `${e.prev_hash}\n${canonical}`;
}
