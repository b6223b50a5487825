/** Operators (owner/cashier accounts with PINs), the session, refunds, the audit log. */
import { z } from 'zod';
import { ULID_RE } from '../ulid';
import { call, event } from './contract';
import type {
  AuditPageView,
  AuditVerifyView,
  OperatorsView,
  RefundView,
  SecurityStatusView,
  SessionView,
} from './operator-views';

/** PINs are 4–8 digits: typed on the keypad; lockout after a few tries makes guessing useless. */
export const PIN_RE = /^\d{4,8}$/;
export const OPERATOR_NAME_LENGTH_MAX = 32;
export const REFUND_REASON_LENGTH_MAX = 120;
/** A page of the audit viewer. */
export const AUDIT_PAGE_MAX = 200;

const id = z.string().regex(ULID_RE, 'not an id');
const pin = z.string().regex(PIN_RE, 'a PIN is 4 to 8 digits');
const name = z.string().trim().min(1).max(OPERATOR_NAME_LENGTH_MAX);

export const operatorCalls = {
  /** Who is logged in, whether an owner exists, who can log in (no secrets). */
  'operators.status': call<SessionView>()(z.strictObject({})),
  /** First run only: creates the owner and logs them in. Refused once an owner exists. */
  'operators.setupOwner': call<SessionView>()(z.strictObject({ name, pin })),
  'operators.login': call<SessionView>()(z.strictObject({ operatorId: id, pin })),
  'operators.logout': call<SessionView>()(z.strictObject({})),
  /** Lock screen: an owner who forgot their PIN sets a new one with the recovery code (used up). */
  'operators.recover': call<SessionView>()(
    z.strictObject({ operatorId: id, code: z.string().trim().min(16).max(40), pin }),
  ),
  /** Owner: a new recovery code (replaces the old), shown once. */
  /** Needs the caller's PIN again: the code resets any owner's PIN. */
  'operators.newRecoveryCode': call<{ readonly code: string }>()(z.strictObject({ currentPin: pin })),
  /** Owner only. */
  'operators.list': call<OperatorsView>()(z.strictObject({})),
  /** An owner needs the caller's PIN again (`currentPin`); a cashier does not. */
  'operators.create': call<OperatorsView>()(
    z.strictObject({ name, role: z.enum(['owner', 'cashier']), pin, currentPin: pin.optional() }),
  ),
  /**
   * Clears an operator's wrong-PIN lockout. Never one's own (the lockout guards that PIN); an
   * owner's needs the caller's PIN again (`currentPin`); a cashier's does not.
   */
  'operators.unlock': call<OperatorsView>()(z.strictObject({ operatorId: id, currentPin: pin.optional() })),
  /** Deactivate (a cashier who left) or activate again. Not oneself, never the last owner. */
  'operators.setActive': call<OperatorsView>()(z.strictObject({ operatorId: id, active: z.boolean() })),
  /** A new PIN for an operator (one who forgot theirs); one's own needs the current PIN too. */
  'operators.setPin': call<OperatorsView>()(z.strictObject({ operatorId: id, pin, currentPin: pin.optional() })),
  /**
   * Owner only. Numbers arrive unchecked: the handler refuses each out of its range with a code
   * naming the field (src-shared/lockout-limits.ts). `idleLockMinutes` 0: never.
   */
  'operators.setLockout': call<OperatorsView>()(
    z.strictObject({
      attemptsMax: z.number(),
      lockoutMinutes: z.number(),
      idleLockMinutes: z.number().optional(),
      /** The caller's PIN again: needed when the change loosens the lockout or the idle lock. */
      currentPin: pin.optional(),
    }),
  ),
};

const refundArgs = z.strictObject({
  requestId: id,
  orderId: id,
  amount: z.string().max(64),
  reason: z.string().trim().min(1).max(REFUND_REASON_LENGTH_MAX),
  approverId: id,
  approverPin: pin,
});

export const refundCalls = {
  /**
   * Full or partial refund of a paid order. `requestId` is made on the device once per refund
   * and reused on every retry: the same id refunds at most once.
   */
  'refunds.create': call<RefundView>()(refundArgs),
  /**
   * The same refund handed back in cash from the open shift's drawer (after a wallet refund the
   * gateway refused, or as the customer asks): bounded by what is left to refund and by the
   * drawer; succeeded at once, never sent to the gateway. Same request-id rule.
   */
  'refunds.createCash': call<RefundView>()(refundArgs),
  'refunds.forOrder': call<readonly RefundView[]>()(z.strictObject({ orderId: id })),
};

export const auditCalls = {
  'audit.list': call<AuditPageView>()(
    z.strictObject({
      beforeSeq: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
    }),
  ),
  'audit.verify': call<AuditVerifyView>()(z.strictObject({})),
  'security.status': call<SecurityStatusView>()(z.strictObject({})),
};

export const operatorEvents = {
  'operators.session': event<SessionView>(),
  'refund.updated': event<RefundView>(),
};
