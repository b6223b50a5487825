/** The audit log: settings fields, enumerated values and durations (merged into operators.ts' audit). */
import type { auditFormatZhCN, auditSettingsFieldsZhCN, auditValuesZhCN } from '../zh-CN/audit';

export const auditSettingsFieldsEn: typeof auditSettingsFieldsZhCN = {
  attempts_max: 'Wrong PINs allowed in a row',
  lockout_minutes: 'Locked for',
  idle_lock_minutes: 'Lock when idle after',
  fee_rates_bps: 'Fee rates',
  fee_rates_bps_before: 'Fee rates before',
  payout_delay_days: 'Payout',
  payout_delay_days_before: 'Payout before',
  printer_enabled: 'Receipt printer on',
  printer_host: 'Printer host',
  printer_port: 'Printer port',
  time_zone: 'Time zone',
  time_zone_before: 'Time zone before',
  cutoff_hour: 'Business day starts at',
  cutoff_hour_before: 'Business day started at',
};

export const auditValuesEn: typeof auditValuesZhCN = {
  role: { owner: 'Owner', cashier: 'Cashier' },
  state: { done: 'Done', cancelled: 'Cancelled', failed: 'Failed' },
  kind: { alipay: 'Alipay bill', wechat: 'WeChat Pay bill', gateway: 'Gateway statement' },
  to: { accepted: 'Accepted by the gateway' },
  code: {
    refund_exceeds_paid: 'More than is left to refund',
    refund_not_allowed: 'This order cannot be refunded',
    refund_conflict: 'Conflicts with a refund already made',
    not_found: 'The gateway does not know the order',
    provider_failed: 'The payment provider’s refund failed',
  },
};

export const auditFormatEn: typeof auditFormatZhCN = {
  yes: 'Yes',
  no: 'No',
  never: 'Never',
  minutes: '{{n}} min',
  hours: '{{n}} h',
  hoursMinutes: '{{h}} h {{m}} min',
  payoutDays: 'T+{{n}}',
  hour: '{{hour}}:00',
};
