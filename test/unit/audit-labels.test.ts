/**
 * Every audit event the console can record (src-shared/audit-events.ts, which `AuditLog.record`
 * enforces) has words on the Audit screen in both locales: its kind, each detail key, and each
 * known value of an enumerated field. A new kind, key or value without a label fails here.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS, AUDIT_FIELD_VALUES, REFUND_FAILURE_CODES } from '../../src-shared/audit-events';
import { SOURCE_KINDS } from '../../src-shared/api/reconcile-views';
import { auditDetailText, auditKindKey, auditValueKey } from '../../src-renderer/logic/audit-detail';
import { openDatabase } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { AuditLog } from '../../src-main/audit/audit-log';
import { auditFormat } from '../support/audit-format';

const LOCALES = ['zh-CN', 'en'] as const;
const kinds = Object.keys(AUDIT_EVENTS) as (keyof typeof AUDIT_EVENTS)[];
const keys = [...new Set(kinds.flatMap((k) => AUDIT_EVENTS[k]))];

describe.each(LOCALES)('the Audit screen in %s labels everything the console records', (lng) => {
  const f = auditFormat(lng);

  it('every event kind', () => {
    for (const kind of kinds) expect(f.text(`audit.kinds.${auditKindKey(kind)}`), kind).not.toBeNull();
  });

  it('every detail key', () => {
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) expect(f.label(key), key).not.toBeNull();
  });

  it('every known value of an enumerated field, and each such field is one the console records', () => {
    for (const [field, values] of Object.entries(AUDIT_FIELD_VALUES)) {
      expect(keys, field).toContain(field);
      for (const v of values) {
        const key = auditValueKey(field, v);
        expect(f.text(key), key).not.toBeNull();
        // and the detail line shows the words, not the code
        expect(auditDetailText({ [field]: v }, f), `${field}: ${v}`).not.toContain(`: ${v}`);
      }
    }
  });

  it('no detail line of any event shows a bare key', () => {
    for (const kind of kinds) {
      const sample = Object.fromEntries(AUDIT_EVENTS[kind].map((k) => [k, 1]));
      const line = auditDetailText(sample, f);
      for (const k of AUDIT_EVENTS[kind]) expect(line, `${kind}: ${k}`).not.toMatch(new RegExp(`(^| · )${k}:`));
    }
  });
});

describe('the catalog is what the console records', () => {
  it('lists the enumerations the code draws from', () => {
    expect(AUDIT_FIELD_VALUES.kind).toEqual(SOURCE_KINDS);
    expect(AUDIT_FIELD_VALUES.code).toEqual(REFUND_FAILURE_CODES);
  });

  it('the log refuses a kind or a key the catalog does not list', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const log = new AuditLog(db, { now: () => 1 });
    expect(() => log.record('settings.changed', null, { attempts_max: 3, lockout_minutes: 180 })).not.toThrow();
    expect(() => log.record('settings.nothing' as never, null, {})).toThrow(/not in AUDIT_EVENTS/);
    expect(() => log.record('settings.changed', null, { brand_new_setting: 1 } as never)).toThrow(/not listed/);
    expect(log.verify()).toMatchObject({ ok: true, entries: 1 });
  });
});
