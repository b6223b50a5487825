/**
 * Operator accounts and PIN checks with lockout. A wrong PIN counts against the operator it was
 * typed for; after `pinAttemptsMax` wrong PINs in a row they are locked for `pinLockoutMs`
 * (settings), shown on the lock screen, and an owner can unlock sooner. Every login, failure,
 * lockout and account change goes to the audit log.
 */
import type { OperatorRole, OperatorsView, SessionView } from '../../src-shared/api';
import { err, ok, type Result } from '../../src-shared/result';
import type { Clock } from '../../src-shared/time';
import type { IdSource } from '../../src-shared/ulid';
import type { AuditLog } from '../audit/audit-log';
import { writeTx, type Db } from '../db/connection';
import type { SettingsStore } from '../settings/settings';
import { hashPin, PIN_SALT_BYTES, verifyPin, type ScryptParams } from './pin-hash';
import { OwnerRecovery } from './recovery';
import type { OperatorSession } from './session';
import { activeNamesake, OPERATORS_MAX, OperatorStore, toOperatorView, type OperatorRow } from './store';

export interface OperatorDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly randomBytes: (n: number) => Uint8Array;
  readonly settings: SettingsStore;
  readonly audit: AuditLog;
  readonly session: OperatorSession;
  readonly scrypt: ScryptParams;
}

export class OperatorService {
  readonly store: OperatorStore;
  readonly recovery: OwnerRecovery;

  constructor(private readonly d: OperatorDeps) {
    this.store = new OperatorStore(d.db);
    this.recovery = new OwnerRecovery(d);
  }

  sessionView(): SessionView {
    const now = this.d.clock.now();
    const id = this.d.session.currentOperatorId();
    const row = id ? this.store.byId.get(id) : undefined;
    return {
      hasOwner: (this.store.countOwners.get()?.n ?? 0) > 0,
      current: row ? toOperatorView(row, now) : null,
      operators: this.store.active.all().map((r) => toOperatorView(r, now)),
      recoveryAvailable: this.recovery.exists(),
      idleLockMinutes: Math.round(this.d.settings.get().idleLockMs / 60_000),
    };
  }

  listView(): OperatorsView {
    const now = this.d.clock.now();
    const s = this.d.settings.get();
    return {
      operators: this.store.all.all().map((r) => toOperatorView(r, now)),
      pinAttemptsMax: s.pinAttemptsMax,
      pinLockoutMinutes: Math.round(s.pinLockoutMs / 60_000),
      idleLockMinutes: Math.round(s.idleLockMs / 60_000),
    };
  }

  async setupOwner(name: string, pin: string): Promise<Result<SessionView>> {
    if ((this.store.countOwners.get()?.n ?? 0) > 0) return err('owner_exists', 'an owner already exists');
    const row = await this.newRow(name, 'owner', pin);
    const created = writeTx(this.d.db, () => {
      // checked again inside the transaction: two first-run setups race to one owner
      if ((this.store.countOwners.get()?.n ?? 0) > 0) return false;
      this.store.insert.run(row);
      this.d.audit.record('operator.owner_setup', row.id, { name: row.name });
      this.d.audit.record('operator.login', row.id, {});
      return true;
    });
    if (!created) return err('owner_exists', 'an owner already exists');
    this.d.session.set({ id: row.id, role: 'owner' });
    return ok(this.sessionView());
  }

  async create(
    name: string,
    role: OperatorRole,
    pin: string,
    currentPin: string | undefined,
  ): Promise<Result<OperatorsView>> {
    if ((this.store.countActive.get()?.n ?? 0) >= OPERATORS_MAX) {
      return err('invalid_argument', `at most ${OPERATORS_MAX} active operators`);
    }
    if (activeNamesake(this.store, name, null)) return nameTaken(name);
    if (role === 'owner') {
      // Another owner can approve refunds and make recovery codes: not for a till left open.
      const check = await this.confirmCaller(currentPin);
      if (!check.ok) return check;
    }
    const row = await this.newRow(name, role, pin);
    const created = writeTx(this.d.db, (): boolean => {
      // Again inside the write: another add of the same name may have landed while the PIN was hashed.
      if (activeNamesake(this.store, row.name, null)) return false;
      this.store.insert.run(row);
      this.d.audit.record('operator.created', this.d.session.currentOperatorId(), { id: row.id, role, name: row.name });
      return true;
    });
    return created ? ok(this.listView()) : nameTaken(name);
  }

  async login(operatorId: string, pin: string): Promise<Result<SessionView>> {
    const r = await this.checkPin(operatorId, pin, null);
    if (!r.ok) return r;
    this.d.audit.record('operator.login', operatorId, {});
    this.d.session.set({ id: r.value.id, role: r.value.role });
    return ok(this.sessionView());
  }

  logout(): SessionView {
    const id = this.d.session.currentOperatorId();
    if (id) this.d.audit.record('operator.logout', id, {});
    this.d.session.set(null);
    return this.sessionView();
  }

