/**
 * Provider settlement, simulated the way the networks do it: after each provider day closes,
 * one batch per terminal × channel that had sales or refunds that day (gross, refunds that
 * succeeded that day, fee per transaction half up to the fen — a refund returns its share of its
 * order's fee, in proportion, as Alipay and WeChat Pay do (`refundFeeMinor`) — net = gross −
 * refunds − fee, payout date T+1), announced `pending`
 * in the terminal's change feed, then `paid` once the payout date begins. A day of refunds only
 * has a negative fee (returned) and a negative net (taken back from the bank).
 */
import { businessDate } from '../../src-shared/time';
import type { GatewayCore } from '../core';

/** Providers settle by their own calendar day: China time, midnight. (No DST since 1991.) */
export const PROVIDER_UTC_OFFSET_S = 8 * 3600;
export const PROVIDER_TIME_ZONE = 'Asia/Shanghai';
/** What each provider charges per transaction, in basis points. */
export const PROVIDER_FEE_BPS: Readonly<Record<string, number>> = { sandbox: 0, alipay: 38, wechat: 60 };
export const PAYOUT_DELAY_DAYS = 1;

/**
 * The fee of one transaction: its channel's rate, half up to the fen. The batch query below
 * computes the same per row in SQL (`feeSql`); both read PROVIDER_FEE_BPS.
 */
export function providerFeeMinor(channel: string, amountMinor: number): number {
  return Math.floor((amountMinor * (PROVIDER_FEE_BPS[channel] ?? 0) + 5000) / 10000);
}

/**
 * The fee a refund returns: its share of its payment's fee, in proportion to what is refunded,
 * half up to the fen — what the order's refunds up to it return, less what those before it did
 * (`fee × refunded / paid`). So refunds in pieces return what one whole refund would, and all of
 * them the payment's fee exactly. The console expects the same (`feeReturnedOf`,
 * EntryIndex.refundFee).
 */
export function refundFeeMinor(
  channel: string,
  paidMinor: number,
  refundedBeforeMinor: number,
  amountMinor: number,
): number {
  const fee = providerFeeMinor(channel, paidMinor);
  const returned = (refunded: number) =>
    Math.floor((2 * fee * Math.min(refunded, paidMinor) + paidMinor) / (2 * paidMinor));
  return returned(refundedBeforeMinor + amountMinor) - returned(refundedBeforeMinor);
}

/**
 * SQL: what the order's succeeded refunds before `r` add up to, in the order they succeeded
 * (then were made, then id: the order the console's feed books them in); `r` is the alias of a
 * refunds row.
 */
export const REFUNDED_BEFORE_SQL = `(SELECT COALESCE(SUM(p.amount_minor), 0) FROM refunds p
  WHERE p.order_id = r.order_id AND p.status = 'succeeded'
    AND (p.updated_at_ms, p.created_at_ms, p.refund_id) < (r.updated_at_ms, r.created_at_ms, r.refund_id))`;

/** SQL: what refunds of `refunded` return of a payment of `paid` charged `fee` (refundFeeMinor). */
const feeReturnedSql = (fee: string, paid: string, refunded: string): string =>
  `((2 * ${fee} * MIN(${refunded}, ${paid}) + ${paid}) / (2 * ${paid}))`;

function feeSql(amount: string, channel: string): string {
  const rate = `(CASE ${channel} ${Object.entries(PROVIDER_FEE_BPS)
    .map(([c, bps]) => `WHEN '${c}' THEN ${bps}`)
    .join(' ')} ELSE 0 END)`;
  return `((${amount} * ${rate} + 5000) / 10000)`;
}
/** Days looked back for unbatched sales; older ones were batched already (or belong to reconciliation). */
const LOOKBACK_DAYS = 35;
/** Batches made or paid per maintenance step, at most. */
const BATCHES_PER_STEP_MAX = 500;

