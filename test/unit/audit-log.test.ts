import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src-main/audit/audit-log';
import { openDatabase, type Db } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { ManualClock } from '../support/fixtures';

let db: Db;
let log: AuditLog;
let clock: ManualClock;

beforeEach(() => {
  db = openDatabase(':memory:');
  migrate(db);
  clock = new ManualClock();
  log = new AuditLog(db, clock);
  for (let i = 0; i < 10; i++) {
    clock.advance(1_000);
    log.record('operator.pin_wrong', `op${i}`, { attempts: i });
  }
});
afterEach(() => db.close());

/** What an attacker with the file and a SQLite tool can do: drop the triggers and edit. */
function tamper(sql: string, ...params: unknown[]): void {
  db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
  db.prepare(sql).run(...params);
}

describe('audit log', () => {
  it('is append-only: UPDATE and DELETE are refused by triggers', () => {
    expect(() => db.prepare("UPDATE audit_log SET kind = 'x.y' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 10').run()).toThrow(/append-only/);
    expect(log.verify()).toEqual({ entries: 10, ok: true, firstBrokenSeq: null, reason: null });
  });

  it('names the first edited entry (detail, kind, operator or time)', () => {
    for (const [col, value] of [
      ['detail', '{"n":99}'],
      ['kind', 'operator.logout'],
      ['operator_id', 'mallory'],
      ['at_ms', 1],
    ] as const) {
      db.close();
      db = openDatabase(':memory:');
      migrate(db);
      log = new AuditLog(db, clock);
      for (let i = 0; i < 10; i++) log.record('operator.pin_wrong', `op${i}`, { attempts: i });
      tamper(`UPDATE audit_log SET ${col} = ? WHERE seq = 6`, value);
      expect(log.verify()).toMatchObject({ ok: false, firstBrokenSeq: 6, entries: 5 });
    }
  });

  it('finds a deleted entry in the middle', () => {
    tamper('DELETE FROM audit_log WHERE seq = 4');
    expect(log.verify()).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'a row is missing' });
  });

  it('a rewritten hash does not help: the next row links to the old one', () => {
    tamper("UPDATE audit_log SET detail = '{}', hash = ? WHERE seq = 3", 'f'.repeat(64));
    expect(log.verify()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('refuses detail keys that look like secrets and kinds that are not dotted names', () => {
    expect(() => log.record('operator.login', null, { pin: '1234' } as never)).toThrow(/secret/);
    expect(() => log.record('operator.login', null, { terminal_secret: 'x' } as never)).toThrow(/secret/);
    expect(() => log.record('Login' as never, null, {})).toThrow(/audit kind/);
    // only the kinds and keys the Audit screen labels (src-shared/audit-events.ts)
    expect(() => log.record('operator.made_up' as never, null, {})).toThrow(/not in AUDIT_EVENTS/);
    expect(() => log.record('operator.pin_wrong', null, { attempts: 1, extra: 2 } as never)).toThrow(/not listed/);
    expect(log.verify().entries).toBe(10);
  });

  it('lists newest first in pages', () => {
    const page = log.list(undefined, 3);
    expect(page.total).toBe(10);
    expect(page.entries.map((e) => e.seq)).toEqual([10, 9, 8]);
    expect(log.list(8, 3).entries.map((e) => e.seq)).toEqual([7, 6, 5]);
    expect(page.entries[0]!.detail).toEqual({ attempts: 9 });
  });
});
