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
 * `canonicalEntry(e)` straight from the wire form, without making the camel-case object first
 * (the gateway hashes every pushed entry and stores this string). Must equal it:
 * test/unit/journal-push-check.test.ts.
 */
export function wireCanonical(e: Omit<WireHashedFields, 'prev_hash'>): string {
  const postings = e.postings.map((p) => [p.account, p.currency, p.amount_minor]);
  return JSON.stringify(['entry-v1', e.seq, e.entry_id, e.kind, e.order_id, e.created_at_ms, e.memo, postings]);
}

/** `hashInput(e.prev_hash, e)` from the wire form. */
export function wireHashInput(e: WireHashedFields): string {
  return `${e.prev_hash}\n${wireCanonical(e)}`;
}

/** The hashed fields back from a canonical string (as the gateway stores it); null if it is not one. */
export function parseCanonical(text: string): Omit<WireHashedFields, 'prev_hash'> | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(v) || v.length !== 8 || v[0] !== 'entry-v1' || !Array.isArray(v[7])) return null;
  const [, seq, entryId, kind, orderId, createdAtMs, memo, postings] = v as unknown[];
  if (typeof seq !== 'number' || typeof entryId !== 'string' || typeof kind !== 'string') return null;
  if (!(orderId === null || typeof orderId === 'string') || typeof createdAtMs !== 'number') return null;
  if (typeof memo !== 'string') return null;
  const out: { account: string; currency: string; amount_minor: number }[] = [];
  for (const p of postings as unknown[]) {
    if (!Array.isArray(p) || p.length !== 3) return null;
    const [account, currency, amount] = p as unknown[];
    if (typeof account !== 'string' || typeof currency !== 'string' || typeof amount !== 'number') return null;
    out.push({ account, currency, amount_minor: amount });
  }
  const fields = { seq, entry_id: entryId, kind, order_id: orderId, created_at_ms: createdAtMs, memo, postings: out };
  // Only the exact canonical text is one: the stored string is what was hashed.
  return wireCanonical(fields) === text ? fields : null;
}
