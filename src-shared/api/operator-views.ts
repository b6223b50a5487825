import type { Currency } from '../money';

export type OperatorRole = 'owner' | 'cashier';

export interface OperatorView {
  readonly id: string;
  readonly name: string;
  readonly role: OperatorRole;
  /** Locked after too many wrong PINs, until this time; null when not locked. */
  readonly lockedUntilMs: number | null;
  /** Deactivated by an owner: kept for history, cannot log in or approve. */
  readonly disabled: boolean;
}

export interface SessionView {
  readonly hasOwner: boolean;
  readonly current: OperatorView | null;
  /** Who may log in on the lock screen (names and roles only). */
  readonly operators: readonly OperatorView[];
  /** An owner's recovery code exists: the lock screen offers "Forgot PIN?". */
  readonly recoveryAvailable: boolean;
  /** The window locks itself after this many minutes without input (0: never). */
  readonly idleLockMinutes: number;
}

export interface OperatorsView {
  readonly operators: readonly OperatorView[];
  readonly pinAttemptsMax: number;
  readonly pinLockoutMinutes: number;
  readonly idleLockMinutes: number;
}

/**
 * `requested`: saved here, the gateway has not confirmed it yet (retry sends it again).
 * `accepted`: the gateway took it and asked the provider. `succeeded`: the provider returned the
 * money (journaled here). `failed`: the provider refused; nothing moved.
 */
export const REFUND_STATUSES = ['requested', 'accepted', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * How the money goes back: `wallet` through the gateway to the customer's Alipay or WeChat Pay;
 * `cash` handed over from the open shift's drawer (succeeded at once, never sent to the gateway).
 */
export const REFUND_METHODS = ['wallet', 'cash'] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

export interface RefundView {
  readonly id: string;
  readonly orderId: string;
  readonly amountMinor: number;
  readonly currency: Currency;
  readonly reason: string;
  readonly status: RefundStatus;
  readonly method: RefundMethod;
  /**
   * Why a `failed` refund failed: one of `REFUND_FAILURE_CODES` (src-shared/audit-events.ts), or
   * null (failed before the reason was kept, or not failed).
   */
  readonly failureCode: string | null;
  readonly operatorId: string | null;
  readonly approverId: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  /** What the order can still refund after this one (all non-failed refunds counted). */
  readonly orderRefundableMinor: number;
}

export interface AuditEntryView {
  readonly seq: number;
  readonly kind: string;
  readonly operatorId: string | null;
  readonly atMs: number;
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
}

export interface AuditPageView {
  readonly entries: readonly AuditEntryView[];
  readonly total: number;
}

export interface AuditVerifyView {
  readonly entries: number;
  readonly ok: boolean;
  readonly firstBrokenSeq: number | null;
  readonly reason: string | null;
}

export interface SecurityStatusView {
  /** `keyring`: OS keyring via safeStorage. `key_file`: no keyring; a 0600 key file (weaker). */
  readonly secretStorage: 'keyring' | 'key_file';
}
