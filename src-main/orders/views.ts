import type { OrderView } from '../../src-shared/api';
import { buildQrUrl } from '../../src-shared/protocol/qr-url';
import { businessDate } from '../../src-shared/time';
import type { Settings } from '../settings/settings';
import { signQr } from '../sync/signer';
import type { Pairing } from '../sync/terminal-store';
import { CODE_ATTEMPTS_MAX, CODE_UNLOCKS_MAX } from '../offline/service';
import { isWrittenOff, type OrderRow } from './repo';

/** The renderer's view of an order. The QR URL is signed here, only while it can be paid. */
export function toOrderView(row: OrderRow, pairing: Pairing | null, settings: Settings): OrderView {
  let qrUrl: string | null = null;
  if (row.status === 'awaiting_payment' && pairing && pairing.terminalId === row.terminal_id) {
    const fields = {
      terminalId: row.terminal_id,
      orderId: row.id,
      amountMinor: row.amount_minor,
      currency: row.currency,
      expiresAtMs: row.expires_at_ms,
    };
    qrUrl = buildQrUrl(pairing.publicUrl, fields, signQr(pairing.secret, fields));
  }
  return {
    id: row.id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    note: row.note,
    status: row.status,
    late: row.late === 1,
    createdAtMs: row.created_at_ms,
    expiresAtMs: row.expires_at_ms,
    paidAtMs: row.paid_at_ms,
    channel: row.channel,
    providerTradeNo: row.provider_trade_no,
    qrUrl,
    registered: row.registered === 1,
    businessDate: businessDate(row.created_at_ms, settings.timeZone, settings.businessDayCutoffHour),
    offlineVerified: row.offline_state === 'verified',
    offlineConfirmed: row.offline_state === 'confirmed',
    offlineWrittenOff: isWrittenOff(row),
    codeLocked: (row.code_attempts ?? 0) >= CODE_ATTEMPTS_MAX,
    codeAttemptsLeft: Math.max(0, CODE_ATTEMPTS_MAX - (row.code_attempts ?? 0)),
    codeUnlocksLeft: Math.max(0, CODE_UNLOCKS_MAX - (row.code_unlocks ?? 0)),
  };
}