interface DueRow {
  terminal_id: string;
  day: string;
  channel: string;
  currency: string;
  sale_count: number;
  gross: number;
  refunds: number;
  /** Charged on the day's sales less returned on its refunds: negative on a day of refunds only. */
  fee: number;
}
interface BatchRow {
  batch_id: string;
  terminal_id: string;
  business_date: string;
  channel: string;
  currency: string;
  sale_count: number;
  gross_minor: number;
  refunds_minor: number;
  fee_minor: number;
  net_minor: number;
  payout_date: string;
  status: 'pending' | 'paid';
}

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export class SettlementService {
  constructor(private readonly core: GatewayCore) {}

  /** Makes the batches of closed provider days and pays the ones due; returns how many changed. */
  settleDue(): number {
    const { db, clock, changes } = this.core;
    const touched = db
      .transaction((): string[] => {
        const now = clock.now();
        const today = businessDate(now, PROVIDER_TIME_ZONE, 0);
        // Sales by provider day, refunds by the day they succeeded (of orders paid through the
        // batch's channel); a day with either is batched once.
        const due = db
          .prepare<[number, number, number, number, string, number], DueRow>(
            `WITH sold AS (
               SELECT terminal_id, date(paid_at_ms / 1000 + ?, 'unixepoch') AS day, channel, currency,
                      COUNT(*) AS sale_count, SUM(amount_minor) AS gross,
                      SUM(${feeSql('amount_minor', 'channel')}) AS fee
               FROM orders WHERE status = 'paid' AND paid_at_ms >= ?
               GROUP BY terminal_id, day, channel, currency),
             refunded AS (
               SELECT r.terminal_id, date(r.updated_at_ms / 1000 + ?, 'unixepoch') AS day, o.channel, r.currency,
                      SUM(r.amount_minor) AS refunds,
                      SUM(${feeReturnedSql(feeSql('o.amount_minor', 'o.channel'), 'o.amount_minor', `(${REFUNDED_BEFORE_SQL} + r.amount_minor)`)}
                        - ${feeReturnedSql(feeSql('o.amount_minor', 'o.channel'), 'o.amount_minor', REFUNDED_BEFORE_SQL)}) AS fee_back
               FROM refunds r JOIN orders o ON o.order_id = r.order_id
               WHERE r.status = 'succeeded' AND r.updated_at_ms >= ?
               GROUP BY r.terminal_id, day, o.channel, r.currency),
             days AS (
               SELECT terminal_id, day, channel, currency FROM sold
               UNION SELECT terminal_id, day, channel, currency FROM refunded)
             SELECT d.terminal_id, d.day, d.channel, d.currency, COALESCE(s.sale_count, 0) AS sale_count,
                    COALESCE(s.gross, 0) AS gross, COALESCE(r.refunds, 0) AS refunds,
                    COALESCE(s.fee, 0) - COALESCE(r.fee_back, 0) AS fee
             FROM days d
             LEFT JOIN sold s ON s.terminal_id = d.terminal_id AND s.day = d.day AND s.channel = d.channel
               AND s.currency = d.currency
             LEFT JOIN refunded r ON r.terminal_id = d.terminal_id AND r.day = d.day AND r.channel = d.channel
               AND r.currency = d.currency
             WHERE d.day < ? AND NOT EXISTS (SELECT 1 FROM settlement_batches b
               WHERE b.terminal_id = d.terminal_id AND b.business_date = d.day AND b.channel = d.channel)
             ORDER BY d.day, d.terminal_id, d.channel
             LIMIT ?`,
          )
          .all(
            PROVIDER_UTC_OFFSET_S,
            now - LOOKBACK_DAYS * 86_400_000,
            PROVIDER_UTC_OFFSET_S,
            now - LOOKBACK_DAYS * 86_400_000,
            today,
            BATCHES_PER_STEP_MAX,
          );
        const insert = db.prepare(
          `INSERT INTO settlement_batches (batch_id, terminal_id, business_date, channel, currency, sale_count,
             gross_minor, refunds_minor, fee_minor, net_minor, payout_date, status, created_at_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
        );
        const out: string[] = [];
        for (const d of due) {
          const batchId = `${d.terminal_id}-${d.day}-${d.channel}`;
          insert.run(
            batchId,
            d.terminal_id,
            d.day,
            d.channel,
            d.currency,
            d.sale_count,
            d.gross,
            d.refunds,
            d.fee,
            d.gross - d.refunds - d.fee,
            addDays(d.day, PAYOUT_DELAY_DAYS),
            now,
          );
          out.push(batchId);
        }
        const payable = db
          .prepare<[string, number], { batch_id: string }>(
            `SELECT batch_id FROM settlement_batches WHERE status = 'pending' AND payout_date <= ? LIMIT ?`,
          )
          .all(today, BATCHES_PER_STEP_MAX);
        const pay = db.prepare("UPDATE settlement_batches SET status = 'paid', paid_at_ms = ? WHERE batch_id = ?");
        for (const p of payable) {
          pay.run(now, p.batch_id);
          if (!out.includes(p.batch_id)) out.push(p.batch_id);
        }
        const byId = db.prepare<[string], BatchRow>('SELECT * FROM settlement_batches WHERE batch_id = ?');
        const terminals: string[] = [];
        for (const id of out) {
          const b = byId.get(id)!;
          if (
            payable.some((p) => p.batch_id === id) &&
            due.some((d) => `${d.terminal_id}-${d.day}-${d.channel}` === id)
          ) {
            // made and paid in the same step: announce pending first, so every batch goes pending → paid
            changes.append(b.terminal_id, toFact({ ...b, status: 'pending' }), now);
          }
          changes.append(b.terminal_id, toFact(b), now);
          terminals.push(b.terminal_id);
        }
        return terminals;
      })
      .immediate();
    for (const t of new Set(touched)) this.core.changesCommitted(t);
    return touched.length;
  }
}

function toFact(b: BatchRow) {
  return {
    type: 'settlement.batch' as const,
    batch_id: b.batch_id,
    business_date: b.business_date,
    channel: b.channel as 'sandbox' | 'alipay' | 'wechat',
    currency: b.currency as 'CNY',
    sale_count: b.sale_count,
    gross_minor: b.gross_minor,
    refunds_minor: b.refunds_minor,
    fee_minor: b.fee_minor,
    net_minor: b.net_minor,
    payout_date: b.payout_date,
    status: b.status,
  };
}
