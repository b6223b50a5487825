import { join } from 'node:path';
import type { AppInfoView } from '../src-shared/api';
import { ok } from '../src-shared/result';
import type { Clock } from '../src-shared/time';
import { createUlidSource } from '../src-shared/ulid';
import { openDatabase, type Db } from './db/connection';
import { migrate } from './db/migrate';
import type { DemoGatewayLauncher } from './demo-gateway';
import type { Handlers } from './handlers';
import { Journal } from './ledger/journal';
import { verifyJournal } from './ledger/verify';
import { ChangeApplier } from './orders/apply-change';
import { EventBus } from './orders/events';
import { OrderService } from './orders/service';
import { keyFileSecretBox, type SecretBox } from './secrets/secret-box';
import { SettingsStore } from './settings/settings';
import { createSettlement, type Settlement } from './settlement';
import { batchFromChange } from './settlement/batches';
import { settlementHandlers } from './settlement/handlers';
import { DemoMode } from './sync/demo-mode';
import { pair } from './sync/pairing';
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
  /** The signed-in cashier (operators module); absent → null → 'unknown' on shifts and reports. */
  readonly currentOperatorId?: () => string | null;
}

export interface App {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly db: Db;
  readonly journal: Journal;
  readonly orders: OrderService;
  readonly sync: SyncService;
  readonly terminal: TerminalStore;
  readonly settings: SettingsStore;
  readonly settlement: Settlement;
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
  const settlement = createSettlement({
    db,
    clock,
    ids,
    journal,
    settings,
    currency: () => terminal.get()?.currency ?? 'CNY',
    currentOperatorId: config.currentOperatorId ?? (() => null),
  });
  const orders = new OrderService(db, clock, ids, settings, terminal, events);
  const applier = new ChangeApplier(db, clock, journal, orders.repo, (c) =>
    settlement.batches.record(batchFromChange(c)),
  );
  const sync = new SyncService({
    clock,
    randomBytes: config.randomBytes,
    random: config.random,
    timers,
    terminal,
    orders,
    applier,
    events,
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
      settings.set('locale', locale);
      events.emit('app.info', info());
      return ok(info());
    },
    'ledger.verify': () => ok(verifyJournal(db)),
    'gateway.status': () => ok(sync.status()),
    'gateway.pair': async ({ url, code }) => {
      const r = await pair(url, code, settings.get().terminalName, clock, false);
      if (!r.ok) return r;
      sync.stop();
      await demo.stop();
      terminal.save(r.value);
      pairingChanged();
      return ok(info());
    },
    'gateway.useDemo': async () => {
      const r = await demo.pairFresh();
      if (!r.ok) return r;
      pairingChanged();
      return ok(info());
    },
    'orders.create': (args) => {
      const r = orders.create(args);
      if (r.ok) void sync.flushRegistrations();
      return r;
    },
    'orders.get': ({ id }) => orders.get(id),
    'orders.cancel': ({ id }) => {
      const r = orders.cancel(id);
      if (r.ok && r.value.registered) void sync.forwardCancel(id);
      return r;
    },
    'orders.today': () => ok(orders.today()),
    ...settlementHandlers(settlement, db, clock, settings, info, () => events.emit('app.info', info())),
  };

  let sweepTimer: unknown = null;
  let closed = false;
  const sweep = () => {
    sweepTimer = null;
    if (closed) return;
    try {
      orders.expireDue();
    } catch (e) {
      console.error('expiry sweep failed', e);
    }
    sweepTimer = timers.setTimeout(sweep, config.expirySweepMs ?? EXPIRY_SWEEP_MS);
  };

  return {
    handlers,
    events,
    db,
    journal,
    orders,
    sync,
    terminal,
    settings,
    settlement,
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
      db.close();
    },
  };
}
