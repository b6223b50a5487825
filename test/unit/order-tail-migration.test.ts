import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import { MIGRATIONS } from '../../src-main/db/migrations';

describe('migration 0011 order-tail', () => {
  it('10 → an order → 11: the order is found by the last 8 characters of its number, by the index', () => {
    const db = openDatabase(':memory:');
    migrate(db, MIGRATIONS, 10);
    db.prepare(
      `INSERT INTO orders (id, terminal_id, amount_minor, currency, note, status, created_at_ms, expires_at_ms,
         registered, updated_at_ms) VALUES ('01ARZ3NDEKTSV4RRFFQ69G5FAV', 'T000000001', 500, 'CNY', '', 'paid', 1, 2, 1, 1)`,
    ).run();
    migrate(db, MIGRATIONS, 11);
    expect(db.pragma('user_version', { simple: true })).toBe(11);
    const q = 'SELECT id FROM orders WHERE substr(id, -8) = ?';
    expect(db.prepare(q).all('FFQ69G5FAV'.slice(-8))).toEqual([{ id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }]);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${q}`).all('X') as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toContain('USING INDEX orders_tail');
  });
});
