/**
 * The writer thread of a reconciliation run (`threadWriter`): its own connection to the ledger
 * file, writing only this run's result rows, batch by batch, each in one transaction.
 *
 * Decision: `synchronous=NORMAL` on this connection — result rows are derived data (a re-run
 * recreates them), so a batch commit skips the fsync; WAL keeps the file consistent whatever
 * is lost, and the run's final state is committed on the main connection with FULL, which
 * makes these frames durable too. Not OFF: a checkpoint run from this connection copies the
 * ledger's pages as well, and must keep its fsyncs. A crash leaves the run `running`, which
 * the next start marks `failed`.
 */
import Database from 'better-sqlite3';
import type { MessagePort } from 'node:worker_threads';
import { BUSY_TIMEOUT_MS } from '../db/connection';
import { ResultInserter } from './result-rows';
import type { WriterThreadData, WriterThreadMessage } from './result-writer';

export function runWriterThread(data: WriterThreadData, port: MessagePort): void {
  const db = new Database(data.dbPath, {
    fileMustExist: true,
    ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
  });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // While the run's read snapshot is open no checkpoint can pass it, so trying after every batch
  // (the default, on commit) only costs; one checkpoint at the end, here, off the main thread.
  db.pragma('wal_autocheckpoint = 0');
  const inserter = new ResultInserter(db);

  port.on('message', (values: unknown[] | null) => {
    if (values === null) {
      // Every batch is committed: say so first, so the run is finished and shown while the WAL
      // (the run's ~100 MB at 1M rows, ~0.16 s) is copied into the file here, off the main thread.
      port.postMessage({ closed: true } satisfies WriterThreadMessage);
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch (e) {
        // The rows are committed in the WAL either way; a later checkpoint copies them.
        console.error('reconcile writer: checkpoint after the run failed', e);
      }
      db.close();
      port.close();
      return;
    }
    let reply: WriterThreadMessage;
    try {
      inserter.write(data.runId, values);
      reply = { written: values.length };
    } catch (e) {
      reply = { error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
}
