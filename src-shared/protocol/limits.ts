/** Protocol limits, in a file without zod so the renderer can import them cheaply. */

/** Request bodies above this are refused with 413 before parsing. */
export const GATEWAY_BODY_BYTES_MAX = 64 * 1024;
/** Change-feed page size cap. */
export const CHANGES_PAGE_MAX = 500;
/** A cashier's note on an order: short enough for a receipt line and a provider's subject. */
export const ORDER_NOTE_LENGTH_MAX = 120;
export const TERMINAL_NAME_LENGTH_MAX = 64;
/** The largest single order the protocol carries (Alipay's 100,000,000.00 yuan). */
export const PROTOCOL_AMOUNT_MINOR_MAX = 10_000_000_000;
/** A refund reason as sent to the gateway (the console's limit is lower; see api/operators.ts). */
export const REFUND_REASON_WIRE_LENGTH_MAX = 200;
/**
 * Journal entries per push. A catch-up after days offline sends ~100 batches per 100k entries;
 * 1000 entries of ~300 bytes stay well under JOURNAL_PUSH_BODY_BYTES_MAX.
 */
export const JOURNAL_PUSH_BATCH_MAX = 1000;
/** The journal push is the one body larger than GATEWAY_BODY_BYTES_MAX (a batch of entries). */
export const JOURNAL_PUSH_BODY_BYTES_MAX = 1024 * 1024;
/** The latest epoch ms a protocol timestamp may carry (JavaScript's Date range). */
export const EPOCH_MS_MAX = 8_640_000_000_000_000;
/** A journal entry's kind as pushed ('sale.qr.reconciled' is 18). */
export const JOURNAL_KIND_LENGTH_MAX = 32;
/** A journal entry's memo as pushed. */
export const JOURNAL_MEMO_LENGTH_MAX = 200;
/** A posting's account name ('clearing:<channel>', 'fees:<channel>'). */
export const JOURNAL_ACCOUNT_LENGTH_MAX = 40;
/** Postings per entry: at least a debit and a credit; at most the console's POSTINGS_PER_ENTRY_MAX. */
export const JOURNAL_POSTINGS_MIN = 2;
export const JOURNAL_POSTINGS_MAX = 16;
