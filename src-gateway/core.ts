/** What every service and route shares: the database, its stores, the injected clock and randomness. */
import type Database from 'better-sqlite3';
import type { Currency } from '../src-shared/money';
import type { Clock } from '../src-shared/time';
import type { RandomBytes } from './crypto';
import type { GatewayLog } from './log';
import { TerminalJournalStore } from './journal/store';
import { ChangeStore } from './store/changes';
import { NonceStore } from './store/nonces';
import { OrderStore } from './store/orders';
import { PairingCodeStore } from './store/pairing-codes';
import { ProviderTradeStore } from './store/provider-trades';
import { SessionStore } from './store/sessions';
import { TerminalStore } from './store/terminals';

export interface GatewayIdentity {
  readonly gatewayId: string;
  readonly merchantName: string;
  readonly currency: Currency;
  /** Base of QR URLs, without a trailing slash; known once the server listens. */
  publicUrl: string;
}

export interface GatewayCore {
  readonly db: Database.Database;
  readonly clock: Clock;
  readonly randomBytes: RandomBytes;
  readonly log: GatewayLog;
  readonly identity: GatewayIdentity;
  readonly terminals: TerminalStore;
  readonly pairingCodes: PairingCodeStore;
  readonly nonces: NonceStore;
  readonly orders: OrderStore;
  readonly sessions: SessionStore;
  readonly changes: ChangeStore;
  readonly trades: ProviderTradeStore;
  readonly journal: TerminalJournalStore;
  /** Called after a transaction that appended changes for `terminalId` has committed. */
  changesCommitted(terminalId: string): void;
}

export interface CoreParts {
  readonly db: Database.Database;
  readonly masterKey: Buffer;
  readonly clock: Clock;
  readonly randomBytes: RandomBytes;
  readonly log: GatewayLog;
  readonly identity: GatewayIdentity;
  readonly changesCommitted: (terminalId: string) => void;
}

export function createCore(p: CoreParts): GatewayCore {
  return {
    db: p.db,
    clock: p.clock,
    randomBytes: p.randomBytes,
    log: p.log,
    identity: p.identity,
    terminals: new TerminalStore(p.db, p.masterKey, p.randomBytes),
    pairingCodes: new PairingCodeStore(p.db, p.masterKey),
    nonces: new NonceStore(p.db),
    orders: new OrderStore(p.db),
    sessions: new SessionStore(p.db),
    changes: new ChangeStore(p.db),
    trades: new ProviderTradeStore(p.db),
    journal: new TerminalJournalStore(p.db),
    changesCommitted: p.changesCommitted,
  };
}

/** The gateway's id, made once and kept in the database. */
export function loadOrCreateGatewayId(db: Database.Database, make: () => string): string {
  return db
    .transaction(() => {
      const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'gateway_id'").get();
      if (row) return row.value;
      const id = make();
      db.prepare("INSERT INTO meta (key, value) VALUES ('gateway_id', ?)").run(id);
      return id;
    })
    .immediate();
}
