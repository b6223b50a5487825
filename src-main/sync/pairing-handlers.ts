/**
 * Pairing with a gateway from Settings: another gateway by URL and one-time code, or the
 * embedded demo one. While the current gateway still owes this counter answers, switching is
 * refused with what it owes, before the code is spent, unless the owner goes on.
 */
import type { AppInfoView } from '../../src-shared/api';
import { normalizeGatewayUrl, normalizePairingCode } from '../../src-shared/pairing-input';
import { err, ok } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import type { AuditLog } from '../audit/audit-log';
import type { Handlers } from '../handlers';
import type { OfflineService } from '../offline/service';
import type { OrderRepo } from '../orders/repo';
import type { SettingsStore } from '../settings/settings';
import type { DemoMode } from './demo-mode';
import { pair } from './pairing';
import type { SyncService } from './sync-service';
import type { TerminalStore } from './terminal-store';

export interface PairingHandlerDeps {
  readonly clock: Clock;
  readonly settings: SettingsStore;
  readonly terminal: TerminalStore;
  readonly offline: OfflineService;
  readonly orders: OrderRepo;
  readonly sync: SyncService;
  readonly demo: DemoMode;
  readonly audit: AuditLog;
  readonly currentOperatorId: () => string | null;
  readonly info: () => AppInfoView;
  /** The pairing changed: sync restarts and the window is told. */
  readonly pairingChanged: () => void;
}

export function pairingHandlers(d: PairingHandlerDeps): Pick<Handlers, 'gateway.pair' | 'gateway.useDemo'> {
  /**
   * What the current gateway still owes this counter: sales verified by code that only it can
   * confirm, and orders a customer could still pay there (their payments would reach only it).
   * Null when nothing (or no gateway yet).
   */
  const owedByGateway = () => {
    if (!d.terminal.get()) return null;
    const sales = d.offline.pending().count;
    const payable = d.orders.countPayableThere.get()?.n ?? 0;
    if (sales === 0 && payable === 0) return null;
    return {
      refusal: err('pairing_leaves_pending', 'the current gateway still owes this counter answers', {
        sales,
        orders: payable,
      }),
      left: { left_offline_sales: sales, left_payable_orders: payable },
    };
  };
  return {
    'gateway.pair': async ({ url, code, leavePending }) => {
      // Bad input is named first: nothing is asked of anyone for an address or code that cannot be.
      const u = normalizeGatewayUrl(url);
      if (!u.ok) return u;
      const c = normalizePairingCode(code);
      if (!c.ok) return c;
      // Asked before the one-time code is spent: refusing afterwards would waste it.
      const owed = owedByGateway();
      if (owed && !leavePending) return owed.refusal;
      const r = await pair(url, code, d.settings.get().terminalName, d.clock, false);
      if (!r.ok) return r;
      d.sync.stop();
      await d.demo.stop();
      d.terminal.save(r.value);
      d.audit.record('gateway.paired', d.currentOperatorId(), {
        terminal_id: r.value.terminalId,
        url: r.value.gatewayUrl,
        ...owed?.left,
      });
      d.pairingChanged();
      return ok(d.info());
    },
    'gateway.useDemo': async ({ leavePending }) => {
      const owed = owedByGateway();
      if (owed && !leavePending) return owed.refusal;
      const r = await d.demo.pairFresh();
      if (!r.ok) return r;
      d.audit.record('gateway.paired', d.currentOperatorId(), { demo: true, ...owed?.left });
      d.pairingChanged();
      return ok(d.info());
    },
  };
}
