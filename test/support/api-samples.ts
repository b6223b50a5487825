import type { CallArgs, CallName } from '../../src-shared/api';

export const SAMPLE_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

/** One valid argument object per call; typed so that a new call without a sample fails to compile. */
export const VALID_ARGS: { [K in CallName]: CallArgs<K> } = {
  'app.info': {},
  'settings.setLocale': { locale: 'zh-CN' },
  'ledger.verify': {},
  'gateway.status': {},
  'gateway.pair': { url: 'https://pay.example.com', code: '12345678' },
  'gateway.useDemo': {},
  'orders.create': { amount: '12.34', note: 'table 4' },
  'orders.get': { id: SAMPLE_ID },
  'orders.cancel': { id: SAMPLE_ID },
  'orders.today': {},
  'operators.status': {},
  'operators.setupOwner': { name: 'Owner', pin: '1234' },
  'operators.login': { operatorId: SAMPLE_ID, pin: '1234' },
  'operators.logout': {},
  'operators.list': {},
  'operators.create': { name: 'Li', role: 'cashier', pin: '5678' },
  'operators.unlock': { operatorId: SAMPLE_ID },
  'operators.setLockout': { attemptsMax: 3, lockoutMinutes: 180 },
  'refunds.create': {
    requestId: SAMPLE_ID,
    orderId: SAMPLE_ID,
    amount: '1.00',
    reason: 'damaged',
    approverId: SAMPLE_ID,
    approverPin: '1234',
  },
  'refunds.forOrder': { orderId: SAMPLE_ID },
  'audit.list': { limit: 10 },
  'audit.verify': {},
  'security.status': {},
};
