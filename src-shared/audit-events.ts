/**
 * Every audit event the console records, with the detail keys each may carry, and the known
 * values of the enumerated fields. The source of truth on both sides: `AuditLog.record` takes
 * only these kinds and keys (checked by the compiler, and asserted at run time for the calls
 * that build a kind), and the Audit screen must label every kind, key and value listed here
 * (test/unit/audit-labels.test.ts). A new event or key goes here first.
 */
import { SOURCE_KINDS, type RECON_ACTIONS } from './api/reconcile-views';
import { LOCALES } from './api/views';

const OPERATOR = ['id', 'name'] as const;
const RECON_ACTION = ['runId', 'idx', 'row', 'reason', 'entrySeq'] as const;

export const AUDIT_EVENTS = {
  'operator.owner_setup': ['name'],
  'operator.login': [],
  'operator.logout': [],
  'operator.created': ['id', 'role', 'name'],
  'operator.unlocked': ['id'],
  'operator.enabled': OPERATOR,
  'operator.disabled': OPERATOR,
  'operator.pin_reset': OPERATOR,
  'operator.recovered': OPERATOR,
  'operator.pin_wrong': ['attempts'],
  'operator.locked': ['until_ms'],
  'operator.recovery_code_made': [],
  'operator.recovery_code_wrong': ['attempts'],
  /** One kind for several owner settings; each save records its own group of keys. */
  'settings.changed': [
    // Operators → lockout
    'attempts_max',
    'lockout_minutes',
    'idle_lock_minutes',
    // language (when someone is logged in)
    'locale',
    // Settings → fees and payouts
    'fee_rates_bps',
    'fee_rates_bps_before',
    'payout_delay_days',
    'payout_delay_days_before',
    // Settings → receipt printer
    'printer_enabled',
    'printer_host',
    'printer_port',
    // Settings → offline limits
    'offline_order_max_minor',
    'offline_order_max_minor_before',
    'offline_total_max_minor',
    'offline_total_max_minor_before',
    'offline_max_age_minutes',
    'offline_max_age_minutes_before',
  ],
  'settings.business_day_changed': ['time_zone', 'time_zone_before', 'cutoff_hour', 'cutoff_hour_before'],
  'ledger.backup': ['file', 'bytes'],
  'gateway.paired': ['terminal_id', 'url', 'demo', 'left_offline_sales', 'left_payable_orders'],
  /** Cash handed back from the drawer: on the Shift screen (no order), or for an order (its refund). */
  'cash.refunded': ['amount_minor', 'reason', 'approver_id', 'order_id', 'refund_id'],
  'refund.requested': ['refund_id', 'order_id', 'amount_minor', 'approver_id', 'reason'],
  'refund.failed': ['refund_id', 'code'],
  'refund.reopened': ['refund_id', 'to'],
  'refund.succeeded': ['refund_id', 'order_id', 'amount_minor', 'entry_seq', 'was_failed_here'],
  'sync.feed_rewound': ['gateway_head', 'console_cursor', 'marks'],
  'sync.journal_resent': ['gateway_seq', 'console_seq', 'entries'],
  'sync_issue.handled': ['issue_id', 'order_id', 'amount_minor'],
  'offline.code_unlocked': ['order_id', 'amount_minor', 'approver_id', 'wrong_codes', 'unlock', 'reason'],
  'offline.written_off': ['order_id', 'amount_minor', 'approver_id', 'reason', 'entry_seq'],
  'offline.write_off_recovered': ['order_id', 'amount_minor', 'channel', 'provider_trade_no', 'entry_seq'],
  'reconcile.accept_late_payment': RECON_ACTION,
  'reconcile.mark_duplicate_for_refund': RECON_ACTION,
  'reconcile.mark_duplicate_refunded': RECON_ACTION,
  'reconcile.record_statement_refund': RECON_ACTION,
  'reconcile.annotate': RECON_ACTION,
  'reconcile.import': ['sourceId', 'kind', 'sha256', 'rows'],
  'reconcile.run': ['runId', 'sourceId', 'state'],
} as const satisfies Record<string, readonly string[]>;

export type AuditKind = keyof typeof AUDIT_EVENTS;
export type AuditKey<K extends AuditKind> = (typeof AUDIT_EVENTS)[K][number];
export type AuditValue = string | number | boolean | null;
/** The detail of one kind: only its keys, any of them left out (none at all for a kind without). */
export type AuditDetailOf<K extends AuditKind> = [AuditKey<K>] extends [never]
  ? Readonly<Record<string, never>>
  : { readonly [P in AuditKey<K>]?: AuditValue };

// Every reconciliation action is an event of its own (`reconcile.<action>`, reconcile/actions.ts).
type ReconActionKinds = `reconcile.${(typeof RECON_ACTIONS)[number]}`;
const reconActionsListed: ReconActionKinds extends AuditKind ? true : never = true;
void reconActionsListed;

export const isAuditKind = (kind: string): kind is AuditKind => Object.hasOwn(AUDIT_EVENTS, kind);

/** The keys a kind may carry (empty for an unknown kind). */
export const auditKeys = (kind: string): readonly string[] => (isAuditKind(kind) ? AUDIT_EVENTS[kind] : []);

/** A refund's failure codes: the gateway's definite refusals, and the provider's failure. */
export const REFUND_FAILURE_CODES = [
  'refund_exceeds_paid',
  'refund_not_allowed',
  'refund_conflict',
  'not_found',
  'provider_failed',
] as const;

/**
 * The values an enumerated field takes, each shown in words. `channel` and `locale` carry
 * what the gateway and the language switch know; anything else still shows its code.
 */
export const AUDIT_FIELD_VALUES = {
  role: ['owner', 'cashier'],
  /** reconcile.run: how a run ended (a failed run is not recorded). */
  state: ['done', 'cancelled', 'failed'],
  /** reconcile.import: the bill's source. */
  kind: SOURCE_KINDS,
  /** refund.reopened: the state the gateway put it back in. */
  to: ['accepted'],
  /** refund.failed */
  code: REFUND_FAILURE_CODES,
  channel: ['cash', 'alipay', 'wechat', 'sandbox', 'offline', 'writeoff'],
  locale: LOCALES,
} as const satisfies Record<string, readonly string[]>;
