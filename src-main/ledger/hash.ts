import { createHash } from 'node:crypto';
import { hashInput, type HashedFields } from '../../src-shared/protocol/journal-entry';

export { canonicalEntry, GENESIS_HASH, type HashedFields } from '../../src-shared/protocol/journal-entry';

/** SHA-256 over the previous hash and the canonical entry: editing or removing any row breaks the chain. */
export function entryHash(prevHash: string, e: HashedFields): string {
  return createHash('sha256').update(hashInput(prevHash, e)).digest('hex');
}
