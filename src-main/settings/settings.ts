import { z } from 'zod';
import { LOCALES, type Locale } from '../../src-shared/api';
import type { Currency } from '../../src-shared/money';
import { canonicalTimeZone, isTimeZone } from '../../src-shared/time';
import { writeTx, type Db } from '../db/connection';

/** Owner-tunable settings with safe defaults. Stored as JSON per key; unknown keys ignored. */
export interface Settings {
  readonly locale: Locale;
  /** How long a dynamic QR can be paid. Short: one order, one amount, short expiry. */
  readonly orderTtlMs: number;
  /** The largest single QR order the counter accepts (owner can change). */
  readonly orderAmountMaxMinor: number;
  readonly timeZone: string;
  readonly businessDayCutoffHour: number;
  readonly terminalName: string;
  /** Wrong PINs in a row before an operator is locked. */
  readonly pinAttemptsMax: number;
  /** How long a locked operator stays locked (an owner can unlock sooner). */
  readonly pinLockoutMs: number;
  /** The till locks itself after this long without a key or a touch (0: never). */
  readonly idleLockMs: number;
  /** Network fee per channel in basis points (38 = 0.38 %), charged per transaction, half up to the fen. */
  readonly feeRatesBps: Readonly<Record<string, number>>;
  /** Payout date = business date + this many days (T+1 by default). */
  readonly payoutDelayDays: number;
  /** Offline risk: the largest sale accepted by confirmation code without the gateway. */
  readonly offlineOrderMaxMinor: number;
  /** Offline risk: the most money awaiting the gateway's confirmation at once. */
  readonly offlineTotalMaxMinor: number;
  /** Offline risk: how long a code-verified sale may await confirmation (warn at 80%). */
  readonly offlineMaxAgeMs: number;
  /** Network receipt printer (ESC/POS over raw TCP); off until the owner sets a host. */
  readonly printerEnabled: boolean;
  readonly printerHost: string;
  readonly printerPort: number;
}

export const DEFAULT_SETTINGS: Settings = {
  locale: 'zh-CN',
  orderTtlMs: 5 * 60_000,
  orderAmountMaxMinor: 100_000_00,
  timeZone: 'Asia/Shanghai',
  businessDayCutoffHour: 0,
  terminalName: 'Counter 1',
  pinAttemptsMax: 3,
  pinLockoutMs: 3 * 3_600_000,
  // A till left open gives whoever walks up the logged-in operator's rights.
  idleLockMs: 15 * 60_000,
  feeRatesBps: { alipay: 38, wechat: 60, sandbox: 0 },
  payoutDelayDays: 1,
  // Safe defaults: a small shop's typical ticket, a morning's takings, half a business day.
  offlineOrderMaxMinor: 200_00,
  offlineTotalMaxMinor: 2_000_00,
  offlineMaxAgeMs: 6 * 3_600_000,
  printerEnabled: false,
  printerHost: '',
  // The raw-print port every network receipt printer listens on (JetDirect/AppSocket).
  printerPort: 9100,
};

const schemas = {
  locale: z.enum(LOCALES),
  orderTtlMs: z
    .number()
    .int()
    .min(60_000)
    .max(2 * 3_600_000),
  orderAmountMaxMinor: z.number().int().min(1).max(10_000_000_000),
  // Canonical on the way in and on load: a zone stored as "asia/shanghai" reads as "Asia/Shanghai".
  timeZone: z
    .string()
    .refine(isTimeZone)
    .transform((tz) => canonicalTimeZone(tz) ?? tz),
  businessDayCutoffHour: z.number().int().min(0).max(12),
  terminalName: z.string().min(1).max(64),
  pinAttemptsMax: z.number().int().min(1).max(10),
  pinLockoutMs: z
    .number()
    .int()
    .min(60_000)
    .max(24 * 3_600_000),
  idleLockMs: z
    .number()
    .int()
    .min(0)
    .max(240 * 60_000)
    .refine((ms) => ms === 0 || ms >= 60_000, 'at least a minute, or 0 for never'),
  feeRatesBps: z.record(z.string().regex(/^[a-z]{1,16}$/), z.number().int().min(0).max(1_000)),
  payoutDelayDays: z.number().int().min(0).max(30),
  offlineOrderMaxMinor: z.number().int().min(1).max(10_000_000_000),
  offlineTotalMaxMinor: z.number().int().min(1).max(10_000_000_000),
  offlineMaxAgeMs: z
    .number()
    .int()
    .min(10 * 60_000)
    .max(7 * 24 * 3_600_000),
  printerEnabled: z.boolean(),
  printerHost: z.string().max(253),
  printerPort: z.number().int().min(1).max(65_535),
} satisfies { [K in keyof Settings]: z.ZodType<Settings[K]> };

export class SettingsStore {
  private cache: Settings;

  constructor(private readonly db: Db) {
    this.cache = this.load();
  }

  get(): Settings {
    return this.cache;
  }

  /** Validated write of one setting, committed on its own. */
  set<K extends keyof Settings>(key: K, value: Settings[K]): Settings {
    return this.setMany({ [key]: value } as Partial<Settings>);
  }

  /**
   * Validated writes of several settings in one transaction, with `alongside` (an audit record)
   * in it too: all or none, on disk and in memory alike. Memory changes only after the commit,
   * so a write that rolls back (a full disk) leaves the settings in force as they were.
   */
  setMany(patch: Partial<Settings>, alongside?: () => void): Settings {
    const parsed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      parsed[key] = schemas[key as keyof Settings].parse(value);
    }
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    writeTx(this.db, () => {
      for (const [key, value] of Object.entries(parsed)) upsert.run(key, JSON.stringify(value));
      alongside?.();
    });
    this.cache = { ...this.cache, ...parsed } as Settings;
    return this.cache;
  }

  /**
   * Memory from disk again: after an outer transaction that wrote settings (through `setMany`
   * inside it) rolled back, so what is in force is what was committed.
   */
  reload(): Settings {
    this.cache = this.load();
    return this.cache;
  }

  private load(): Settings {
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of this.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings').all()) {
      if (!(row.key in schemas)) continue;
      try {
        const parsed = schemas[row.key as keyof Settings].safeParse(JSON.parse(row.value));
        if (parsed.success) out[row.key] = parsed.data;
      } catch {
        // a damaged value falls back to the default rather than stopping the counter
      }
    }
    return out as unknown as Settings;
  }
}

export type { Currency };
