import type { Clock } from '../../src-shared/time';
import type { Db } from '../db/connection';
import type { EventBus } from '../orders/events';
import type { AuditEvent } from './actions';
import type { MatchSettings } from './record';
import { inThreadWriter, type WriterThreadConfig } from './result-writer';
import type { RunRow, RunStore } from './run-store';
import { threadRun, type RunOutcome } from './run-thread';
import { executeRun, type RunHooks, type RunJob } from './runner';
import type { Totals } from './totals';

export interface RunLauncherDeps {
  readonly runs: RunStore;
  /** A second, read-only connection to the same database for a run's cursors (in this thread). */
  readonly openReader: () => Db;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly audit: (event: AuditEvent) => void;
  /** Yields to the event loop between chunks of a run in this thread (setImmediate in the app). */
  readonly yieldTurn: () => Promise<void>;
  /**
   * The reconciliation worker script (the built `reconcile-worker.js`): a run goes to a thread of
   * its own, which writes through a writer thread. Absent (tests of the TS sources, where no
   * built file exists) → the run reads, classifies and writes on the main connection, here.
   */
  readonly runThreads?: WriterThreadConfig | null;
}

/** The run in progress: its cancel flag, progress, and how to stop its thread at once. */
interface ActiveRun {
  readonly runId: string;
  cancel: boolean;
  /** Set while a run thread is working: tells it to stop (it reads a shared flag per chunk). */
  stopThread: (() => void) | null;
  done: number;
  total: number;
  finished: Promise<void>;
}

/**
 * Where and how a created run executes, one at a time: in its own threads when the worker script
 * is built, else in this thread; progress events while it runs; its final state, a progress event
 * and an audit record when it ends. Shutdown waits for the run and for its threads' last work.
 */
export class RunLauncher {
  private active: ActiveRun | null = null;
  /** Threads of finished runs still doing their own last work (the writer's checkpoint). */
  private readonly settling = new Set<Promise<void>>();

  constructor(private readonly d: RunLauncherDeps) {}

  /** The run in progress, if any, with its progress so far. */
  current(): { readonly runId: string; readonly done: number; readonly total: number } | null {
    return this.active;
  }

  launch(run: RunRow, settings: MatchSettings): void {
    if (this.active) throw new Error(`assertion failed: run ${this.active.runId} is still running`);
    const active: ActiveRun = {
      runId: run.id,
      cancel: false,
      stopThread: null,
      done: 0,
      total: 0,
      finished: Promise.resolve(),
    };
    this.active = active;
    active.finished = this.execute(run, settings, active);
  }

  cancel(runId: string): void {
    if (this.active?.runId === runId) this.stop(this.active);
  }

  /** Stops the current run (if any) and waits for it and for its threads' last work: on shutdown. */
  async cancelAndWait(): Promise<void> {
    if (this.active) this.stop(this.active);
    await this.idle();
    await Promise.all([...this.settling]);
  }

  /** Resolves when the current run (if any) has finished: for tests and shutdown. */
  idle(): Promise<void> {
    return this.active?.finished ?? Promise.resolve();
  }

  private async execute(run: RunRow, settings: MatchSettings, active: ActiveRun) {
    const job: RunJob = { runId: run.id, sourceId: run.sourceId, fromMs: run.fromMs, toMs: run.toMs, settings };
    const progress = (done: number, total: number) => {
      active.done = done;
      active.total = total;
      this.d.events.emit('reconcile.progress', { runId: run.id, done, total, state: 'running' });
    };
    let outcome: { state: 'done' | 'cancelled' | 'failed'; totals: Totals | null };
    try {
      await this.d.yieldTurn(); // answer the `start` call before the first chunk
      outcome = this.d.runThreads
        ? await this.inThreads(this.d.runThreads, job, progress, active)
        : await this.inThisThread(job, progress, () => active.cancel);
    } catch (e) {
      console.error(`reconciliation run ${run.id} failed`, e);
      outcome = { state: 'failed', totals: null };
    }
    this.d.runs.finish(run.id, outcome.state, outcome.totals, this.d.clock.now());
    this.active = null;
    const { done, total } = active;
    this.d.events.emit('reconcile.progress', { runId: run.id, done, total, state: outcome.state });
    if (outcome.state !== 'failed') {
      this.d.audit({
        type: 'reconcile.run',
        operatorId: run.operatorId,
        atMs: this.d.clock.now(),
        detail: { runId: run.id, sourceId: run.sourceId, state: outcome.state },
      });
    }
  }

  /** The run in a thread of its own, writing through a writer thread (the built app). */
  private async inThreads(
    config: WriterThreadConfig,
    job: RunJob,
    progress: RunHooks['progress'],
    active: ActiveRun,
  ): Promise<RunOutcome> {
    const t = threadRun(config, job, { progress, cancelled: () => active.cancel });
    const settled = t.settled.finally(() => this.settling.delete(settled));
    this.settling.add(settled);
    active.stopThread = t.cancel;
    try {
      return await t.outcome;
    } finally {
      active.stopThread = null;
    }
  }

  /** The run in this thread, on a read connection, rows written on the main connection. */
  private async inThisThread(
    job: RunJob,
    progress: RunHooks['progress'],
    cancelled: () => boolean,
  ): Promise<RunOutcome> {
    const reader = this.d.openReader();
    try {
      return await executeRun(reader, inThreadWriter(this.d.runs, job.runId), job, {
        progress,
        cancelled,
        yieldTurn: this.d.yieldTurn,
      });
    } finally {
      reader.close();
    }
  }

  private stop(active: ActiveRun): void {
    active.cancel = true;
    active.stopThread?.();
  }
}
