/**
 * The whole API between the renderer and main, as one typed map. Each domain declares its calls
 * and events in its own file; they are joined here, and a name declared twice throws at load.
 */
import type { z } from 'zod';
import type { Result } from '../result';
import { appCalls, appEvents, gatewayCalls } from './app';
import { joinMaps, type CallDef, type EventDef } from './contract';
import { auditCalls, operatorCalls, operatorEvents, refundCalls } from './operators';
import { offlineCalls } from './offline';
import { orderCalls, orderEvents } from './orders';
import { printCalls } from './print';
import { reportCalls, shiftCalls } from './settlement';
import { reconcileCalls, reconcileEvents } from './reconcile';
import { scanCalls } from './scan';

export const apiCalls = joinMaps(
  appCalls,
  gatewayCalls,
  orderCalls,
  reconcileCalls,
  scanCalls,
  operatorCalls,
  refundCalls,
  auditCalls,
  shiftCalls,
  reportCalls,
  offlineCalls,
  printCalls,
);
export const apiEvents = joinMaps(appEvents, orderEvents, reconcileEvents, operatorEvents);

export type ApiCalls = typeof apiCalls;
export type CallName = keyof ApiCalls;
export type ApiEvents = typeof apiEvents;
export type EventName = keyof ApiEvents;

type ArgsOf<D> = D extends CallDef<infer S, unknown> ? S : never;
type ResultOf<D> = D extends CallDef<z.ZodType, infer R> ? R : never;
type PayloadOf<D> = D extends EventDef<infer P> ? P : never;

/** What the renderer passes (before validation). */
export type CallArgs<K extends CallName> = z.input<ArgsOf<ApiCalls[K]>>;
/** What a handler receives (after validation). */
export type ParsedArgs<K extends CallName> = z.output<ArgsOf<ApiCalls[K]>>;
export type CallResult<K extends CallName> = ResultOf<ApiCalls[K]>;
export type EventPayload<E extends EventName> = PayloadOf<ApiEvents[E]>;

export const isCallName = (x: unknown): x is CallName =>
  typeof x === 'string' && Object.prototype.hasOwnProperty.call(apiCalls, x);
export const isEventName = (x: unknown): x is EventName =>
  typeof x === 'string' && Object.prototype.hasOwnProperty.call(apiEvents, x);

/** The only surface the renderer has: `window.pos`. Both transports implement it. */
export interface PosBridge {
  invoke<K extends CallName>(name: K, args: CallArgs<K>): Promise<Result<CallResult<K>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export { TRANSPORT } from '../transport';

export type {
  AppInfoView,
  Connectivity,
  LedgerBackupView,
  LedgerVerifyView,
  Locale,
  OrderStatus,
  OrderView,
  SyncStatusView,
  TodayView,
} from './views';
export { LOCALES, ORDER_STATUSES } from './views';
export type {
  ActionView,
  ExportView,
  ReconActionKind,
  ReconProgressEvent,
  ResultClass,
  ResultRowView,
  ResultsPageView,
  RunDiffView,
  RunTotalsView,
  RunView,
  SourceView,
} from './reconcile-views';
export { RECON_ACTIONS, RESULT_CLASSES } from './reconcile-views';
export type { ChargeStatus, ChargeView } from './scan';
export type {
  AuditEntryView,
  AuditPageView,
  AuditVerifyView,
  OperatorRole,
  OperatorsView,
  OperatorView,
  RefundMethod,
  RefundStatus,
  RefundView,
  SecurityStatusView,
  SessionView,
} from './operator-views';
export { REFUND_METHODS, REFUND_STATUSES } from './operator-views';
export { AUDIT_PAGE_MAX, OPERATOR_NAME_LENGTH_MAX, PIN_RE, REFUND_REASON_LENGTH_MAX } from './operators';
export type * from './settlement-views';
export { EXPORT_FORMATS, EXPORT_TABLES, PAYOUT_STATUSES } from './settlement-views';
export { CASH_REASON_LENGTH_MAX } from './settlement';
export type { OfflineCheckView, OfflineLimitsView, SyncIssueView } from './offline';
export type { OfflineAgeLevel } from './views';
export type { PrintedView, PrinterSettingsView, SettlementSettingsView } from './print';
export { FEE_CHANNELS, FEE_RATE_BPS_MAX, PAYOUT_DELAY_DAYS_MAX, PRINTER_PORT_DEFAULT } from './print';
