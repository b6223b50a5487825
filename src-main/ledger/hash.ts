import { createHash } from 'node:crypto';

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

/** Canonical form: a JSON array in fixed field order (no key-order ambiguity), then the link. */
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

/** SHA-256 over the previous hash and the canonical entry: editing or removing any row breaks the chain. */
export function entryHash(prevHash: string, e: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntry(e)).digest('hex');
}
