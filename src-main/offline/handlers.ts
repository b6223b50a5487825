import type { SyncIssueView } from '../../src-shared/api';
import { formatPlain, type Currency } from '../../src-shared/money';
import { err, ok } from '../../src-shared/result';
import type { Handlers } from '../handlers';
import type { EventBus } from '../orders/events';
import type { OrderService } from '../orders/service';
import type { SettingsStore } from '../settings/settings';
import type { SyncService } from '../sync/sync-service';
import type { AuditLog } from '../audit/audit-log';
import type { OperatorService } from '../operators/service';
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
      d.settings.set('offlineOrderMaxMinor', orderMaxMinor);
      d.settings.set('offlineTotalMaxMinor', totalMaxMinor);
      d.settings.set('offlineMaxAgeMs', maxAgeMs);
      d.events.emit('sync.status', d.sync.status());
      return ok(limits());
    },
    'offline.issues': () =>
      ok(
        d.offline.issues.list().map((r): SyncIssueView => ({
          id: r.id,
          kind: r.kind,
          orderId: r.order_id,
          amountMinor: r.amount_minor,
          currency: r.currency,
          detail: r.detail,
          detectedAtMs: r.detected_at_ms,
          resolvedAtMs: r.resolved_at_ms,
        })),
      ),
    'offline.retryPush': () => {
      d.sync.retryPush();
      return ok(d.sync.status());
    },
  };
}
