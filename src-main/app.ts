import { existsSync } from 'node:fs';
import type { AuditDetailOf, AuditKind } from '../src-shared/audit-events';
import { join } from 'node:path';
import type { AppInfoView } from '../src-shared/api';
import type { Currency } from '../src-shared/money';
import { ok } from '../src-shared/result';
import type { Clock } from '../src-shared/time';
import { createUlidSource } from '../src-shared/ulid';
import { openDatabase, type Db } from './db/connection';
import { migrate } from './db/migrate';
import type { DemoGatewayLauncher } from './demo-gateway';
import type { Handlers } from './handlers';
import { AuditLog } from './audit/audit-log';
import { createDispatcher, type Dispatch } from './host/dispatch';
import { Journal } from './ledger/journal';
import { accessGuard } from './operators/access';
import { operatorHandlers } from './operators/handlers';
import { PIN_SCRYPT_PARAMS, type ScryptParams } from './operators/pin-hash';
import { OperatorService } from './operators/service';
import { OperatorSession } from './operators/session';
import { orderHandlers } from './orders/handlers';
import { CashRefunds } from './refunds/cash-refunds';
import { refundHandlers } from './refunds/handlers';
import { RefundService } from './refunds/service';
import { LedgerBackups } from './ledger/backup';
import { verifyJournal } from './ledger/verify';
import { offlineHandlers } from './offline/handlers';
import { IssueStore } from './offline/issues';
import { OfflineService } from './offline/service';
import { ChangeApplier } from './orders/apply-change';
import { EventBus } from './orders/events';
import { OrderService } from './orders/service';
import { reconcileHandlers } from './reconcile/handlers';
import { openReadConnection } from './reconcile/read-connection';
import { ReconcileService } from './reconcile/service';
import { fetchGatewayStatement } from './reconcile/statement-client';
import { Uploads } from './reconcile/uploads';
import { scanHandlers } from './scan/handlers';
import { keyFileSecretBox, type SecretBox } from './secrets/secret-box';
import { SettingsStore } from './settings/settings';
import { createSettlement, type Settlement } from './settlement';
import { batchFromChange } from './settlement/batches';
import { settlementHandlers } from './settlement/handlers';
import { printHandlers } from './settlement/print-handlers';
import { DemoMode } from './sync/demo-mode';
import type { FetchLike } from './sync/gateway-client';
import { Outbox } from './sync/outbox';
import { pairingHandlers } from './sync/pairing-handlers';
import { GatewayClient } from './sync/gateway-client';
import { SyncService } from './sync/sync-service';
import { TerminalStore } from './sync/terminal-store';
import type { Timers } from './sync/timers';

export interface AppConfig {
  /** Folder for ledger.db and the secret key file. */
  readonly dataDir: string;
  readonly clock: Clock;
  readonly randomBytes: (n: number) => Uint8Array;
  /** Uniform in [0, 1): backoff jitter. */
  readonly random: () => number;
  readonly timers: Timers;
  readonly version: string;
  readonly secretBox?: SecretBox;
  /** Absent: no demo gateway (a remote gateway must be paired in Settings). */
  readonly demoGateway?: DemoGatewayLauncher;
  /** better-sqlite3 binary built for Electron's ABI, when running inside Electron. */
  readonly nativeBinding?: string;
  /** How often awaiting orders are checked for expiry. */
  readonly expirySweepMs?: number;
  /** How secrets are sealed (shown to the owner; `key_file` is the weaker fallback). */
  readonly secretStorage?: 'keyring' | 'key_file';
  /** PIN hashing cost; tests pass cheap parameters. */
  readonly scrypt?: ScryptParams;
  /** The HTTP client for gateway requests (the simulation injects a faulty network). */
  readonly fetch?: FetchLike;
  /** false: no live change stream; the caller drives push and pull (simulation, harness). */
  readonly stream?: boolean;
  /** Entries per journal push (default: the protocol maximum). */
  readonly pushBatchMax?: number;
  /**
   * The built reconciliation worker script (`out/main/reconcile-worker.js`, next to the entry
   * that starts the app): a run reads and classifies in a thread of its own and writes through a
   * writer thread. Absent or missing: the run does both in the main thread.
   */
  readonly reconcileWorkerScript?: string;
}

export interface App {
  readonly handlers: Handlers;
  /** Dispatch with the access guard (who is logged in): what both transports use. */
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly session: OperatorSession;
  readonly operators: OperatorService;
  readonly refunds: RefundService;
  readonly audit: AuditLog;
  readonly db: Db;
  readonly journal: Journal;
  readonly orders: OrderService;
  readonly sync: SyncService;
  readonly terminal: TerminalStore;
  readonly settings: SettingsStore;
  readonly reconcile: ReconcileService;
  readonly settlement: Settlement;
  readonly offline: OfflineService;
  readonly outbox: Outbox;
  readonly applier: ChangeApplier;
  info(): AppInfoView;
  start(): Promise<void>;
  close(): Promise<void>;
}

