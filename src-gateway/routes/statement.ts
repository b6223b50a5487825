/** GET /v1/statement: the gateway's own record of payments and refunds in a range. */
import { ULID_RE } from '../../src-shared/ulid';
import {
  STATEMENT_PAGE_MAX,
  STATEMENT_RANGE_MS_MAX,
  type StatementEntry,
  type StatementReply,
} from '../../src-shared/protocol/statement';
import type { GatewayCore } from '../core';
import type { SignedHandler } from '../http/authenticate';
import { providerFeeMinor, REFUNDED_BEFORE_SQL, refundFeeMinor } from '../services/settlement';
import { sendError, sendJson } from '../http/respond';

const MS_RE = /^(0|[1-9]\d{0,15})$/;
const ALLOWED = ['from_ms', 'to_ms', 'scope', 'after', 'limit'];

interface Query {
  fromMs: number;
  toMs: number;
  scope: 'terminal' | 'store';
  after: string;
  limit: number;
}

function parseQuery(q: URLSearchParams): Query | string {
  for (const key of q.keys()) if (!ALLOWED.includes(key)) return `unknown query parameter ${key}`;
  for (const key of ALLOWED) if (q.getAll(key).length > 1) return `repeated query parameter ${key}`;
  const from = q.get('from_ms') ?? '';
  const to = q.get('to_ms') ?? '';
  if (!MS_RE.test(from) || !MS_RE.test(to)) return 'from_ms and to_ms must be epoch milliseconds';
  const fromMs = Number(from);
  const toMs = Number(to);
  if (!(toMs > fromMs) || toMs - fromMs > STATEMENT_RANGE_MS_MAX) return 'the range is empty or too long';
  const scope = q.get('scope') ?? 'terminal';
  if (scope !== 'terminal' && scope !== 'store') return 'scope must be terminal or store';
  const after = q.get('after') ?? '';
  if (after !== '' && !ULID_RE.test(after)) return 'after must be an order id';
  const limitText = q.get('limit');
  const limit = limitText === null ? STATEMENT_PAGE_MAX : Number(limitText);
  if (limitText !== null && (!/^\d{1,4}$/.test(limitText) || limit < 1 || limit > STATEMENT_PAGE_MAX)) {
    return `limit must be 1..${STATEMENT_PAGE_MAX}`;
  }
  return { fromMs, toMs, scope, after, limit };
}

interface PaidRow {
  order_id: string;
  terminal_id: string;
  provider_trade_no: string;
  amount_minor: number;
  currency: string;
  channel: string;
  paid_at_ms: number;
}
interface RefundRow {
  refund_id: string;
  amount_minor: number;
  currency: string;
  updated_at_ms: number;
  /** The order's succeeded refunds before this one: its fee is its share of the order's. */
  refunded_before: number;
}

/**
 * Payments come from the gateway's orders (one per order: the gateway refuses a second) with
 * the fee the settlement batches charge (providerFeeMinor); refunds are the succeeded rows of
 * the refunds table, dated when they succeeded, with the refund id as refund_no (the
 * out_request_no at Alipay) and the fee they return (their share of the order's, refundFeeMinor; a provider's bill shows it
 * on the refund row, and reconciliation counts it back). Pages hold whole
 * orders (payment and refunds together) by order id. Store scope is the whole shop.
 */
export function statementRoute(core: GatewayCore): SignedHandler {
  const page = core.db.prepare<
    [{ from: number; to: number; after: string; terminal: string | null; limit: number }],
    PaidRow
  >(
    `SELECT order_id, terminal_id, provider_trade_no, amount_minor, currency, channel, paid_at_ms FROM orders o
      WHERE status = 'paid' AND order_id > @after AND (@terminal IS NULL OR terminal_id = @terminal)
        AND ((paid_at_ms >= @from AND paid_at_ms < @to) OR EXISTS (SELECT 1 FROM refunds r
          WHERE r.order_id = o.order_id AND r.status = 'succeeded' AND r.updated_at_ms >= @from AND r.updated_at_ms < @to))
      ORDER BY order_id LIMIT @limit`,
  );
  const refundsOf = core.db.prepare<[string, number, number], RefundRow>(
    `SELECT refund_id, amount_minor, currency, updated_at_ms, ${REFUNDED_BEFORE_SQL} AS refunded_before
       FROM refunds r
      WHERE order_id = ? AND status = 'succeeded' AND updated_at_ms >= ? AND updated_at_ms < ?
      ORDER BY updated_at_ms, created_at_ms, refund_id`,
  );
  return ({ res, query }, terminalId) => {
    const q = parseQuery(query);
    if (typeof q === 'string') return sendError(res, 400, 'invalid_argument', q);
    const rows = page.all({
      from: q.fromMs,
      to: q.toMs,
      after: q.after,
      terminal: q.scope === 'terminal' ? terminalId : null,
      limit: q.limit + 1,
    });
    const entries: StatementEntry[] = [];
    let nextAfter: string | null = null;
    for (const [i, r] of rows.entries()) {
      const own = entriesOf(r, q, refundsOf.all(r.order_id, q.fromMs, q.toMs));
      // Whole orders per page; the first order always fits (one payment and its refunds).
      if (i === q.limit || (entries.length > 0 && entries.length + own.length > q.limit)) {
        nextAfter = rows[i - 1]!.order_id;
        break;
      }
      entries.push(...own);
    }
    const reply: StatementReply = { entries, next_after: nextAfter };
    sendJson(res, 200, reply);
  };
}

function entriesOf(r: PaidRow, q: Query, refunds: readonly RefundRow[]): StatementEntry[] {
  const base = {
    order_id: r.order_id,
    terminal_id: r.terminal_id,
    provider_trade_no: r.provider_trade_no,
    channel: r.channel,
  };
  const out: StatementEntry[] = [];
  if (r.paid_at_ms >= q.fromMs && r.paid_at_ms < q.toMs) {
    out.push({
      ...base,
      kind: 'payment',
      refund_no: null,
      amount_minor: r.amount_minor,
      fee_minor: providerFeeMinor(r.channel, r.amount_minor),
      currency: r.currency as StatementEntry['currency'],
      time_ms: r.paid_at_ms,
    });
  }
  for (const f of refunds) {
    out.push({
      ...base,
      kind: 'refund',
      refund_no: f.refund_id,
      amount_minor: f.amount_minor,
      fee_minor: refundFeeMinor(r.channel, r.amount_minor, f.refunded_before, f.amount_minor),
      currency: f.currency as StatementEntry['currency'],
      time_ms: f.updated_at_ms,
    });
  }
  return out;
}
