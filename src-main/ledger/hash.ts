import { createHash } from 'node:crypto';

export { canonicalEntry, GENESIS_HASH, type HashedFields } from '../../src-shared/protocol/journal-entry';

/**
 * SHA-256 over the previous hash, a newline and the canonical entry (`canonicalEntry(e)`, which
 * `hashInput` names): editing or removing any row breaks the chain.
 */
export function canonicalHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
}