  /**
   * Clears a wrong-PIN lockout. Not one's own: whoever is at an open till would clear the
   * lockout that stops them guessing this owner's PIN (the refund approval asks for it). An
   * owner's needs the caller's PIN: it stops the same guessing of another owner's.
   */
  async unlock(operatorId: string, currentPin?: string): Promise<Result<OperatorsView>> {
    const by = this.d.session.currentOperatorId();
    if (operatorId === by) return err('unlock_self', 'an operator cannot clear their own lockout');
    const row = this.store.byId.get(operatorId);
    if (!row) return err('operator_not_found', 'no such operator');
    if (row.role === 'owner') {
      const check = await this.confirmCaller(currentPin);
      if (!check.ok) return check;
    }
    const done = writeTx(this.d.db, () => {
      if (!this.store.byId.get(operatorId)) return false;
      this.store.clearFailures.run(operatorId);
      this.d.audit.record('operator.unlocked', this.d.session.currentOperatorId(), { id: operatorId });
      return true;
    });
    return done ? ok(this.listView()) : err('operator_not_found', 'no such operator');
  }

  /**
   * Deactivates an operator (kept for history: orders, shifts and the audit log still name
   * them) or activates them again. Not oneself; never the last active owner.
   */
  setActive(operatorId: string, active: boolean): Result<OperatorsView> {
    const by = this.d.session.currentOperatorId();
    if (operatorId === by) return err('operator_self', 'you cannot deactivate yourself');
    const r = writeTx(this.d.db, (): Result<null> => {
      const row = this.store.byId.get(operatorId);
      if (!row) return err('operator_not_found', 'no such operator');
      if ((row.disabled_at_ms === null) === active) return ok(null); // already so: nothing to record
      if (!active && row.role === 'owner' && (this.store.countOwners.get()?.n ?? 0) <= 1) {
        return err('last_owner', 'the last owner cannot be deactivated');
      }
      if (active && (this.store.countActive.get()?.n ?? 0) >= OPERATORS_MAX) {
        return err('invalid_argument', `at most ${OPERATORS_MAX} active operators`);
      }
      if (active && activeNamesake(this.store, row.name, row.id)) return nameTaken(row.name);
      this.store.setDisabled.run(active ? null : this.d.clock.now(), operatorId);
      this.d.audit.record(active ? 'operator.enabled' : 'operator.disabled', by, { id: operatorId, name: row.name });
      return ok(null);
    });
    return r.ok ? ok(this.listView()) : r;
  }

  /**
   * Sets an operator's PIN (one who forgot theirs), clearing wrong tries and any lockout. An
   * owner's PIN (one's own or another owner's) needs the caller's current one: a till left open
   * does not give an owner's away.
   */
  async setPin(operatorId: string, pin: string, currentPin: string | undefined): Promise<Result<OperatorsView>> {
    const by = this.d.session.currentOperatorId();
    const row = this.store.byId.get(operatorId);
    if (!row) return err('operator_not_found', 'no such operator');
    if (row.disabled_at_ms !== null) return err('operator_disabled', 'this operator is deactivated');
    if (operatorId === by || row.role === 'owner') {
      const check = await this.confirmCaller(currentPin);
      if (!check.ok) return check;
    }
    const pinHash = await hashPin(pin, this.d.randomBytes(PIN_SALT_BYTES), this.d.scrypt);
    writeTx(this.d.db, () => {
      this.store.setPinHash.run(pinHash, operatorId);
      this.d.audit.record('operator.pin_reset', by, { id: operatorId, name: row.name });
    });
    return ok(this.listView());
  }

  /**
   * A new recovery code for the shop's owners (replacing the old), shown once. Needs the
   * caller's PIN: the code resets any owner's PIN, so a till left open must not hand one out.
   */
  async newRecoveryCode(currentPin: string): Promise<Result<{ code: string }>> {
    const check = await this.confirmCaller(currentPin);
    if (!check.ok) return check;
    return ok({ code: await this.recovery.create(this.d.session.currentOperatorId()) });
  }

  /** The logged-in operator types their PIN again (wrong tries count toward their lockout). */
  private async confirmCaller(currentPin: string | undefined): Promise<Result<OperatorRow>> {
    const by = this.d.session.currentOperatorId();
    if (by === null) return err('login_required', 'log in first');
    if (currentPin === undefined) return err('pin_wrong', 'type your current PIN');
    return this.checkPin(by, currentPin, null);
  }

