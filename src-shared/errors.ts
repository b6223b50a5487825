/**
 * Every error code the API, the gateway protocol and the UI know. The UI translates
 * `errors.<code>`; a code missing from a locale is a test failure (test/unit/i18n.test.ts).
 */
export const ERROR_CODES = [
  // boundary validation
  'invalid_argument',
  'unknown_call',
  'payload_too_large',
  // money and orders
  'amount_empty',
  'amount_not_number',
  'amount_zero',
  'amount_too_many_decimals',
  'amount_too_large',
  'currency_unsupported',
  'note_too_long',
  'order_not_found',
  'order_transition_refused',
  'order_conflict',
  // gateway, pairing, sync
  'not_paired',
  'gateway_unreachable',
  'gateway_rejected',
  'gateway_bad_reply',
  /** The gateway lacks an endpoint this console needs (older protocol): update the gateway. */
  'gateway_outdated',
  /** The gateway serves newer consoles only (x-pos-protocol): update this console. */
  'console_outdated',
  /** This counter failed to record what the gateway sent (a local fault: disk, database): retried with backoff. */
  'sync_local_error',
  /** An open offline_unconfirmed issue: it closes when the gateway confirms the sale, not by hand. */
  'sync_issue_waits_for_gateway',
  /** Pairing elsewhere while the current gateway owes answers (params: sales, orders). */
  'pairing_leaves_pending',
  'pairing_url_invalid',
  'pairing_code_invalid',
  /** Not 8 digits as typed: refused before anything is sent to the gateway. */
  'pairing_code_malformed',
  'unauthorized',
  'signature_invalid',
  'request_stale',
  'nonce_reused',
  'terminal_unknown',
  'rate_limited',
  'qr_invalid',
  'qr_expired',
  'order_closed',
  'not_found',
  // reconciliation
  'bill_malformed',
  /** Neither provider's trade bill: what to download instead. */
  'bill_unrecognized',
  /** The file as a whole cannot be read (zip, encoding, no header): no line to name (param: detail). */
  'bill_unreadable',
  /** A bill's trade or refund totals line disagrees with its rows (cut short or edited): footer, rows. */
  'bill_trade_totals_mismatch',
  'bill_refund_totals_mismatch',
  /** A bill without its totals lines: cut short. */
  'bill_footer_missing',
  'bill_too_large',
  'upload_not_found',
  'upload_incomplete',
  'recon_source_not_found',
  'recon_run_not_found',
  'recon_run_busy',
  'recon_range_invalid',
  'recon_action_refused',
  'recon_already_recorded',
  'statement_unavailable',
  // payment codes and providers (alipay branch)
  'payment_code_malformed',
  /** A payment code was scanned at the amount screen, before any order (the window says it). */
  'scan_before_amount',
  'payment_code_wallet_unsupported',
  'charge_not_allowed',
  'charge_attempts_exhausted',
  'provider_unavailable',
  'bill_not_available',
  'export_unavailable',
  // operators, refunds, audit
  'login_required',
  'owner_required',
  'owner_exists',
  'operator_not_found',
  'pin_wrong',
  'operator_locked',
  'operator_disabled',
  'recovery_unavailable',
  'recovery_code_wrong',
  'recovery_locked',
  'backup_running',
  'backup_failed',
  'operator_self',
  /** An operator cannot clear their own wrong-PIN lockout. */
  'unlock_self',
  'last_owner',
  /** A lockout setting out of its range or not a whole number (params: min, max). */
  'lockout_attempts_invalid',
  'lockout_minutes_invalid',
  'idle_lock_minutes_invalid',
  /** Another active operator has this name: the lock screen would show two alike (param: name). */
  'operator_name_taken',
  'refund_not_allowed',
  'refund_exceeds_paid',
  /** The gateway refused a wallet refund as more than is left: it holds refunds this till lacks. */
  'refund_gateway_refunded',
  'refund_conflict',
  'terminal_revoked',
  // journal push and offline acceptance
  'journal_gap',
  'journal_ahead',
  'journal_chain_broken',
  'journal_conflict',
  'journal_unbalanced',
  'offline_code_wrong',
  'offline_code_locked',
  'offline_order_not_payable',
  'offline_limit_order',
  'offline_limit_total',
  'offline_limit_age',
  'offline_limits_inconsistent',
  'offline_max_age_range',
  'offline_code_not_locked',
  'offline_unlocks_exhausted',
  /** Only a sale verified by code and not confirmed by the gateway can be written off (param: state). */
  'offline_write_off_refused',
  /** A code-verified sale still within the owner's maximum age: the gateway may yet confirm it (param: maxAgeMs). */
  'offline_write_off_early',
  // settings
  'locale_invalid',
  // settlement: shifts, cash, reports
  'shift_not_open',
  'shift_already_open',
  'shift_already_closed',
  'shift_not_found',
  'cash_exceeds_drawer',
  /** A drawer count above what a drawer can hold (params: max, max_minor, currency). */
  'cash_count_too_large',
  'tendered_too_little',
  'reason_required',
  'range_invalid',
  'range_too_long',
  'cutoff_invalid',
  'timezone_invalid',
  'export_too_large',
  'pdf_unavailable',
  'fee_rate_invalid',
  'payout_delay_invalid',
  'printer_host_invalid',
  'printer_port_invalid',
  'printer_not_configured',
  'printer_unreachable',
  'printer_timeout',
  // a bug: logged in full in main, shown as a generic message
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = (x: unknown): x is ErrorCode =>
  typeof x === 'string' && (ERROR_CODES as readonly string[]).includes(x);

/** For exhaustive switches: `default: throw missingCase(x)` fails to compile when a case is added. */
export function missingCase(x: never): Error {
  return new Error(`unhandled case: ${JSON.stringify(x)}`);
}

/** An invariant. A failure is a bug: it stops the operation loudly. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
