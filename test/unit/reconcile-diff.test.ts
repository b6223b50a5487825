import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { migrate } from '../../src-main/db/migrate';
import type { ResultRow } from '../../src-main/reconcile/record';
import { pushResultValues, ResultInserter } from '../../src-main/reconcile/result-rows';
import { DIFF_SAME_SOURCE_SQL, DIFF_SQL, RunStore } from '../../src-main/reconcile/run-store';
import { rec, withSource } from '../support/recon-results';

describe('the diff between two runs', () => {
  it('joins the runs through an automatic index on their keys, never a scan of one run per row', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const plan = (sql: string) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all({ run: 'R2', prev: 'R1' })
        .map((r) => (r as { detail: string }).detail);
    expect(plan(DIFF_SQL).filter((d) => /AUTOMATIC COVERING INDEX \(row_key=\?\)/.test(d))).toHaveLength(2);
    expect(plan(DIFF_SAME_SOURCE_SQL).filter((d) => /AUTOMATIC COVERING INDEX \(k=\?\)/.test(d))).toHaveLength(2);
  });

  it('keyed by statement row within one source, it finds what keying by row_key finds', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const statement = [
      rec({ orderNo: 'A' }),
      rec({ orderNo: 'B', tradeNo: 't2' }),
      rec({ orderNo: 'C', tradeNo: 't3' }),
    ];
    withSource(db, statement);
    db.prepare(
      `INSERT INTO recon_runs (id, source_id, from_ms, to_ms, settings_json, started_at_ms, state) VALUES ('R2', 'S', 0, 1, '{}', 2, 'running')`,
    ).run();
    const s = (i: number) => ({ ...statement[i]!, idx: i });
    const write = (run: string, rows: ResultRow[]) => {
      const values: unknown[] = [];
      rows.forEach((r, i) => pushResultValues(values, i, r));
      new ResultInserter(db).write(run, values);
    };
    const d = rec({ orderNo: 'D', tradeNo: 'tD' });
    write('R', [
      { cls: 'matched', via: 'trade', console: rec({ orderNo: 'A' }), statement: s(0) },
      { cls: 'only_statement', via: 'none', console: null, statement: s(1) },
      { cls: 'only_console', via: 'none', console: d, statement: null },
      { cls: 'matched', via: 'trade', console: s(2), statement: s(2) },
    ]);
    write('R2', [
      { cls: 'matched', via: 'trade', console: rec({ orderNo: 'A' }), statement: s(0) },
      { cls: 'matched', via: 'trade', console: rec({ orderNo: 'B', tradeNo: 't2' }), statement: s(1) },
      { cls: 'matched', via: 'trade', console: s(2), statement: s(2) },
      { cls: 'only_console', via: 'none', console: rec({ orderNo: 'E', tradeNo: 'tE' }), statement: null },
    ]);
    const changes = (sql: string) =>
      (db.prepare(sql).all({ run: 'R2', prev: 'R' }) as { rowKey: string }[]).sort((x, y) =>
        x.rowKey < y.rowKey ? -1 : 1,
      );
    const expected = [
      { rowKey: 'B|t2||P', before: 'only_statement', after: 'matched' },
      { rowKey: 'D|tD||P', before: 'only_console', after: null },
      { rowKey: 'E|tE||P', before: null, after: 'only_console' },
    ];
    expect(changes(DIFF_SAME_SOURCE_SQL)).toEqual(expected);
    expect(changes(DIFF_SQL)).toEqual(expected);
    expect(new RunStore(db).diff('R2', 'R', 10)).toEqual({ count: 3, changes: expect.arrayContaining(expected) });
  });
});
