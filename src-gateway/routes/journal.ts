/** POST /v1/journal: a terminal pushes a batch of its journal; the answer is the acked seq. */
import { journalPushRequest } from '../../src-shared/protocol/gateway';
import { checkJournalPush } from '../../src-shared/protocol/journal-push-check';
import type { SignedHandler } from '../http/authenticate';
import { parseJson } from '../http/context';
import { sendError, sendJson } from '../http/respond';
import type { JournalIntake } from '../journal/service';

export function journalPushRoute(intake: JournalIntake): SignedHandler {
  return ({ res }, terminalId, body) => {
    const parsed = parseJson(body, journalPushRequest, checkJournalPush);
    if (!parsed.ok) return sendError(res, 400, parsed.error.code, parsed.error.message);
    const result = intake.push(terminalId, parsed.value.entries);
    if (!result.ok) return sendError(res, 409, result.error.code, result.error.message);
    sendJson(res, 200, result.value);
  };
}
