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
