/**
 * A console older than this gateway serves (src-shared/protocol/version.ts) is refused by name:
 * it is told to update, not left to fail on a later route. A console from before the header
 * existed sends none, and is one of them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONSOLE_PROTOCOL_MIN, PROTOCOL_HEADER, PROTOCOL_VERSION, protocolOf } from '../../src-shared/protocol/version';
import { sendError } from './respond';

/** Answers 426 `console_outdated` and returns true when the request's console is too old. */
export function refuseOutdatedConsole(req: IncomingMessage, res: ServerResponse): boolean {
  const version = protocolOf(req.headers[PROTOCOL_HEADER]);
  if (version !== null && version >= CONSOLE_PROTOCOL_MIN) return false;
  sendError(
    res,
    426,
    'console_outdated',
    `this gateway speaks protocol ${PROTOCOL_VERSION} and serves consoles of protocol ${CONSOLE_PROTOCOL_MIN} or later; this console named ${version ?? 'none'}: update it`,
  );
  return true;
}
