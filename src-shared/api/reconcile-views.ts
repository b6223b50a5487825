/** Reconciliation: classes and the views the renderer gets. Pure types and constants. */

export const RESULT_CLASSES = [
  'matched',
  'amount_mismatch',
  /** The customer paid (statement) and the console says unpaid. */
  'status_paid_unrecorded',
  /** The console says paid and the statement says not paid. */
  'status_recorded_unpaid',
  /** 短款: money the console recorded that the statement does not show. */
  'only_console',
  /** 长款: money on the statement the console never recorded. */
  'only_statement',
  /** A second (third…) payment for one order. */
  'duplicate_payment',
  'refund_mismatch',
  /** Offline-verified on the console, absent from the statement. */
  'offline_unconfirmed',
  /** No money on either side (an unpaid order alone): informational, nothing to act on. */
  'no_payment',
] as const;
export type ResultClass = (typeof RESULT_CLASSES)[number];

/**
 * `mark_duplicate_for_refund` ("pending refund") is no longer offered: it stayed pending after the
 * money went back. Its stored rows are still shown; `mark_duplicate_refunded` replaces it.
 */
export const RECON_ACTIONS = [
  'accept_late_payment',
  'mark_duplicate_for_refund',
  'mark_duplicate_refunded',
  'record_statement_refund',
  'annotate',
] as const;
export type ReconActionKind = (typeof RECON_ACTIONS)[number];

export const SOURCE_KINDS = ['alipay', 'wechat', 'gateway'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface SourceView {
  readonly id: string;
  readonly kind: SourceKind;
  readonly label: string;
  readonly sha256: string;
  readonly encoding: string | null;
  readonly rowCount: number;
  readonly minTimeMs: number | null;
  readonly maxTimeMs: number | null;
  readonly importedAtMs: number;
  readonly importedBy: string | null;
  /** False when these exact bytes had been imported before: nothing was changed. */
  readonly created: boolean;
}

export interface ClassTotalView {
  readonly count: number;
  readonly consoleMinor: number;
  readonly statementMinor: number;
  readonly feeMinor: number;
}

export interface RunTotalsView {
  readonly byClass: Readonly<Record<ResultClass, ClassTotalView>>;
  readonly consoleRecords: number;
  readonly statementRecords: number;
  readonly consoleMinor: number;
  readonly statementMinor: number;
  readonly feeMinor: number;
  readonly differenceMinor: number;
}

export interface RunView {
  readonly id: string;
  readonly sourceId: string;
  readonly sourceLabel: string;
  /** Null when the source is gone (never: sources are kept with their runs). */
  readonly sourceKind: SourceKind | null;
  readonly fromMs: number;
  readonly toMs: number;
  readonly fromDate: string;
  readonly toDate: string;
  readonly startedAtMs: number;
  readonly finishedAtMs: number | null;
  readonly operatorId: string | null;
  readonly state: 'running' | 'done' | 'cancelled' | 'failed';
  readonly totals: RunTotalsView | null;
  readonly previousRunId: string | null;
  readonly progress: { readonly done: number; readonly total: number };
}

export interface RecordSideView {
  readonly tradeNo: string | null;
  readonly amountMinor: number;
  readonly feeMinor: number | null;
  readonly status: string;
  readonly timeMs: number;
  readonly refundNo: string | null;
  readonly channel: string;
}

export interface ActionView {
  readonly id: string;
  readonly kind: ReconActionKind;
  readonly reason: string;
  readonly operatorId: string | null;
  readonly atMs: number;
  readonly entrySeq: number | null;
}

export interface ResultRowView {
  readonly idx: number;
  readonly cls: ResultClass;
  readonly via: 'order' | 'trade' | 'amount_time' | 'none';
  readonly rowKey: string;
  readonly orderNo: string;
  readonly console: RecordSideView | null;
  readonly statement: RecordSideView | null;
  /** Actions on this fact in any run (by row key), oldest first. */
  readonly actions: readonly ActionView[];
}

export interface ResultsPageView {
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly ResultRowView[];
}

export interface RunDiffView {
  readonly previousRunId: string | null;
  readonly count: number;
  readonly changes: readonly { rowKey: string; before: ResultClass | null; after: ResultClass | null }[];
}

export interface ExportView {
  readonly fileName: string;
  readonly mime: string;
  /** CSV text (UTF-8, with a BOM so spreadsheet programs read the Chinese right), or XLSX bytes in base64. */
  readonly text: string;
  readonly encoding: 'utf-8' | 'base64';
  readonly rows: number;
  /** True when the run has more rows than one export carries (RECON_EXPORT_ROWS_MAX). */
  readonly truncated: boolean;
}

export interface ReconProgressEvent {
  readonly runId: string;
  readonly done: number;
  readonly total: number;
  readonly state: RunView['state'];
}
