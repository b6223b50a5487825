import { Worker } from 'node:worker_threads';
import type { RunStore } from './run-store';

/**
 * Where a run's result rows go, one batch per chunk (`pushResultValues`). `write` resolves when
 * there is room for the next batch (back-pressure); `close` when every batch is committed;
 * `abort` stops without waiting (a failed run: its rows are partial anyway); `settled` when the
 * writer's own work after `close` (the thread's checkpoint) is over, for shutdown.
 */
export interface ResultWriter {
  write(values: unknown[]): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
  settled(): Promise<void>;
}

/**
 * Batches queued for the writer thread before the reader waits: the two halves cost about the
 * same, so a few batches keep both busy; with 10,000-row chunks this bounds the queue at ~4 ×
 * 180,000 values (tens of MB), whatever the run's size.
 */
export const WRITER_QUEUE_BATCHES_MAX = 4;

/** In this thread, on the main connection: the fallback, and what tests of the runner use. */
export function inThreadWriter(store: RunStore, runId: string): ResultWriter {
  return {
    write: (values) => {
      store.append(runId, values);
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
    abort: () => Promise.resolve(),
    settled: () => Promise.resolve(),
  };
}

export interface WriterThreadConfig {
  /** The built `reconcile-worker.js` (electron-vite entry `worker-entry.ts`: both threads of a run). */
  readonly workerPath: string;
  readonly dbPath: string;
  readonly nativeBinding?: string;
}

/** What the writer thread is told at start (`workerData`). */
export interface WriterThreadData {
  readonly role: 'writer';
  readonly dbPath: string;
  readonly nativeBinding: string | null;
  readonly runId: string;
}

/**
 * Messages from the writer thread: a batch committed, every batch committed (after the last,
 * before the thread's checkpoint), or the error that stopped it.
 */
export type WriterThreadMessage = { readonly written: number } | { readonly closed: true } | { readonly error: string };

/**
 * A writer thread with its own connection: the run thread (`run-thread.ts`) reads and classifies
 * while it writes (SQLite allows one writer; WAL lets the run's read snapshot and this writer proceed
 * together). Batches go over as flat arrays of primitives (cheap to copy between threads).
 */
export function threadWriter(config: WriterThreadConfig, runId: string): ResultWriter {
  const data: WriterThreadData = {
    role: 'writer',
    dbPath: config.dbPath,
    nativeBinding: config.nativeBinding ?? null,
    runId,
  };
  const worker = new Worker(config.workerPath, { workerData: data });
  let inFlight = 0;
  let failure: Error | null = null;
  let closed = false;
  let exited = false;
  let onExit = () => {};
  const exitedPromise = new Promise<void>((r) => (onExit = r));
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const fail = (e: Error) => {
    failure ??= e;
    notify();
  };
  worker.on('message', (m: WriterThreadMessage) => {
    if ('error' in m) fail(new Error(`result writer: ${m.error}`));
    else if ('closed' in m) closed = true;
    else inFlight--;
    notify();
  });
  worker.on('error', (e) => {
    if (closed) console.error('reconcile writer: failed after its last commit', e);
    else fail(e);
  });
  worker.on('exit', (code) => {
    exited = true;
    onExit();
    if (!closed && (inFlight > 0 || code !== 0))
      fail(new Error(`result writer exited (code ${code}) with ${inFlight} batches`));
    else if (code !== 0) console.error(`reconcile writer: exited with code ${code} after its last commit`);
    notify();
  });
  const until = async (done: () => boolean) => {
    while (!done()) {
      if (failure) throw failure;
      await new Promise<void>((r) => (wake = r));
    }
    if (failure) throw failure;
  };
  return {
    async write(values) {
      if (failure) throw failure;
      inFlight++;
      worker.postMessage(values);
      await until(() => inFlight < WRITER_QUEUE_BATCHES_MAX);
    },
    async close() {
      await until(() => inFlight === 0);
      worker.postMessage(null); // no more batches: the thread says so, checkpoints and ends
      await until(() => closed || exited);
      if (!closed) throw new Error('result writer ended without confirming its last commit');
    },
    async abort() {
      if (!exited) await worker.terminate();
    },
    settled: () => exitedPromise,
  };
}
