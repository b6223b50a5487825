/** Alipay's async notify (public) and the signed statement download. */
import type { ServerResponse } from 'node:http';
import { handleAlipayNotify } from '../alipay/notify';
import type { AlipayBills } from '../alipay/bills';
import type { AlipayClient } from '../alipay/client';
import type { GatewayCore } from '../core';
import type { SignedHandler } from '../http/authenticate';
import { readBody } from '../http/body';
import type { Handler } from '../http/context';
import { replySignatureHeader, sendError } from '../http/respond';

/** A trade notify is ~1.5 KB of form fields. */
export const NOTIFY_BODY_BYTES_MAX = 8 * 1024;

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function alipayNotifyRoute(core: GatewayCore, client: AlipayClient): Handler {
  return async (ctx) => {
    const body = await readBody(ctx.req, NOTIFY_BODY_BYTES_MAX);
    if (!body.ok) {
      if (body.reason === 'aborted') return void ctx.res.destroy();
      core.log.error('alipay notify refused: body too large');
      return sendText(ctx.res, 413, 'failure');
    }
    const fields: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(body.body.toString('utf8'))) fields[k] = v;
    const verdict = handleAlipayNotify(core, client, fields);
    if (verdict.answer === 'failure') {
      core.log.error(
        `alipay notify refused (${verdict.reason}) for out_trade_no ${String(fields.out_trade_no ?? '?').slice(0, 64)}`,
      );
      return sendText(ctx.res, 200, 'failure');
    }
    if (verdict.outcome === 'paid') core.log.info(`order paid through Alipay notify (${fields.out_trade_no})`);
    sendText(ctx.res, 200, 'success');
  };
}

export function alipayBillRoute(bills: AlipayBills): SignedHandler {
  return async ({ res, params }) => {
    const billType = params[0] as 'trade' | 'signcustomer';
    const date = params[1]!;
    const stored = bills.stored(billType, date);
    const bill = stored ? { ok: true as const, value: stored } : await bills.download(billType, date);
    if (!bill.ok) {
      const status =
        bill.error.code === 'bill_not_available' ? 404 : bill.error.code === 'invalid_argument' ? 400 : 502;
      return sendError(res, status, bill.error.code, bill.error.message);
    }
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-length': bill.value.bytes.length,
      'cache-control': 'no-store',
      'x-content-sha256': bill.value.sha256,
      'content-disposition': `attachment; filename="alipay-${billType}-${date}.zip"`,
      ...replySignatureHeader(res, 200, bill.value.bytes),
    });
    res.end(bill.value.bytes);
  };
}
