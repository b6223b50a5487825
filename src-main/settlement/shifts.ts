import type { ShiftView } from '../../src-shared/api';
import { assert } from '../../src-shared/errors';
import { formatPlain, parseAmount, type Currency } from '../../src-shared/money';
import { err, ok, type Result } from '../../src-shared/result';
import { businessDate, type Clock } from '../../src-shared/time';
import type { IdSource } from '../../src-shared/ulid';
import { writeTx, type Db } from '../db/connection';
import { ACCOUNTS } from '../ledger/accounts';
import type { Journal } from '../ledger/journal';
import type { SettingsStore } from '../settings/settings';

/** No drawer holds more than this (a float, a count, a paid in/out): typing slips stop here. */
export const CASH_DRAWER_MAX_MINOR = 1_000_000_00;
export const UNKNOWN_OPERATOR = 'unknown';

export interface ShiftRow {
  id: string;
  operator_id: string;
  currency: string;
  opened_at_ms: number;
  opening_float_minor: number;
  closed_at_ms: number | null;
  closed_by: string | null;
  expected_minor: number | null;
  counted_minor: number | null;
}

export interface ShiftDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly journal: Journal;
  readonly settings: SettingsStore;
  readonly currency: () => Currency;
  readonly currentOperatorId: () => string | null;
}

/**
 * Cash amounts as typed; zero is allowed where `allowZero` (an empty float, an empty drawer).
 * Above the drawer's limit the refusal carries it in minor units with the currency, so the
 * window says it as money (¥1,000,000.00), not as plain digits.
 */
export function parseCash(text: string, currency: Currency, allowZero: boolean): Result<number> {
  const r = parseAmount(text, currency, CASH_DRAWER_MAX_MINOR);
  if (!r.ok && r.error.code === 'amount_zero' && allowZero) return ok(0);
  if (!r.ok && r.error.code === 'amount_too_large') {
    return err('amount_too_large', r.error.message, {
      max: formatPlain(CASH_DRAWER_MAX_MINOR, currency),
      max_minor: CASH_DRAWER_MAX_MINOR,
      currency,
    });
  }
  return r.ok ? ok(r.value as number) : r;
}

/** Shifts: open with a float, close with a count. One open shift per console. */
export class ShiftStore {
  private readonly openStmt;
  private readonly byIdStmt;
  private readonly nameStmt;

  constructor(private readonly d: ShiftDeps) {
    this.openStmt = d.db.prepare<[], ShiftRow>('SELECT * FROM shifts WHERE closed_at_ms IS NULL');
    this.byIdStmt = d.db.prepare<[string], ShiftRow>('SELECT * FROM shifts WHERE id = ?');
    this.nameStmt = d.db.prepare<[string], { name: string }>('SELECT name FROM operators WHERE id = ?');
  }

  openRow(): ShiftRow | null {
    return this.openStmt.get() ?? null;
  }

  byId(id: string): ShiftRow | null {
    return this.byIdStmt.get(id) ?? null;
  }

  view(row: ShiftRow): ShiftView {
    const s = this.d.settings.get();
    return {
      id: row.id,
      operatorId: row.operator_id,
      operatorName: this.nameStmt.get(row.operator_id)?.name ?? null,
      currency: row.currency as Currency,
      openedAtMs: row.opened_at_ms,
      openingFloatMinor: row.opening_float_minor,
      closedAtMs: row.closed_at_ms,
      closedBy: row.closed_by,
      countedMinor: row.counted_minor,
      businessDate: businessDate(row.opened_at_ms, s.timeZone, s.businessDayCutoffHour),
    };
  }

  operator(): string {
    return this.d.currentOperatorId() ?? UNKNOWN_OPERATOR;
  }

  open(floatText: string): Result<ShiftView> {
    const currency = this.d.currency();
    const float = parseCash(floatText, currency, true);
    if (!float.ok) return float;
    return writeTx(this.d.db, (): Result<ShiftView> => {
      if (this.openRow()) return err('shift_already_open', 'a shift is already open; close it first');
      const id = this.d.ids();
      this.d.db
        .prepare(
          `INSERT INTO shifts (id, operator_id, currency, opened_at_ms, opening_float_minor)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(id, this.operator(), currency, this.d.clock.now(), float.value);
      if (float.value > 0) {
        this.d.journal.append({
          kind: 'shift.open',
          orderId: null,
          memo: `float ${id}`,
          postings: [
            { account: ACCOUNTS.cashDrawer, currency, amountMinor: float.value },
            { account: ACCOUNTS.cashSafe, currency, amountMinor: -float.value },
          ],
        });
      }
      return ok(this.view(this.byId(id)!));
    });
  }

  list(fromMs: number, toMs: number): ShiftView[] {
    assert(fromMs <= toMs, 'shift list range');
    return this.d.db
      .prepare<[number, number], ShiftRow>(
        'SELECT * FROM shifts WHERE opened_at_ms >= ? AND opened_at_ms < ? ORDER BY opened_at_ms LIMIT 500',
      )
      .all(fromMs, toMs)
      .map((r) => this.view(r));
  }
}
