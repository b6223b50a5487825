/** The change feed: a page after a cursor, or a live SSE stream from a cursor on. */
import { CHANGES_PAGE_MAX, type ChangesReply } from '../../src-shared/protocol/gateway';
import type { GatewayCore } from '../core';
import type { SignedHandler } from '../http/authenticate';
import { sendError, sendJson } from '../http/respond';
import { CHANGES_PAGE_DEFAULT } from '../limits';
import type { ChangeStreams } from '../sse/change-streams';

/** A cursor is a change id: a non-negative safe integer, written plainly. */
const CURSOR_RE = /^(0|[1-9]\d{0,15})$/;

type Query = { after: number; limit: number };

function parseQuery(query: URLSearchParams, allowed: readonly string[]): Query | string {
  for (const key of query.keys()) if (!allowed.includes(key)) return `unknown query parameter ${key}`;
  if (query.getAll('after').length > 1 || query.getAll('limit').length > 1) return 'repeated query parameter';
  const afterText = query.get('after') ?? '0';
  if (!CURSOR_RE.test(afterText) || !Number.isSafeInteger(Number(afterText))) return 'after must be a change id';
  const limitText = query.get('limit');
  const limit = limitText === null ? CHANGES_PAGE_DEFAULT : Number(limitText);
  if (limitText !== null && (!/^\d{1,4}$/.test(limitText) || limit < 1 || limit > CHANGES_PAGE_MAX)) {
    return `limit must be 1..${CHANGES_PAGE_MAX}`;
  }
  return { after: Number(afterText), limit };
}

export function changesRoute(core: GatewayCore): SignedHandler {
  return ({ res, query }, terminalId) => {
    const q = parseQuery(query, ['after', 'limit']);
    if (typeof q === 'string') return sendError(res, 400, 'invalid_argument', q);
    const rows = core.changes.after(terminalId, q.after, q.limit + 1);
    const changes = rows.slice(0, q.limit);
    const reply: ChangesReply = {
      changes,
      cursor: changes.at(-1)?.change_id ?? q.after,
      more: rows.length > q.limit,
    };
    sendJson(res, 200, reply);
  };
}

/** The feed's head: a console restored-against (its cursor beyond it) learns it was rewound. */
export function changesHeadRoute(core: GatewayCore): SignedHandler {
  return ({ res, query }) => {
    if ([...query.keys()].length > 0) return sendError(res, 400, 'invalid_argument', 'no query parameters');
    sendJson(res, 200, { head: core.changes.head() });
  };
}

export function changeStreamRoute(streams: ChangeStreams): SignedHandler {
  return ({ req, res, query }, terminalId) => {
    const q = parseQuery(query, ['after']);
    if (typeof q === 'string') return sendError(res, 400, 'invalid_argument', q);
    req.socket.setKeepAlive(true);
    if (!streams.open(terminalId, res, q.after)) {
      sendError(res, 429, 'rate_limited', 'the gateway holds too many live streams; poll instead', {
        'retry-after': '30',
      });
    }
  };
}
