import type {
  ActionView,
  ExportView,
  ReconActionKind,
  ResultsPageView,
  RunDiffView,
  RunView,
  SourceView,
} from '../../src-shared/api';
import { RECON_RANGE_DAYS_MAX } from '../../src-shared/api/reconcile';
import type { ResultClass } from '../../src-shared/api/reconcile-views';
import { err, ok, type Result } from '../../src-shared/result';
import { businessDate, DAY_MS, type Clock } from '../../src-shared/time';
import type { IdSource } from '../../src-shared/ulid';
import type { Db } from '../db/connection';
import type { Journal } from '../ledger/journal';
import type { EventBus } from '../orders/events';
import { actionsFor, applyAction, type AuditEvent } from './actions';
import { businessRangeMs } from './business-range';
import { actionsByRowKey } from './export-actions';
import type { ExportRow } from './export-columns';
import { csvHeader, csvRow, RECON_EXPORT_ROWS_MAX } from './export-csv';
import { RECON_XLSX_ROWS_MAX, runToXlsx } from './export-xlsx';
import { BillError, BillTotalsError, BillUnrecognizedError } from './import/bill-error';
import { importBill } from './import/import-bill';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings, type ReconRecord } from './record';
import { RunStore, type RunRow, type StoredResult } from './run-store';
import { RunLauncher, type RunLauncherDeps } from './run-launcher';
import { SourceStore, type SourceKind, type SourceRow } from './sources';
import { differenceMinor, type Totals } from './totals';

/** The "recent" lists show this many. */
const RECENT_MAX = 100;
/** Changed rows listed per diff (the count is exact). */
const DIFF_LIST_MAX = 500;

export interface StatementFetch {
  readonly records: readonly ReconRecord[];
  readonly label: string;
  /** Identifies the statement's content (same content twice → the existing source). */
  readonly sha256: string;
}

export interface ReconcileDeps {
  readonly db: Db;
  readonly openReader: RunLauncherDeps['openReader'];
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly journal: Journal;
  readonly events: EventBus;
  readonly businessDay: () => { timeZone: string; cutoffHour: number };
  readonly currentOperatorId: () => string | null;
  readonly audit: (event: AuditEvent) => void;
  readonly terminal: () => { terminalId: string; currency: string };
  readonly fetchStatement: (
    fromDate: string,
    toDate: string,
    scope: 'terminal' | 'store',
  ) => Promise<Result<StatementFetch>>;
  readonly yieldTurn: RunLauncherDeps['yieldTurn'];
  readonly runThreads?: RunLauncherDeps['runThreads'];
}

/** Imports statements, runs reconciliations (one at a time), lists results and applies actions. */
export class ReconcileService {
  readonly sources: SourceStore;
  readonly runs: RunStore;
  private readonly launcher: RunLauncher;

  constructor(private readonly d: ReconcileDeps) {
    this.sources = new SourceStore(d.db);
    this.runs = new RunStore(d.db);
    this.runs.failInterrupted(d.clock.now());
    this.launcher = new RunLauncher({ ...d, runs: this.runs });
  }

  importFile(fileName: string, bytes: Uint8Array): Result<SourceView> {
    let bill;
    try {
      bill = importBill(bytes);
    } catch (e) {
      if (e instanceof BillTotalsError) {
        if (!e.totals) return err('bill_footer_missing', e.message);
        const code = e.totals.section === 'trades' ? 'bill_trade_totals_mismatch' : 'bill_refund_totals_mismatch';
        return err(code, e.message, { footer: e.totals.footer, rows: e.totals.rows });
      }
      if (e instanceof BillUnrecognizedError) return err('bill_unrecognized', e.message);
      if (e instanceof BillError) {
        // A fault of the whole file (zip, encoding, no header) has no line to name.
        // The window says why in the owner's language: the reason and what it names.
        const params = { ...e.params, reason: e.reason };
        if (e.line === 0) return err('bill_unreadable', e.message, params);
        return err('bill_malformed', e.message, { ...params, line: e.line });
      }
      throw e;
    }
    return ok(this.save(bill.provider, bill.sha256, fileName, bill.encoding, bill.records));
  }

  async fetchStatement(fromDate: string, toDate: string, scope: 'terminal' | 'store'): Promise<Result<SourceView>> {
    const range = this.checkRange(fromDate, toDate);
    if (!range.ok) return range;
    const r = await this.d.fetchStatement(fromDate, toDate, scope);
    if (!r.ok) return r;
    return ok(this.save('gateway', r.value.sha256, r.value.label, null, r.value.records));
  }

