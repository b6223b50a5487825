/** POST /v1/pair: a one-time code for a terminal id and its secret. Failures are rate-limited. */
import { GATEWAY_BODY_BYTES_MAX, pairRequest } from '../../src-shared/protocol/gateway';
import type { GatewayCore } from '../core';
import { readBody } from '../http/body';
import { refuseOutdatedConsole } from '../http/console-protocol';
import { parseJson, type Handler } from '../http/context';
import { sendError, sendJson } from '../http/respond';
import type { FailureWindows } from '../rate-limit';
import type { PairingService } from '../services/pairing';

export interface PairDeps {
  readonly core: GatewayCore;
  readonly pairing: PairingService;
  readonly perIp: FailureWindows;
  readonly global: FailureWindows;
}

const GLOBAL_KEY = '*';

export function pairRoute(deps: PairDeps): Handler {
  return async ({ req, res }) => {
    const body = await readBody(req, GATEWAY_BODY_BYTES_MAX);
    if (!body.ok) {
      if (body.reason === 'aborted') return void res.destroy();
      return sendError(res, 413, 'payload_too_large', `request body exceeds ${GATEWAY_BODY_BYTES_MAX} bytes`, {
        connection: 'close',
      });
    }
    const ip = req.socket.remoteAddress ?? 'unknown';
    const now = deps.core.clock.now();
    if (deps.perIp.blocked(ip, now) || deps.global.blocked(GLOBAL_KEY, now)) {
      return sendError(res, 429, 'rate_limited', 'too many failed pairing attempts; wait a minute', {
        'retry-after': '60',
      });
    }
    // Before the code is used: an outdated console is told to update, and its code still works after.
    if (refuseOutdatedConsole(req, res)) return;
    const parsed = parseJson(body.body, pairRequest);
    if (!parsed.ok) return sendError(res, 400, parsed.error.code, parsed.error.message);
    const paired = deps.pairing.redeem(parsed.value.code, parsed.value.terminal_name);
    if (!paired) {
      deps.perIp.fail(ip, now);
      deps.global.fail(GLOBAL_KEY, now);
      deps.core.log.info(`pairing refused for ${ip}: wrong, used or expired code`);
      return sendError(res, 401, 'pairing_code_invalid', 'the pairing code is wrong, used or expired');
    }
    deps.core.log.info(`terminal ${paired.terminal_id} paired from ${ip}`);
    sendJson(res, 200, paired);
  };
}
