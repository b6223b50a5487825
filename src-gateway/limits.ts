/**
 * Every limit of the gateway, each with its reason. Protocol limits shared with the console
 * (body size, page size, timestamp tolerance) live in src-shared/protocol.
 */
import { HOUR_MS } from '../src-shared/time';

/** A pairing code is read off a screen and typed within minutes; longer lives invite guessing. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000;
/** Codes waiting to be used at once: an operator pairs a handful of counters, not thousands. */
export const PAIRING_CODES_OUTSTANDING_MAX = 100;
/** Failed pairings per client address per window: 10⁸ codes make 10/min hopeless to brute-force. */
export const PAIR_FAILURES_PER_IP_MAX = 10;
/** Failed pairings from all addresses together per window: bounds a distributed guesser too. */
export const PAIR_FAILURES_GLOBAL_MAX = 100;
export const PAIR_FAILURE_WINDOW_MS = 60_000;
/** Addresses tracked by the failure limiter: bounds its memory under a spray of addresses. */
export const RATE_LIMIT_KEYS_MAX = 10_000;

/** Per-terminal token bucket: a counter syncing after days offline bursts, then settles. */
export const TERMINAL_BURST_MAX = 100;
export const TERMINAL_REFILL_PER_S = 50;

/** Terminal secrets are 32 random bytes: the HMAC-SHA256 key size. */
export const TERMINAL_SECRET_BYTES = 32;
/** Tries at a fresh random terminal id before giving up (45 random bits: a clash is rare). */
export const TERMINAL_ID_ATTEMPTS_MAX = 5;

/**
 * A provider session (the customer's wallet page) stays payable for 2 hours after it opened,
 * like the validity of Alipay's precreate qr_code: the provider's trade outlives our order.
 */
export const PROVIDER_SESSION_TTL_MS = 2 * HOUR_MS;
/** Wallet pages opened per order: a reload opens one; hundreds mean a script, not a customer. */
export const SESSIONS_PER_ORDER_MAX = 100;
/**
 * A dynamic QR is for one sale at the counter. A scan of an unknown order whose expiry lies
 * further ahead than this is refused instead of creating a long-lived payable order.
 */
export const ORDER_LIFETIME_MAX_MS = 24 * HOUR_MS;

/** The customer's pay/decline form carries one short field. */
export const CUSTOMER_FORM_BYTES_MAX = 1024;
/** Request targets longer than this are refused before routing (QR URLs are ≤ 512). */
export const REQUEST_TARGET_LENGTH_MAX = 2048;
/** A client has this long to send its whole request (bounds slow-body connections). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** SSE keep-alive comment interval: below the idle timeouts of common proxies (60 s). */
export const SSE_PING_INTERVAL_MS = 15_000;
/** Live streams per terminal: one console needs one; a few cover restarts. The oldest goes. */
export const SSE_STREAMS_PER_TERMINAL_MAX = 4;
/** Live streams in all: each holds a socket and a file descriptor. */
export const SSE_STREAMS_TOTAL_MAX = 1024;
/** Changes read from the db per step while a stream catches up. */
export const SSE_PAGE_SIZE = 200;

/** How often expired orders are closed and old nonces and codes pruned. */
export const MAINTENANCE_INTERVAL_MS = 1_000;
/** Orders closed as expired per maintenance step: keeps one step short. */
export const EXPIRY_SWEEP_BATCH_MAX = 500;

/** The change feed's default page when the terminal names none. */
export const CHANGES_PAGE_DEFAULT = 100;
/** Error messages are cut to what the protocol carries. */
export const ERROR_MESSAGE_LENGTH_MAX = 500;
