/**
 * Dispatches a request to its route. Client mistakes get 4xx JSON; an unexpected exception is
 * logged with its stack and answered 500 `internal`, and the process keeps serving.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayLog } from '../log';
import { REQUEST_TARGET_LENGTH_MAX } from '../limits';
import type { Handler } from './context';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src-shared/protocol/version';
import { sendError } from './respond';

export interface Route {
  readonly method: 'GET' | 'POST';
  /** Anchored; capture groups become `params`. Matched against the raw path (no decoding). */
  readonly pattern: RegExp;
  readonly handler: Handler;
}

export function createDispatcher(routes: readonly Route[], log: GatewayLog) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    // Every answer names the protocol this gateway speaks (src-shared/protocol/version.ts).
    res.setHeader(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    const target = req.url ?? '';
    if (target.length > REQUEST_TARGET_LENGTH_MAX || !target.startsWith('/')) {
      return sendError(res, 400, 'invalid_argument', 'request target is too long or not a path');
    }
    const q = target.indexOf('?');
    const pathname = q === -1 ? target : target.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : target.slice(q + 1));
    const matching = routes.filter((r) => r.pattern.test(pathname));
    if (matching.length === 0) return sendError(res, 404, 'not_found', 'no such endpoint');
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      return sendError(res, 405, 'invalid_argument', `method ${req.method ?? '?'} is not allowed here`, {
        allow: [...new Set(matching.map((r) => r.method))].join(', '),
      });
    }
    const params = route.pattern.exec(pathname)!.slice(1);
    const fail = (e: unknown): void => {
      log.error(`${req.method} ${pathname} failed`, e);
      if (res.headersSent) res.destroy();
      else sendError(res, 500, 'internal', 'internal error');
    };
    try {
      const done = route.handler({ req, res, target, pathname, query, params });
      if (done) done.catch(fail);
    } catch (e) {
      fail(e);
    }
  };
}
