/** Hash-chained journal entries in their push form, as a console would send them. */
import { wireEntryHash } from '../../src-gateway/journal/service';
import { GENESIS_HASH, parseCanonical, wireCanonical } from '../../src-shared/protocol/journal-entry';
import type { JournalEntryWire } from '../../src-shared/protocol/gateway';

export interface ChainOptions {
  /** The head to continue from (default: the genesis). */
  readonly from?: { readonly seq: number; readonly hash: string };
  /**
   * Varied entries: every third a refund kind, every second with an order, memos with text
   * that JSON escapes (quotes, backslash, CJK, a newline) tagged with this string.
   */
  readonly varied?: string;
}

/** A valid chain of n entries, each `100 × seq` fen from clearing to sales. */
export function wireChain(n: number, options: ChainOptions = {}): JournalEntryWire[] {
  const from = options.from ?? { seq: 0, hash: GENESIS_HASH };
  const tag = options.varied;
  const out: JournalEntryWire[] = [];
  let prev = from.hash;
  for (let i = 1; i <= n; i++) {
    const seq = from.seq + i;
    const base = {
      seq,
      entry_id: `01ARZ3NDEKTSV4RRFFQ69G${String(seq).padStart(4, '0')}`,
      kind: tag !== undefined && seq % 3 === 0 ? 'refund.qr' : 'sale.qr',
      order_id: tag !== undefined && seq % 2 === 0 ? `01ARZ3NDEKTSV4RRFFQ69H${String(seq).padStart(4, '0')}` : null,
      created_at_ms: 1_000 + seq,
      memo: tag !== undefined ? `${tag} "收款" \\ ${seq}\n` : `sale ${seq}`,
      postings: [
        { account: 'clearing:sandbox', currency: 'CNY' as const, amount_minor: 100 * seq },
        { account: 'sales', currency: 'CNY' as const, amount_minor: -100 * seq },
      ],
      prev_hash: prev,
      hash: '',
    };
    const e = { ...base, hash: wireEntryHash(base) };
    out.push(e);
    prev = e.hash;
  }
  return out;
}

/** Wire entries as a chain-lines body (journal-lines.ts): the hash before, then each entry and its hash. */
export function chainLines(entries: readonly JournalEntryWire[]): string {
  const first = entries[0];
  if (!first) throw new Error('chainLines: no entries');
  return [first.prev_hash, ...entries.flatMap((e) => [wireCanonical(e), e.hash])].join('\n');
}

/** A chain-lines body read back: the hash before the batch and each entry's fields and hash. */
export function readChainLines(body: string): { prevHash: string; entries: JournalEntryWire[] } {
  const lines = body.split('\n');
  if (lines.length % 2 !== 1) throw new Error(`chain lines: ${lines.length} lines`);
  const entries: JournalEntryWire[] = [];
  let prev = lines[0]!;
  for (let i = 1; i < lines.length; i += 2) {
    const fields = parseCanonical(lines[i]!);
    if (!fields) throw new Error(`chain lines: line ${i + 1} is not canonical: ${lines[i]}`);
    const hash = lines[i + 1]!;
    entries.push({ ...fields, prev_hash: prev, hash } as JournalEntryWire);
    prev = hash;
  }
  return { prevHash: lines[0]!, entries };
}
