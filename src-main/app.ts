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
import { offlineHandlers } from './offline/handlers';
import { IssueStore } from './offline/issues';
import { OfflineService } from './offline/service';
import { ChangeApplier } from './orders/apply-change';
import { EventBus } from './orders/events';
import { OrderService } from './orders/service';
import { keyFileSecretBox, type SecretBox } from './secrets/secret-box';
import { SettingsStore } from './settings/settings';
import { DemoMode } from './sync/demo-mode';
import type { FetchLike } from './sync/gateway-client';
import { Outbox } from './sync/outbox';
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
  /** The HTTP client for gateway requests (the simulation injects a faulty network). */
  readonly fetch?: FetchLike;
  /** false: no live change stream; the caller drives push and pull (simulation, harness). */
  readonly stream?: boolean;
  /** Entries per journal push (default: the protocol maximum). */
  readonly pushBatchMax?: number;
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
  const orders = new OrderService(db, clock, ids, settings, terminal, events);
  const issues = new IssueStore(db);
  const offline = new OfflineService(db, clock, journal, orders.repo, settings, terminal, issues);
  const applier = new ChangeApplier(db, clock, journal, orders.repo, issues);
  const outbox = new Outbox(db);
  const sync = new SyncService({
    outbox,
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
    ...offlineHandlers({ offline, orders, settings, sync, events }),
  };

  let sweepTimer: unknown = null;
  let closed = false;
  const sweep = () => {
    sweepTimer = null;
    if (closed) return;
    try {
      orders.expireDue();
      if (offline.sweepAged() > 0) events.emit('sync.status', sync.status());
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
      db.close();
    },
  };
}
