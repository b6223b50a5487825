import { createHash } from 'node:crypto';
import { statementLabel, type StatementScope } from '../../src-shared/api/statement-label';
import { STATEMENT_PATH, statementReply, type StatementEntry } from '../../src-shared/protocol/statement';
import { err, ok, type Result } from '../../src-shared/result';
import type { GatewayClient } from '../sync/gateway-client';
import { readBounded } from '../sync/bounded-body';
import { GATEWAY_REPLY_BYTES_MAX, GATEWAY_REQUEST_TIMEOUT_MS } from '../sync/gateway-client';
import { businessRangeMs } from './business-range';
import type { ReconRecord } from './record';
import type { StatementFetch } from './service';
import { SIGNATURE_HEADERS } from '../../src-shared/protocol/signing';

/** A statement of a year of a busy store is ~1M entries: 1000 pages of 1000. */
export const STATEMENT_PAGES_MAX = 2_000;

export interface StatementQuery {
  readonly fromDate: string;
  readonly toDate: string;
  readonly scope: StatementScope;
  readonly timeZone: string;
  readonly cutoffHour: number;
}

/**
 * Fetches the gateway's statement for business dates (converted to instants with the console's
 * zone and cutoff), page by page, each page a signed GET. Its sha256 is over the entries, so the
 * same statement fetched twice is recognised as the same source.
 */
export async function fetchGatewayStatement(
  client: GatewayClient | null,
  q: StatementQuery,
): Promise<Result<StatementFetch>> {
  if (!client) return err('not_paired', 'no gateway paired');
  const { startMs, endMs } = businessRangeMs(q.fromDate, q.toDate, q.timeZone, q.cutoffHour);
  const hash = createHash('sha256').update(`${q.scope}|${startMs}|${endMs}|`);
  const records: ReconRecord[] = [];
  let after = '';
  for (let page = 0; page < STATEMENT_PAGES_MAX; page++) {
    const path = `${STATEMENT_PATH}?from_ms=${startMs}&to_ms=${endMs}&scope=${q.scope}${after ? `&after=${after}` : ''}`;
    const r = await getJson(client, path);
    if (!r.ok) return r;
    const parsed = statementReply.safeParse(r.value);
    if (!parsed.success) return err('gateway_bad_reply', 'unexpected statement reply');
    for (const e of parsed.data.entries) {
      hash.update(JSON.stringify(e));
      records.push(toRecord(e));
    }
    if (parsed.data.next_after === null) {
      return ok({ records, label: statementLabel(q), sha256: hash.digest('hex') });
    }
    after = parsed.data.next_after;
  }
  return err('statement_unavailable', `statement longer than ${STATEMENT_PAGES_MAX} pages`);
}

const toRecord = (e: StatementEntry): ReconRecord => ({
  orderNo: e.order_id,
  tradeNo: e.provider_trade_no,
  amountMinor: e.amount_minor,
  feeMinor: e.fee_minor,
  status: e.kind === 'refund' ? 'refund' : 'paid',
  timeMs: e.time_ms,
  refundNo: e.refund_no,
  channel: e.channel,
});

async function getJson(client: GatewayClient, path: string): Promise<Result<unknown>> {
  const headers = client.signedHeaders('GET', path);
  try {
    const res = await fetch(client.endpoint.baseUrl + path, {
      headers,
      signal: AbortSignal.timeout(GATEWAY_REQUEST_TIMEOUT_MS),
      redirect: 'error',
    });
    const text = await readBounded(res, GATEWAY_REPLY_BYTES_MAX);
    if (text === null) return err('gateway_bad_reply', 'statement page too large');
    if (!res.ok) return err('statement_unavailable', `gateway answered HTTP ${res.status}`, { status: res.status });
    const nonce = headers[SIGNATURE_HEADERS.nonce]!;
    if (!client.replyAuthentic(nonce, res.status, text, res.headers.get(SIGNATURE_HEADERS.replySignature))) {
      return err('gateway_bad_reply', 'the statement page is not signed by the gateway');
    }
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    if (e instanceof SyntaxError) return err('gateway_bad_reply', 'statement page is not JSON');
    return err('gateway_unreachable', 'the gateway did not answer');
  }
}
