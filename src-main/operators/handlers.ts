import { lockoutFieldRefusal } from '../../src-shared/lockout-limits';
import { ok } from '../../src-shared/result';
import type { AuditLog } from '../audit/audit-log';
import type { Handlers } from '../handlers';
import type { EventBus } from '../orders/events';
import type { OperatorService } from './service';

type OperatorCalls =
  | 'operators.status'
  | 'operators.setupOwner'
  | 'operators.login'
  | 'operators.logout'
  | 'operators.list'
  | 'operators.create'
  | 'operators.unlock'
  | 'operators.setActive'
  | 'operators.setPin'
  | 'operators.recover'
  | 'operators.newRecoveryCode'
  | 'operators.setLockout'
  | 'audit.list'
  | 'audit.verify';

export function operatorHandlers(
  ops: OperatorService,
  audit: AuditLog,
  events: EventBus,
): Pick<Handlers, OperatorCalls> {
  const announce = () => events.emit('operators.session', ops.sessionView());
  return {
    'operators.status': () => ok(ops.sessionView()),
    'operators.setupOwner': async ({ name, pin }) => {
      const r = await ops.setupOwner(name, pin);
      if (r.ok) announce();
      return r;
    },
    'operators.login': async ({ operatorId, pin }) => {
      const r = await ops.login(operatorId, pin);
      announce(); // success, or a lockout the lock screen must show
      return r;
    },
    'operators.logout': () => {
      const v = ops.logout();
      announce();
      return ok(v);
    },
    'operators.list': () => ok(ops.listView()),
    'operators.create': ({ name, role, pin, currentPin }) => ops.create(name, role, pin, currentPin),
    'operators.unlock': ({ operatorId, currentPin }) => ops.unlock(operatorId, currentPin),
    'operators.setActive': ({ operatorId, active }) => {
      const r = ops.setActive(operatorId, active);
      if (r.ok) announce(); // the lock screen's list changed
      return r;
    },
    'operators.setPin': ({ operatorId, pin, currentPin }) => ops.setPin(operatorId, pin, currentPin),
    'operators.recover': async ({ operatorId, code, pin }) => {
      const r = await ops.recover(operatorId, code, pin);
      announce(); // logged in, or the code's lockout the lock screen must show
      return r;
    },
    'operators.newRecoveryCode': async ({ currentPin }) => {
      const r = await ops.newRecoveryCode(currentPin);
      announce(); // the lock screen now offers recovery (or shows a lockout after wrong PINs)
      return r;
    },
    'operators.setLockout': async ({ attemptsMax, lockoutMinutes, idleLockMinutes, currentPin }) => {
      const refused =
        lockoutFieldRefusal('attemptsMax', attemptsMax) ??
        lockoutFieldRefusal('lockoutMinutes', lockoutMinutes) ??
        (idleLockMinutes === undefined ? null : lockoutFieldRefusal('idleLockMinutes', idleLockMinutes));
      if (refused) return refused;
      return ops.setLockout(attemptsMax, lockoutMinutes, idleLockMinutes, currentPin);
    },
    'audit.list': ({ beforeSeq, limit }) => ok(audit.list(beforeSeq, limit ?? 50)),
    'audit.verify': () => ok(audit.verify()),
  };
}
