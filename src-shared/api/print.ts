/** Settlement settings (fee rates, payout delay) and the network receipt printer. */
import { z } from 'zod';
import { ULID_RE } from '../ulid';
import { call } from './contract';

/** The channels that carry a network fee; cash never has one. */
export const FEE_CHANNELS = ['alipay', 'wechat', 'sandbox'] as const;
/** 10 % — far above any real QR network rate; a typo like 3800 is refused. */
export const FEE_RATE_BPS_MAX = 1_000;
/** T+30 at most: networks pay within days; a month covers holidays with room. */
export const PAYOUT_DELAY_DAYS_MAX = 30;
/** A DNS name is at most 253 characters. */
export const PRINTER_HOST_LENGTH_MAX = 253;
export const PRINTER_PORT_DEFAULT = 9100;

export interface SettlementSettingsView {
  readonly feeRatesBps: Readonly<Record<string, number>>;
  readonly payoutDelayDays: number;
}

export interface PrinterSettingsView {
  readonly enabled: boolean;
  readonly host: string;
  readonly port: number;
}

export interface PrintedView {
  readonly bytes: number;
}

export const printCalls = {
  'settlement.settings': call<SettlementSettingsView>()(z.strictObject({})),
  /** Owner only. Numbers arrive unchecked (the handler gives a clear code); channels are fixed. */
  'settlement.setSettings': call<SettlementSettingsView>()(
    z.strictObject({
      feeRatesBps: z.strictObject({ alipay: z.number(), wechat: z.number(), sandbox: z.number() }),
      payoutDelayDays: z.number(),
    }),
  ),
  'printer.settings': call<PrinterSettingsView>()(z.strictObject({})),
  /** Owner only. */
  'printer.set': call<PrinterSettingsView>()(
    z.strictObject({ enabled: z.boolean(), host: z.string().max(PRINTER_HOST_LENGTH_MAX * 2), port: z.number() }),
  ),
  /** Prints the X (open shift) or Z (closed shift, by id) report on the receipt printer. */
  'printer.printShift': call<PrintedView>()(z.strictObject({ id: z.string().regex(ULID_RE).optional() })),
};
