import type { Db } from '../db/connection';
import { reconcile } from './engine';
import type { MatchSettings } from './record';
import { pushResultValues } from './result-rows';
import type { ResultWriter } from './result-writer';
import { addRow, emptyTotals, type Totals } from './totals';
import { consoleRecords, countConsoleRecords, sourceChannel } from './console-records';
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
 * on it), classifies, and hands result rows in chunks to the writer (a thread of its own when
 * built, `result-writer.ts`). The totals are of the rows handed over, and the writer is closed
 * (every handed-over row committed) before this returns, cancelled or not.
 */
export async function executeRun(
  read: Db,
  writer: ResultWriter,
  job: RunJob,
  hooks: RunHooks,
): Promise<{ state: 'done' | 'cancelled'; totals: Totals }> {
  try {
    const outcome = await classifyInto(read, writer, job, hooks);
    await writer.close();
    return outcome;
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

async function classifyInto(
  read: Db,
  writer: ResultWriter,
  job: RunJob,
  hooks: RunHooks,
): Promise<{ state: 'done' | 'cancelled'; totals: Totals }> {
  const totals = emptyTotals();
  read.exec('BEGIN'); // one snapshot for the counts and both cursors
  try {
    const channel = sourceChannel(read, job.sourceId);
    const total =
      countConsoleRecords(read, job.fromMs, job.toMs, channel) +
      countStatementRecords(read, job.sourceId, job.fromMs, job.toMs);
    const rows = reconcile(
      consoleRecords(read, job.fromMs, job.toMs, channel),
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
        await writer.write(values);
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
    if (inChunk > 0) await writer.write(values);
    hooks.progress(records, total);
    return { state: 'done', totals };
  } finally {
    read.exec('COMMIT');
  }
}
