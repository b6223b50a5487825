import type { Db } from '../db/connection';
import { reconcile } from './engine';
import type { MatchSettings } from './record';
import { pushResultValues } from './result-rows';
import type { RunStore } from './run-store';
import { addRow, emptyTotals, type Totals } from './totals';
import { consoleRecords, countConsoleRecords } from './console-records';
import { countStatementRecords, statementRecords } from './sources';

/** Rows written per transaction and per turn of the event loop: a 1M run is ~100 turns. */
export const RUN_CHUNK_ROWS = 10_000;

export interface RunJob {
  readonly runId: string;
  readonly sourceId: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly settings: MatchSettings;
}

export interface RunHooks {
  progress(done: number, total: number): void;
  cancelled(): boolean;
  /** Yields to the event loop between chunks, so the UI and sync keep running. */
  yieldTurn(): Promise<void>;
}

/**
 * Runs one reconciliation: reads both sides sorted from a READ connection (a snapshot; the
 * main connection stays free for writes, which better-sqlite3 forbids while a cursor is open
 * on it), classifies, and appends result rows in chunks on the write connection.
 */
export async function executeRun(
  read: Db,
  store: RunStore,
  job: RunJob,
  hooks: RunHooks,
): Promise<{ state: 'done' | 'cancelled'; totals: Totals }> {
  const totals = emptyTotals();
  read.exec('BEGIN'); // one snapshot for the counts and both cursors
  try {
    const total =
      countConsoleRecords(read, job.fromMs, job.toMs) + countStatementRecords(read, job.sourceId, job.fromMs, job.toMs);
    const rows = reconcile(
      consoleRecords(read, job.fromMs, job.toMs),
      statementRecords(read, job.sourceId, job.fromMs, job.toMs),
      job.settings,
    );
    let idx = 0;
    let inChunk = 0;
    let records = 0;
    let values: unknown[] = [];
    hooks.progress(0, total);
    for (const row of rows) {
      pushResultValues(values, idx++, row);
      addRow(totals, row);
      records += (row.console ? 1 : 0) + (row.statement ? 1 : 0);
      if (++inChunk >= RUN_CHUNK_ROWS) {
        store.append(job.runId, values);
        values = [];
        inChunk = 0;
        hooks.progress(records, total);
        await hooks.yieldTurn();
        if (hooks.cancelled()) {
          rows.return();
          return { state: 'cancelled', totals };
        }
      }
    }
    if (inChunk > 0) store.append(job.runId, values);
    hooks.progress(records, total);
    return { state: 'done', totals };
  } finally {
    read.exec('COMMIT');
  }
}
