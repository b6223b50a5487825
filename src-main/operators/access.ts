/**
 * Who may make which call — decided once, in dispatch, not per handler. Default deny: a call not
 * listed as public needs a logged-in operator, so every call that moves money (orders, refunds,
 * and whatever later domains add) is guarded without remembering to. Owner-only calls are listed.
 */
import type { CallName } from '../../src-shared/api';
import { err, type Err } from '../../src-shared/result';
import type { OperatorSession } from './session';

/** Usable on the lock screen, before anyone logs in. */
export const PUBLIC_CALLS: ReadonlySet<CallName> = new Set<CallName>([
  'app.info',
  'settings.setLocale',
  'gateway.status',
  'security.status',
  'operators.status',
  'operators.setupOwner',
  'operators.login',
  'operators.logout',
  'operators.recover',
]);

/** Account, pairing and audit calls: the owner only. */
export const OWNER_CALLS: ReadonlySet<CallName> = new Set<CallName>([
  'operators.list',
  'operators.create',
  'operators.unlock',
  'operators.setActive',
  'operators.setPin',
  'operators.newRecoveryCode',
  'operators.setLockout',
  'audit.list',
  'audit.verify',
  'ledger.backup',
  'gateway.pair',
  'gateway.useDemo',
  'settlement.setSettings',
  'printer.set',
  // Closing the day is the owner's: business-day rules, offline risk limits (reconciliation:
  // the whole domain, below).
  'reports.setBusinessDay',
  'offline.setLimits',
  'offline.resolveIssue',
  'offline.writeOff',
]);

/** Whole domains that are the owner's, so a call added to them later is guarded without a list edit. */
const OWNER_DOMAINS: readonly string[] = ['reconcile.'];
const isOwnerDomain = (name: string): boolean => OWNER_DOMAINS.some((d) => name.startsWith(d));

export type AccessGuard = (name: CallName) => Err | null;

export function accessGuard(session: OperatorSession): AccessGuard {
  return (name) => {
    if (PUBLIC_CALLS.has(name)) return null;
    const role = session.currentRole();
    if (role === null) return err('login_required', 'log in first');
    if ((OWNER_CALLS.has(name) || isOwnerDomain(name)) && role !== 'owner')
      return err('owner_required', 'this needs the owner');
    return null;
  };
}
