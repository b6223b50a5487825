/** POST /v1/orders/:id/refunds — a terminal's refund request (idempotent by refund_id). */
import { refundRequest } from '../../src-shared/protocol/gateway';
import type { SignedHandler } from '../http/authenticate';
import { parseJson } from '../http/context';
import { sendError, sendJson } from '../http/respond';
import type { RefundService } from '../services/refunds';

const STATUS_OF_ERROR: Readonly<Record<string, number>> = {
  not_found: 404,
  refund_conflict: 409,
  refund_not_allowed: 409,
  refund_exceeds_paid: 409,
};

export function refundRoute(refunds: RefundService): SignedHandler {
  return ({ res, params }, terminalId, body) => {
    const parsed = parseJson(body, refundRequest);
    if (!parsed.ok) return sendError(res, 400, parsed.error.code, parsed.error.message);
    const r = refunds.request(terminalId, params[0]!, parsed.value);
    if (!r.ok) return sendError(res, STATUS_OF_ERROR[r.error.code] ?? 400, r.error.code, r.error.message);
    // 202: accepted, not yet done — the outcome arrives through the change feed.
    sendJson(res, r.value.status === 'accepted' ? 202 : 200, { refund: r.value });
  };
}
