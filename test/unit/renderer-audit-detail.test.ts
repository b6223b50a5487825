import { describe, expect, it } from 'vitest';
import { auditDetailText, auditKindKey } from '../../src-renderer/logic/audit-detail';
import { auditFormat } from '../support/audit-format';

const en = auditFormat('en', { OP1: 'Li' });
const zh = auditFormat('zh-CN', { OP1: 'Li' });

describe('audit detail as a person reads it', () => {
  it('labels known fields, names operators, formats times and amounts, keeps unknown keys', () => {
    expect(auditDetailText({ approver_id: 'OP1', amount_minor: 500, until_ms: 7, x: 'y' }, en)).toBe(
      'Approved by: Li · Amount: ¥5.00 · Locked until: t7 · x: y',
    );
    // an id no operator has stays the id; a name field is never looked up
    expect(auditDetailText({ approver_id: 'GONE', name: 'OP1' }, en)).toBe('Approved by: GONE · Name: OP1');
    expect(auditDetailText({}, en)).toBe('');
    // a field with no value is left out, not shown as "null"
    expect(auditDetailText({ entrySeq: null, name: 'OP1' }, en)).toBe('Name: OP1');
    // any *_minor amount is money (the offline limits' audit); minutes are durations
    expect(
      auditDetailText(
        { offline_total_max_minor: 200_000, offline_total_max_minor_before: 150_000, offline_max_age_minutes: 360 },
        en,
      ),
    ).toBe('Most awaiting confirmation: ¥2000.00 · Most awaiting confirmation before: ¥1500.00 · Longest wait: 6 h');
  });

  it('the lockout settings: labels and durations, not keys and bare numbers (QA: "attempts_max: 3")', () => {
    const detail = { attempts_max: 3, idle_lock_minutes: 1, lockout_minutes: 180 };
    expect(auditDetailText(detail, en)).toBe(
      'Wrong PINs allowed in a row: 3 · Lock when idle after: 1 min · Locked for: 3 h',
    );
    expect(auditDetailText(detail, zh)).toBe(
      '允许连续输错 PIN 次数: 3 · 无操作自动锁屏: 1 分钟 · 输错后锁定时长: 3 小时',
    );
    expect(auditDetailText({ idle_lock_minutes: 0, lockout_minutes: 90 }, en)).toBe(
      'Lock when idle after: Never · Locked for: 1 h 30 min',
    );
  });

  it('enumerated values in words: outcomes, bill sources, roles, channels, refusals, languages', () => {
    expect(auditDetailText({ state: 'done' }, zh)).toBe('结果: 完成');
    expect(auditDetailText({ kind: 'alipay' }, zh)).not.toContain('alipay');
    expect(auditDetailText({ kind: 'alipay', state: 'cancelled' }, en)).toBe('Kind: Alipay bill · Outcome: Cancelled');
    expect(auditDetailText({ role: 'cashier' }, en)).toBe('Role: Cashier');
    expect(auditDetailText({ channel: 'wechat' }, en)).toBe('Channel: WeChat Pay');
    expect(auditDetailText({ code: 'refund_conflict', to: 'accepted' }, en)).toBe(
      'Code: Conflicts with a refund already made · Now: Accepted by the gateway',
    );
    expect(auditDetailText({ locale: 'en' }, zh)).toBe('语言: English');
    // a value nobody listed keeps its code
    expect(auditDetailText({ channel: 'unionpay' }, en)).toBe('Channel: unionpay');
  });

  it('settings: fee rates as percentages, payout as T+n, cutoff as a time, yes/no', () => {
    expect(
      auditDetailText({ fee_rates_bps: '{"alipay":38,"wechat":60}', payout_delay_days: 1, printer_enabled: true }, en),
    ).toBe('Fee rates: Alipay 0.38%, WeChat Pay 0.60% · Payout: T+1 · Receipt printer on: Yes');
    expect(auditDetailText({ cutoff_hour: 4, cutoff_hour_before: 0, time_zone: 'Asia/Tokyo' }, en)).toBe(
      'Business day starts at: 04:00 · Business day started at: 00:00 · Time zone: Asia/Tokyo',
    );
    expect(auditDetailText({ demo: true, was_failed_here: false }, zh)).toBe('演示: 是 · 本机曾记为失败: 否');
  });

  it('keys an event kind for i18n', () => {
    expect(auditKindKey('reconcile.accept_late_payment')).toBe('reconcile_accept_late_payment');
  });
});
