import { describe, expect, it } from 'vitest';
import { auditDetailText, auditKindKey } from '../../src-renderer/logic/audit-detail';

const f = {
  label: (k: string) => ({ name: 'Name', approver_id: 'Approved by', amount_minor: 'Amount' })[k] ?? null,
  operatorName: (id: string) => (id === 'OP1' ? 'Li' : null),
  time: (ms: number) => `t${ms}`,
  money: (minor: number) => `¥${(minor / 100).toFixed(2)}`,
  role: (r: string) => (r === 'cashier' ? 'Cashier' : r),
};

describe('audit detail as a person reads it', () => {
  it('labels known fields, names operators, formats times and amounts, keeps unknown keys', () => {
    expect(auditDetailText({ approver_id: 'OP1', amount_minor: 500, until_ms: 7, x: true }, f)).toBe(
      'Approved by: Li · Amount: ¥5.00 · until_ms: t7 · x: true',
    );
    // an id no operator has stays the id; a name field is never looked up
    expect(auditDetailText({ approver_id: 'GONE', name: 'OP1' }, f)).toBe('Approved by: GONE · Name: OP1');
    expect(auditDetailText({}, f)).toBe('');
    // a field with no value is left out, not shown as "null"
    expect(auditDetailText({ entrySeq: null, name: 'OP1' }, f)).toBe('Name: OP1');
    expect(auditDetailText({ role: 'cashier' }, f)).toBe('role: Cashier');
    // any *_minor amount is money (the offline limits' audit); minutes stay numbers
    expect(
      auditDetailText(
        { offline_total_max_minor: 200_000, offline_total_max_minor_before: 150_000, offline_max_age_minutes: 360 },
        f,
      ),
    ).toBe(
      'offline_total_max_minor: ¥2000.00 · offline_total_max_minor_before: ¥1500.00 · offline_max_age_minutes: 360',
    );
  });

  it('keys an event kind for i18n', () => {
    expect(auditKindKey('reconcile.accept_late_payment')).toBe('reconcile_accept_late_payment');
  });
});