  /**
   * At the lock screen: an owner who forgot their PIN sets a new one with the recovery code,
   * which is used up; they are logged in, and asked to make a new code.
   */
  async recover(operatorId: string, code: string, pin: string): Promise<Result<SessionView>> {
    const row = this.store.byId.get(operatorId);
    if (!row) return err('operator_not_found', 'no such operator');
    if (row.disabled_at_ms !== null) return err('operator_disabled', 'this operator is deactivated');
    if (row.role !== 'owner') return err('owner_required', 'the recovery code is for an owner');
    const pinHash = await hashPin(pin, this.d.randomBytes(PIN_SALT_BYTES), this.d.scrypt);
    const used = await this.recovery.use(code, () => {
      this.store.setPinHash.run(pinHash, operatorId);
      this.d.audit.record('operator.recovered', operatorId, { id: operatorId, name: row.name });
    });
    if (!used.ok) return used;
    this.d.session.set({ id: row.id, role: 'owner' });
    return ok(this.sessionView());
  }

  /** Wrong-PIN lockout and the idle lock, saved with their audit record in one transaction. */
  /**
   * The wrong-PIN lockout and the idle lock. Loosening either (more tries, a shorter lockout, a
   * longer or no idle lock) needs the caller's PIN again: from a till left open it would undo
   * the lockout that stops someone guessing the owner's PIN, as unlocking oneself would.
   */
  async setLockout(
    attemptsMax: number,
    lockoutMinutes: number,
    idleLockMinutes?: number,
    currentPin?: string,
  ): Promise<Result<OperatorsView>> {
    const s = this.d.settings.get();
    const idle = idleLockMinutes ?? Math.round(s.idleLockMs / 60_000);
    const oldIdle = Math.round(s.idleLockMs / 60_000);
    const loosens =
      attemptsMax > s.pinAttemptsMax ||
      lockoutMinutes * 60_000 < s.pinLockoutMs ||
      (oldIdle !== 0 && (idle === 0 || idle > oldIdle));
    if (loosens) {
      const check = await this.confirmCaller(currentPin);
      if (!check.ok) return check;
    }
    this.d.settings.setMany(
      { pinAttemptsMax: attemptsMax, pinLockoutMs: lockoutMinutes * 60_000, idleLockMs: idle * 60_000 },
      () =>
        this.d.audit.record('settings.changed', this.d.session.currentOperatorId(), {
          attempts_max: attemptsMax,
          lockout_minutes: lockoutMinutes,
          idle_lock_minutes: idle,
        }),
    );
    return ok(this.listView());
  }

  /**
   * Checks an operator's PIN (of the given role, when one is required), counting failures and
   * locking after too many. Used by login and by owner approvals (refunds).
   */
  async checkPin(operatorId: string, pin: string, role: OperatorRole | null): Promise<Result<OperatorRow>> {
    const row = this.store.byId.get(operatorId);
    if (!row) return err('operator_not_found', 'no such operator');
    if (row.disabled_at_ms !== null) return err('operator_disabled', 'this operator is deactivated');
    if (role !== null && row.role !== role) return err('owner_required', 'this needs an owner');
    const locked = this.lockedUntil(row);
    if (locked !== null) return err('operator_locked', 'too many wrong PINs', { until_ms: locked });
    const good = await verifyPin(pin, row.pin_hash);
    const { pinAttemptsMax, pinLockoutMs } = this.d.settings.get();
    return writeTx(this.d.db, (): Result<OperatorRow> => {
      const fresh = this.store.byId.get(operatorId)!;
      // a concurrent try may have locked the operator while the hash was computed
      const lockedNow = this.lockedUntil(fresh);
      if (lockedNow !== null) return err('operator_locked', 'too many wrong PINs', { until_ms: lockedNow });
      if (good) {
        if (fresh.failed_attempts > 0 || fresh.locked_until_ms !== null) this.store.clearFailures.run(operatorId);
        return ok(fresh);
      }
      this.store.recordFailure.run(operatorId);
      const attempts = fresh.failed_attempts + 1;
      this.d.audit.record('operator.pin_wrong', operatorId, { attempts });
      if (attempts >= pinAttemptsMax) {
        const until = this.d.clock.now() + pinLockoutMs;
        this.store.lock.run(until, operatorId);
        this.d.audit.record('operator.locked', operatorId, { until_ms: until });
        return err('operator_locked', 'too many wrong PINs', { until_ms: until });
      }
      return err('pin_wrong', 'wrong PIN', { attempts_left: pinAttemptsMax - attempts });
    });
  }

  private lockedUntil(row: OperatorRow): number | null {
    return row.locked_until_ms !== null && row.locked_until_ms > this.d.clock.now() ? row.locked_until_ms : null;
  }

  private async newRow(name: string, role: OperatorRole, pin: string): Promise<OperatorRow> {
    const pinHash = await hashPin(pin, this.d.randomBytes(PIN_SALT_BYTES), this.d.scrypt);
    return {
      id: this.d.ids(),
      name: name.trim(),
      role,
      pin_hash: pinHash,
      failed_attempts: 0,
      locked_until_ms: null,
      created_at_ms: this.d.clock.now(),
      disabled_at_ms: null,
    };
  }
}

const nameTaken = (name: string) =>
  err('operator_name_taken', 'an active operator already has this name', { name: name.trim() });
