/** 审计日志：设置类字段、枚举值、时长的文案（合并进 operators.ts 的 audit 命名空间）。 */

/** 设置变更记录的字段（其余字段在 operators.ts 的 audit.fields）。 */
export const auditSettingsFieldsZhCN = {
  attempts_max: '允许连续输错 PIN 次数',
  lockout_minutes: '输错后锁定时长',
  idle_lock_minutes: '无操作自动锁屏',
  fee_rates_bps: '手续费率',
  fee_rates_bps_before: '原手续费率',
  payout_delay_days: '结算周期',
  payout_delay_days_before: '原结算周期',
  printer_enabled: '小票打印机',
  printer_host: '打印机地址',
  printer_port: '打印机端口',
  time_zone: '时区',
  time_zone_before: '原时区',
  cutoff_hour: '营业日切换时间',
  cutoff_hour_before: '原营业日切换时间',
};

/** 枚举字段的取值（字段名 → 取值 → 文字），见 src-shared/audit-events.ts。 */
export const auditValuesZhCN = {
  role: { owner: '店主', cashier: '收银员' },
  state: { done: '完成', cancelled: '已取消', failed: '失败' },
  kind: { alipay: '支付宝账单', wechat: '微信支付账单', gateway: '网关对账单' },
  to: { accepted: '网关已受理' },
  code: {
    refund_exceeds_paid: '退款金额超过可退金额',
    refund_not_allowed: '该订单不能退款',
    refund_conflict: '退款与已有退款冲突',
    not_found: '网关找不到该订单',
    provider_failed: '支付机构退款失败',
  },
};

/** 数值的写法。 */
export const auditFormatZhCN = {
  yes: '是',
  no: '否',
  never: '从不',
  minutes: '{{n}} 分钟',
  hours: '{{n}} 小时',
  hoursMinutes: '{{h}} 小时 {{m}} 分钟',
  payoutDays: 'T+{{n}}',
  hour: '{{hour}}:00',
};
