/**
 * Alipay's async notify (trade_status_sync). Believed only when the signature verifies with
 * Alipay's public key, the app_id (and seller_id, when configured) is ours, the trade is one we
 * made and the amount is its exact amount. Answered `success` once handled (a duplicate
 * notify_id is handled by doing nothing); anything refused is answered `failure` and changes
 * nothing, and the log says why without the body.
 */
import type { GatewayCore } from '../core';
import { settlePaid } from '../services/settle';
import type { AlipayClient } from './client';
import { minorOf } from './provider';

export type NotifyVerdict =
  | { readonly answer: 'success'; readonly outcome: 'paid' | 'duplicate' | 'noted' }
  | {
      readonly answer: 'failure';
      readonly reason: 'bad_signature' | 'wrong_app' | 'wrong_seller' | 'unknown_trade' | 'wrong_amount' | 'malformed';
    };

/** Notify fields are short; a body with more than this many is not Alipay's. */
export const NOTIFY_FIELDS_MAX = 64;

export function handleAlipayNotify(
  core: GatewayCore,
  client: AlipayClient,
  fields: Record<string, string>,
): NotifyVerdict {
  const settings = client.settings;
  if (Object.keys(fields).length > NOTIFY_FIELDS_MAX || !fields.sign) return { answer: 'failure', reason: 'malformed' };
  if (!client.checkNotify(fields)) return { answer: 'failure', reason: 'bad_signature' };
  if (fields.app_id !== settings.appId) return { answer: 'failure', reason: 'wrong_app' };
  if (settings.sellerId !== null && fields.seller_id !== settings.sellerId)
    return { answer: 'failure', reason: 'wrong_seller' };
  const outTradeNo = fields.out_trade_no ?? '';
  const notifyId = fields.notify_id ?? '';
  const status = fields.trade_status ?? '';
  const paidStatus = status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED';
  if (notifyId === '' || status === '' || (paidStatus && !fields.trade_no))
    return { answer: 'failure', reason: 'malformed' };
  const { db, clock, trades } = core;
  let wake: string | null = null;
  const verdict = db
    .transaction((): NotifyVerdict => {
      const now = clock.now();
      const trade = trades.get(outTradeNo);
      if (!trade || trade.channel !== 'alipay') return { answer: 'failure', reason: 'unknown_trade' };
      if (minorOf(fields.total_amount ?? null) !== trade.amount_minor)
        return { answer: 'failure', reason: 'wrong_amount' };
      if (!trades.rememberNotify(notifyId, outTradeNo, status, now)) return { answer: 'success', outcome: 'duplicate' };
      if (paidStatus) {
        const s = settlePaid(core, trade, fields.trade_no!, trade.amount_minor, now);
        if (s.kind === 'paid') wake = s.terminalId;
        return { answer: 'success', outcome: s.kind === 'paid' ? 'paid' : 'duplicate' };
      }
      if (status === 'TRADE_CLOSED' && trade.state === 'open') {
        trades.update(outTradeNo, { state: 'closed', next_query_at_ms: null }, now);
      }
      return { answer: 'success', outcome: 'noted' };
    })
    .immediate();
  if (wake) core.changesCommitted(wake);
  return verdict;
}