const EXPIRY_SWEEP_MS = 1_000;

/** The composition root: the only place that wires services together. */
export function createApp(config: AppConfig): App {
  const { clock, timers } = config;
  const db = openDatabase(join(config.dataDir, 'ledger.db'), { nativeBinding: config.nativeBinding });
  migrate(db);
  const ids = createUlidSource(() => clock.now(), config.randomBytes);
  const box = config.secretBox ?? keyFileSecretBox(join(config.dataDir, 'secret.key'), config.randomBytes);
  const settings = new SettingsStore(db);
  const terminal = new TerminalStore(db, box);
  const events = new EventBus();
  const journal = new Journal(db, clock, ids);
  const audit = new AuditLog(db, clock);
  const backups = new LedgerBackups(db, join(config.dataDir, 'backups'), clock, config.nativeBinding);
  const session = new OperatorSession();
  const currentOperatorId = () => session.currentOperatorId();
  const operators = new OperatorService({
    db,
    clock,
    ids,
    randomBytes: config.randomBytes,
    settings,
    audit,
    session,
    scrypt: config.scrypt ?? PIN_SCRYPT_PARAMS,
  });
  const orders = new OrderService(db, clock, ids, settings, terminal, events, currentOperatorId);
  const issues = new IssueStore(db);
  const offline = new OfflineService(db, clock, journal, orders.repo, settings, terminal, issues);
  const outbox = new Outbox(db);
  const currency = (): Currency => terminal.get()?.currency ?? 'CNY';
  const settlement = createSettlement({
    db,
    clock,
    ids,
    journal,
    settings,
    currency,
    currentOperatorId,
  });
  const applier = new ChangeApplier(db, clock, journal, orders.repo, issues, audit, (c) =>
    settlement.batches.record(batchFromChange(c)),
  );
  let refunds: RefundService | null = null;
  const sync = new SyncService({
    outbox,
    onJournalResent: (e) =>
      audit.record('sync.journal_resent', null, {
        gateway_seq: e.gatewaySeq,
        console_seq: e.consoleSeq,
        entries: e.entries,
      }),
    fetch: config.fetch,
    stream: config.stream,
    pushBatchMax: config.pushBatchMax,
    extraStatus: () => {
      const p = offline.pending();
      return {
        offlinePending: p.count,
        offlinePendingTotalMinor: p.totalMinor,
        offlineOldestAtMs: p.oldestAtMs,
        offlineAgeLevel: p.ageLevel,
        openIssues: issues.openCount(),
      };
    },
    clock,
    randomBytes: config.randomBytes,
    random: config.random,
    timers,
    terminal,
    orders,
    applier,
    events,
    onConnected: () => void refunds?.resendRequested().catch((e: unknown) => console.error('refund resend failed', e)),
    onRefundChanged: (id) => {
      const row = refunds?.repo.byId.get(id);
      if (row && refunds) events.emit('refund.updated', refunds.view(row));
    },
  });
  journal.onAppend(() => sync.journalWritten()); // cash and shift entries have no gateway traffic to carry them
  const dbPath = join(config.dataDir, 'ledger.db');
  const reconcile = new ReconcileService({
    db,
    openReader: () => openReadConnection(dbPath, config.nativeBinding),
    runThreads:
      config.reconcileWorkerScript && existsSync(config.reconcileWorkerScript)
        ? { workerPath: config.reconcileWorkerScript, dbPath, nativeBinding: config.nativeBinding }
        : null,
    clock,
    ids,
    journal,
    events,
    businessDay: () => ({ timeZone: settings.get().timeZone, cutoffHour: settings.get().businessDayCutoffHour }),
    currentOperatorId,
    // Reconciliation builds its kinds (`reconcile.<action>`): `record` checks kind and keys.
    audit: (e) => audit.record(e.type as AuditKind, e.operatorId, e.detail as AuditDetailOf<AuditKind>),
    terminal: () => ({
      terminalId: terminal.get()?.terminalId ?? 'unpaired',
      currency: terminal.get()?.currency ?? 'CNY',
    }),
    fetchStatement: (fromDate, toDate, scope) => {
      const s = settings.get();
      const p = terminal.get();
      // Its own client: the statement is wanted even while the live sync is stopped or backing off.
      const client = p
        ? new GatewayClient(
            { baseUrl: p.gatewayUrl, terminalId: p.terminalId, secret: p.secret },
            { clock, randomBytes: config.randomBytes },
          )
        : null;
      return fetchGatewayStatement(client, {
        fromDate,
        toDate,
        scope,
        timeZone: s.timeZone,
        cutoffHour: s.businessDayCutoffHour,
      });
    },
    yieldTurn: () => new Promise((resolve) => setImmediate(resolve)),
  });
  const uploads = new Uploads(ids);
  refunds = new RefundService({ db, clock, orders: orders.repo, operators, audit, sync, events, currentOperatorId });
  const refundService = refunds;
  const cashRefunds = new CashRefunds({
    db,
    clock,
    orders,
    refunds: refundService,
    operators,
    audit,
    cash: settlement.cash,
    events,
    currentOperatorId,
    currency,
  });
  const demo = new DemoMode(config.demoGateway ?? null, terminal, settings, clock, config.randomBytes);

  const info = (): AppInfoView => {
    const p = terminal.get();
    const s = settings.get();
    return {
      version: config.version,
      locale: s.locale,
      demoMode: p?.demo ?? false,
      paired: p !== null,
      terminalId: p?.terminalId ?? null,
      merchantName: p?.merchantName ?? null,
      gatewayUrl: p?.gatewayUrl ?? null,
      currency: p?.currency ?? 'CNY',
      orderAmountMaxMinor: s.orderAmountMaxMinor,
      orderTtlMs: s.orderTtlMs,
      timeZone: s.timeZone,
      businessDayCutoffHour: s.businessDayCutoffHour,
      nowMs: clock.now(),
    };
  };
  const pairingChanged = () => {
    sync.start();
    events.emit('app.info', info());
    events.emit('sync.status', sync.status());
  };

  const handlers: Handlers = {
    'app.info': () => ok(info()),
    'settings.setLocale': ({ locale }) => {
      if (settings.get().locale !== locale) {
        settings.set('locale', locale);
        // A public call (the lock screen has the switch): audited when someone is logged in,
        // so toggling it at the lock screen cannot grow the audit log without bound.
        const by = currentOperatorId();
        if (by !== null) audit.record('settings.changed', by, { locale });
      }
      events.emit('app.info', info());
      return ok(info());
    },
    'ledger.verify': () => ok(verifyJournal(db)),
    'ledger.backup': async () => {
      const r = await backups.run();
      if (r.ok) audit.record('ledger.backup', currentOperatorId(), { file: r.value.file, bytes: r.value.bytes });
      return r;
    },
    'gateway.status': () => ok(sync.status()),
    ...pairingHandlers({
      clock,
      settings,
      terminal,
      offline,
      orders: orders.repo,
      sync,
      demo,
      audit,
      currentOperatorId,
      info,
      pairingChanged,
    }),
    ...orderHandlers({
      orders,
      flushRegistrations: () => sync.flushRegistrations(),
      cashSales: (date) => settlement.reports.cashSales(date),
    }),
    ...reconcileHandlers(reconcile, uploads),
    ...scanHandlers({ orders, client: () => sync.client(), flushRegistrations: () => sync.flushRegistrations() }),
    ...operatorHandlers(operators, audit, events),
    ...refundHandlers(refundService, cashRefunds),
    'security.status': () => ok({ secretStorage: config.secretStorage ?? 'key_file' }),
    ...settlementHandlers(settlement, {
      db,
      clock,
      settings,
      audit,
      currentOperatorId,
      info,
      onInfoChanged: () => events.emit('app.info', info()),
    }),
    ...offlineHandlers({
      offline,
      orders,
      settings,
      sync,
      events,
      operators,
      audit,
      currentOperatorId,
      currency,
      db,
      clock,
    }),
    ...printHandlers({ settlement, db, clock, settings, audit, currentOperatorId }),
  };
  const dispatch = createDispatcher(handlers, accessGuard(session));

  let sweepTimer: unknown = null;
  let closed = false;
  const sweep = () => {
    sweepTimer = null;
    if (closed) return;
    try {
      orders.expireDue();
      refundService.resendDue();
      const opened = offline.sweepAged();
      if (offline.ageLevelMoved() || opened > 0) events.emit('sync.status', sync.status());
    } catch (e) {
      console.error('expiry sweep failed', e);
    }
    sweepTimer = timers.setTimeout(sweep, config.expirySweepMs ?? EXPIRY_SWEEP_MS);
  };

  return {
    handlers,
    dispatch,
    events,
    session,
    operators,
    refunds: refundService,
    audit,
    db,
    journal,
    orders,
    sync,
    terminal,
    settings,
    reconcile,
    settlement,
    offline,
    outbox,
    applier,
    info,
    async start() {
      const r = await demo.ensure();
      if (!r.ok) console.error(`demo gateway: ${r.error.message}`);
      sync.start();
      sweep();
    },
    async close() {
      closed = true;
      if (sweepTimer) timers.clearTimeout(sweepTimer);
      sync.stop();
      await demo.stop();
      await reconcile.cancelAndWait();
      db.close();
    },
  };
}
