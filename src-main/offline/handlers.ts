import type { SyncIssueView } from '../../src-shared/api';
import type { Clock } from '../../src-shared/time';
import { writeTx, type Db } from '../db/connection';
import { formatPlain, type Currency } from '../../src-shared/money';
import { err, ok } from '../../src-shared/result';
import type { Handlers } from '../handlers';
import type { EventBus } from '../orders/events';
import type { OrderService } from '../orders/service';
import type { SettingsStore } from '../settings/settings';
import type { SyncService } from '../sync/sync-service';
import type { AuditLog } from '../audit/audit-log';
import type { OperatorService } from '../operators/service';
import { OWNER_HANDLED_KINDS, type IssueRow } from './issues';
import type { OfflineService } from './service';

export interface OfflineHandlerDeps {
  readonly offline: OfflineService;
  readonly orders: OrderService;
  readonly settings: SettingsStore;
  readonly sync: SyncService;
  readonly events: EventBus;
  readonly operators: OperatorService;
  readonly audit: AuditLog;
  readonly currentOperatorId: () => string | null;
  readonly currency: () => Currency;
  readonly db: Db;
  readonly clock: Clock;
}

export function offlineHandlers(
  d: OfflineHandlerDeps,
): Pick<
  Handlers,
  | 'offline.check'
  | 'offline.acceptCode'
  | 'offline.unlockCode'
  | 'offline.limits'
  | 'offline.setLimits'
  | 'offline.issues'
  | 'offline.resolveIssue'
  | 'offline.writeOff'
  | 'offline.retryPush'
> {
  const limits = () => {
    const s = d.settings.get();
    return {
      orderMaxMinor: s.offlineOrderMaxMinor,
      totalMaxMinor: s.offlineTotalMaxMinor,
      maxAgeMs: s.offlineMaxAgeMs,
    };
  };
  /** How the owner closed a code-verified sale's issue: written off, or that and paid since. */
  const outcomeOf = (r: IssueRow): SyncIssueView['outcome'] => {
    if (r.kind !== 'offline_unconfirmed' || r.resolved_by === null) return null;
    return d.offline.writeOffOutcome(r.order_id);
  };
  const issueViews = (): SyncIssueView[] => {
    const names = new Map(d.operators.listView().operators.map((o) => [o.id, o.name]));
    return d.offline.issues.list().map((r: IssueRow): SyncIssueView => ({
      id: r.id,
      kind: r.kind,
      orderId: r.order_id,
      amountMinor: r.amount_minor,
      currency: r.currency,
      detail: r.detail,
      detectedAtMs: r.detected_at_ms,
      resolvedAtMs: r.resolved_at_ms,
      gatewayAmountMinor: r.gateway_amount_minor,
      gatewayCurrency: r.gateway_currency,
      handledBy: r.resolved_by === null ? null : (names.get(r.resolved_by) ?? r.resolved_by),
      handleable: r.resolved_at_ms === null && OWNER_HANDLED_KINDS.has(r.kind),
      writableOff: r.resolved_at_ms === null && r.kind === 'offline_unconfirmed',
      outcome: outcomeOf(r),
    }));
  };
  return {
    'offline.check': ({ orderId }) => d.offline.check(orderId),
    'offline.acceptCode': ({ orderId, code }) => {
      const r = d.offline.acceptCode(orderId, code.trim());
      // A wrong try is committed (it counts): tell the screens either way.
      const view = d.orders.get(orderId);
      if (view.ok) d.events.emit('order.updated', view.value);
      d.events.emit('sync.status', d.sync.status());
      if (!r.ok) return r;
      void d.sync.pushJournal();
      return view;
    },
    'offline.unlockCode': async ({ orderId, approverId, approverPin, reason }) => {
      const approval = await d.operators.checkPin(approverId, approverPin, 'owner');
      if (!approval.ok) return approval;
      const r = d.offline.unlockCode(orderId, approverId, reason.trim(), (kind, detail) =>
        d.audit.record(kind, d.currentOperatorId(), detail),
      );
      if (!r.ok) return r;
      const view = d.orders.get(orderId);
      if (view.ok) d.events.emit('order.updated', view.value);
      return view;
    },
    'offline.limits': () => ok(limits()),
    'offline.setLimits': ({ orderMaxMinor, totalMaxMinor, maxAgeMs }) => {
      if (orderMaxMinor > totalMaxMinor) {
        // One sale above the total could never be taken: a typo, refused rather than half-applied.
        const currency = d.currency();
        return err('offline_limits_inconsistent', 'the limit for one sale is above the total limit', {
          order: formatPlain(orderMaxMinor, currency),
          total: formatPlain(totalMaxMinor, currency),
        });
      }
      // One commit: all three limits or none, with the audit record of what they were.
      const before = limits();
      d.settings.setMany(
        { offlineOrderMaxMinor: orderMaxMinor, offlineTotalMaxMinor: totalMaxMinor, offlineMaxAgeMs: maxAgeMs },
        () =>
          d.audit.record('settings.changed', d.currentOperatorId(), {
            offline_order_max_minor: orderMaxMinor,
            offline_order_max_minor_before: before.orderMaxMinor,
            offline_total_max_minor: totalMaxMinor,
            offline_total_max_minor_before: before.totalMaxMinor,
            offline_max_age_minutes: maxAgeMs / 60_000,
            offline_max_age_minutes_before: before.maxAgeMs / 60_000,
          }),
      );
      d.events.emit('sync.status', d.sync.status());
      return ok(limits());
    },
    'offline.issues': () => ok(issueViews()),
    'offline.resolveIssue': ({ id }) => {
      const row = d.offline.issues.byId(id);
      if (!row) return err('not_found', `no sync issue ${id}`);
      if (row.resolved_at_ms !== null) return ok(issueViews()); // handled already: nothing changes
      if (!OWNER_HANDLED_KINDS.has(row.kind)) {
        return err('sync_issue_waits_for_gateway', 'this issue closes when the gateway confirms the sale');
      }
      const operatorId = d.currentOperatorId();
      if (!operatorId) return err('login_required', 'log in first');
      writeTx(d.db, () => {
        if (!d.offline.issues.markHandled(id, operatorId, d.clock.now())) return;
        d.audit.record('sync_issue.handled', operatorId, {
          issue_id: row.id,
          order_id: row.order_id,
          amount_minor: row.amount_minor,
        });
      });
      d.events.emit('sync.status', d.sync.status());
      return ok(issueViews());
    },
    'offline.writeOff': async ({ orderId, pin, reason }) => {
      const operatorId = d.currentOperatorId();
      if (!operatorId) return err('login_required', 'log in first');
      const approval = await d.operators.checkPin(operatorId, pin, 'owner');
      if (!approval.ok) return approval;
      const r = d.offline.writeOff(orderId, operatorId, reason.trim(), (kind, detail) =>
        d.audit.record(kind, operatorId, detail),
      );
      if (!r.ok) return r;
      const view = d.orders.get(orderId);
      if (view.ok) d.events.emit('order.updated', view.value);
      d.events.emit('sync.status', d.sync.status());
      void d.sync.pushJournal();
      return ok(issueViews());
    },
    'offline.retryPush': () => {
      d.sync.retryPush();
      return ok(d.sync.status());
    },
  };
}
