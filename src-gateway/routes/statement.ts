/** GET /v1/statement: the gateway's own record of payments (and, later, refunds) in a range. */
import { ULID_RE } from '../../src-shared/ulid';
import {
  STATEMENT_PAGE_MAX,
  STATEMENT_RANGE_MS_MAX,
  type StatementEntry,
  type StatementReply,
} from '../../src-shared/protocol/statement';
import type { GatewayCore } from '../core';
import type { SignedHandler } from '../http/authenticate';
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

/**
 * Payments come from the gateway's orders (one per order: the gateway refuses a second). The
 * gateway has no fee schedule yet, so fee_minor is 0; refunds join here when the gateway records
 * them (operators branch). Store scope is any paired terminal's statement: the whole shop.
 */
export function statementRoute(core: GatewayCore): SignedHandler {
  const page = core.db.prepare<
    [{ from: number; to: number; after: string; terminal: string | null; limit: number }],
    PaidRow
  >(
    `SELECT order_id, terminal_id, provider_trade_no, amount_minor, currency, channel, paid_at_ms FROM orders
      WHERE status = 'paid' AND paid_at_ms >= @from AND paid_at_ms < @to AND order_id > @after
        AND (@terminal IS NULL OR terminal_id = @terminal)
      ORDER BY order_id LIMIT @limit`,
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
    const entries: StatementEntry[] = rows.slice(0, q.limit).map((r) => ({
      order_id: r.order_id,
      terminal_id: r.terminal_id,
      kind: 'payment',
      provider_trade_no: r.provider_trade_no,
      refund_no: null,
      amount_minor: r.amount_minor,
      fee_minor: 0,
      currency: r.currency as StatementEntry['currency'],
      channel: r.channel,
      time_ms: r.paid_at_ms,
    }));
    const reply: StatementReply = { entries, next_after: rows.length > q.limit ? entries.at(-1)!.order_id : null };
    sendJson(res, 200, reply);
  };
}
