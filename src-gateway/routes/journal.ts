/**
 * A terminal pushes a batch of its journal; the answer is the acked seq. Two forms: chain lines
 * (POST /v1/journal/lines, protocol 2, what the console sends) and the JSON batch of protocol 1
 * (POST /v1/journal), kept for consoles not yet updated. Both land in the same store.
 */
import { isUtf8 } from 'node:buffer';
import { journalPushRequest } from '../../src-shared/protocol/gateway';
import { checkJournalPush } from '../../src-shared/protocol/journal-push-check';
import type { SignedHandler } from '../http/authenticate';
import { parseJson } from '../http/context';
import { sendError, sendJson } from '../http/respond';
import type { JournalLinesIntake } from '../journal/lines-intake';
import type { JournalIntake } from '../journal/service';
import type { TerminalJournalStore } from '../journal/store';

export function journalPushRoute(intake: JournalIntake): SignedHandler {
  return ({ res }, terminalId, body) => {
    const parsed = parseJson(body, journalPushRequest, checkJournalPush);
    if (!parsed.ok) return sendError(res, 400, parsed.error.code, parsed.error.message);
    const result = intake.push(terminalId, parsed.value.entries);
    if (!result.ok) return sendError(res, 409, result.error.code, result.error.message);
    sendJson(res, 200, result.value);
  };
}

export function journalLinesRoute(intake: JournalLinesIntake): SignedHandler {
  return async ({ res }, terminalId, body) => {
    if (!isUtf8(body)) return sendError(res, 400, 'invalid_argument', 'the journal push is not UTF-8 text');
    const result = await intake.receive(terminalId, body.toString('utf8'));
    if (!result.ok) {
      const status = result.error.code === 'invalid_argument' ? 400 : 409;
      return sendError(res, status, result.error.code, result.error.message);
    }
    sendJson(res, 200, result.value);
  };
}

/**
 * GET /v1/journal/head: the highest contiguous seq held for the terminal and its hash. A console
 * told journal_ahead with nothing before it asks, and re-sends what follows if the hash is its
 * own (a gateway restored from an older copy).
 */
export function journalHeadRoute(store: TerminalJournalStore): SignedHandler {
  return ({ res, query }, terminalId) => {
    if ([...query.keys()].length > 0) return sendError(res, 400, 'invalid_argument', 'no query parameters');
    const head = store.head(terminalId);
    sendJson(res, 200, { acked_seq: head.seq, head_hash: head.hash });
  };
}