  private save(
    kind: SourceKind,
    sha256: string,
    label: string,
    encoding: string | null,
    records: Iterable<ReconRecord>,
  ): SourceView {
    const { source, created } = this.sources.save(
      {
        id: this.d.ids(),
        kind,
        sha256,
        label: label.slice(0, 255),
        encoding,
        importedAtMs: this.d.clock.now(),
        importedBy: this.d.currentOperatorId(),
      },
      records,
    );
    if (created) {
      this.d.audit({
        type: 'reconcile.import',
        operatorId: source.importedBy,
        atMs: source.importedAtMs,
        detail: { sourceId: source.id, kind, sha256, rows: source.rowCount },
      });
    }
    return { ...source, created };
  }

  listSources(): SourceView[] {
    return this.sources.list(RECENT_MAX).map((s) => ({ ...s, created: true }));
  }

  private checkRange(fromDate: string, toDate: string): Result<{ startMs: number; endMs: number }> {
    const days = (Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / DAY_MS;
    if (!(days >= 0 && days < RECON_RANGE_DAYS_MAX)) return err('recon_range_invalid', `${fromDate}..${toDate}`);
    const { timeZone, cutoffHour } = this.d.businessDay();
    return ok(businessRangeMs(fromDate, toDate, timeZone, cutoffHour));
  }

  start(args: {
    sourceId: string;
    fromDate: string;
    toDate: string;
    amountToleranceMinor?: number;
    timeWindowMs?: number;
  }): Result<RunView> {
    const busy = this.launcher.current();
    if (busy) return err('recon_run_busy', `run ${busy.runId} is running`);
    const source = this.sources.get(args.sourceId);
    if (!source) return err('recon_source_not_found', args.sourceId);
    const range = this.checkRange(args.fromDate, args.toDate);
    if (!range.ok) return range;
    const settings: MatchSettings = {
      amountToleranceMinor: args.amountToleranceMinor ?? DEFAULT_MATCH_SETTINGS.amountToleranceMinor,
      timeWindowMs: args.timeWindowMs ?? DEFAULT_MATCH_SETTINGS.timeWindowMs,
    };
    const run = this.runs.create({
      id: this.d.ids(),
      sourceId: source.id,
      fromMs: range.value.startMs,
      toMs: range.value.endMs,
      settingsJson: JSON.stringify(settings),
      startedAtMs: this.d.clock.now(),
      operatorId: this.d.currentOperatorId(),
    });
    this.launcher.launch(run, settings);
    return ok(this.view(run));
  }

  /** Stops the current run (if any) and waits for it and for its threads' last work: on shutdown. */
  cancelAndWait(): Promise<void> {
    return this.launcher.cancelAndWait();
  }

  /** Resolves when the current run (if any) has finished: for tests and shutdown. */
  idle(): Promise<void> {
    return this.launcher.idle();
  }

  cancel(runId: string): Result<RunView> {
    const run = this.runs.get(runId);
    if (!run) return err('recon_run_not_found', runId);
    this.launcher.cancel(runId);
    return ok(this.view(run));
  }

  getRun(runId: string): Result<RunView> {
    const run = this.runs.get(runId);
    return run ? ok(this.view(run)) : err('recon_run_not_found', runId);
  }

  listRuns(): RunView[] {
    return this.runs.list(RECENT_MAX).map((r) => this.view(r));
  }

  results(runId: string, cls: ResultClass | null, offset: number, limit: number): Result<ResultsPageView> {
    if (!this.runs.get(runId)) return err('recon_run_not_found', runId);
    const rows = this.runs.results(runId, cls, offset, limit);
    const actions = actionsFor(
      this.d.db,
      rows.map((r) => r.rowKey),
    );
    return ok({
      total: this.runs.count(runId, cls),
      offset,
      rows: rows.map((r) => toRowView(r, actions.get(r.rowKey) ?? [])),
    });
  }

  diff(runId: string): Result<RunDiffView> {
    const run = this.runs.get(runId);
    if (!run) return err('recon_run_not_found', runId);
    if (!run.previousRunId) return ok({ previousRunId: null, count: 0, changes: [] });
    return ok({ previousRunId: run.previousRunId, ...this.runs.diff(runId, run.previousRunId, DIFF_LIST_MAX) });
  }

  act(runId: string, idx: number, kind: ReconActionKind, reason: string): Result<ActionView> {
    if (!this.runs.get(runId)) return err('recon_run_not_found', runId);
    const row = this.runs.result(runId, idx);
    if (!row) return err('recon_action_refused', `run ${runId} has no row ${idx}`);
    return applyAction(this.d, runId, row, kind, reason);
  }

  async exportRun(runId: string, format: 'csv' | 'xlsx'): Promise<Result<ExportView>> {
    const run = this.runs.get(runId);
    if (!run) return err('recon_run_not_found', runId);
    const view = this.view(run);
    const { timeZone } = this.d.businessDay();
    const texts = actionsByRowKey(this.d.db, timeZone);
    const withActions = (r: StoredResult): ExportRow => ({ ...r, ownerActions: texts.get(r.rowKey) ?? null });
    if (format === 'xlsx') {
      const rows = this.runs.results(runId, null, 0, RECON_XLSX_ROWS_MAX + 1);
      let bytes: Uint8Array;
      try {
        bytes = await runToXlsx(rows.slice(0, RECON_XLSX_ROWS_MAX).map(withActions), timeZone);
      } catch (e) {
        console.error('XLSX export failed', e);
        return err('export_unavailable', 'XLSX export is not available; export CSV instead');
      }
      return ok({
        fileName: `reconciliation-${view.fromDate}-${view.toDate}-${run.id}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        text: Buffer.from(bytes).toString('base64'),
        encoding: 'base64',
        rows: Math.min(rows.length, RECON_XLSX_ROWS_MAX),
        truncated: rows.length > RECON_XLSX_ROWS_MAX,
      });
    }
    const parts = [csvHeader(view, timeZone)];
    const rows = this.runs.results(runId, null, 0, RECON_EXPORT_ROWS_MAX + 1);
    for (const r of rows.slice(0, RECON_EXPORT_ROWS_MAX)) parts.push(csvRow(withActions(r), timeZone));
    return ok({
      fileName: `reconciliation-${view.fromDate}-${view.toDate}-${run.id}.csv`,
      mime: 'text/csv;charset=utf-8',
      text: parts.join(''),
      encoding: 'utf-8',
      rows: Math.min(rows.length, RECON_EXPORT_ROWS_MAX),
      truncated: rows.length > RECON_EXPORT_ROWS_MAX,
    });
  }

  view(run: RunRow): RunView {
    const { timeZone, cutoffHour } = this.d.businessDay();
    const totals = run.totalsJson ? (JSON.parse(run.totalsJson) as Totals) : null;
    const source: SourceRow | null = this.sources.get(run.sourceId);
    const current = this.launcher.current();
    const live = current?.runId === run.id ? current : null;
    const records = totals ? totals.consoleRecords + totals.statementRecords : 0;
    return {
      id: run.id,
      sourceId: run.sourceId,
      sourceLabel: source?.label ?? '',
      sourceKind: source?.kind ?? null,
      fromMs: run.fromMs,
      toMs: run.toMs,
      fromDate: businessDate(run.fromMs, timeZone, cutoffHour),
      toDate: businessDate(run.toMs - 1, timeZone, cutoffHour),
      startedAtMs: run.startedAtMs,
      finishedAtMs: run.finishedAtMs,
      operatorId: run.operatorId,
      state: run.state,
      totals: totals ? { ...totals, differenceMinor: differenceMinor(totals) } : null,
      previousRunId: run.previousRunId,
      progress: live ? { done: live.done, total: live.total } : { done: records, total: records },
    };
  }
}

function toRowView(r: StoredResult, actions: ActionView[]) {
  return {
    idx: r.idx,
    cls: r.cls,
    via: r.via,
    rowKey: r.rowKey,
    orderNo: r.orderNo,
    console:
      r.cStatus === null
        ? null
        : {
            tradeNo: r.cTradeNo,
            amountMinor: r.cAmountMinor!,
            feeMinor: null,
            status: r.cStatus,
            timeMs: r.cTimeMs!,
            refundNo: r.cRefundNo,
            channel: r.cChannel ?? '',
          },
    statement:
      r.sStatus === null
        ? null
        : {
            tradeNo: r.sTradeNo,
            amountMinor: r.sAmountMinor!,
            feeMinor: r.sFeeMinor,
            status: r.sStatus,
            timeMs: r.sTimeMs!,
            refundNo: r.sRefundNo,
            channel: r.sChannel ?? '',
          },
    actions,
  };
}
