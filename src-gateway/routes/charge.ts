/** Terminal endpoints for the customer's payment code: charge it, read the charge, stop waiting. */
import { z } from 'zod';
import { chargeCodeRequest } from '../../src-shared/protocol/charge';
import type { SignedHandler } from '../http/authenticate';
import { parseJson } from '../http/context';
import { sendError, sendJson } from '../http/respond';
import type { ChargeService } from '../services/charges';

const STATUS_OF_ERROR: Readonly<Record<string, number>> = {
  not_found: 404,
  charge_not_allowed: 409,
  charge_attempts_exhausted: 409,
  payment_code_malformed: 400,
  payment_code_wallet_unsupported: 400,
  invalid_argument: 400,
};

export function chargeCodeRoute(charges: ChargeService): SignedHandler {
  return async ({ res, params }, terminalId, body) => {
    const parsed = parseJson(body, chargeCodeRequest);
    if (!parsed.ok) return sendError(res, 400, 'payment_code_malformed', parsed.error.message);
    const result = await charges.chargeCode(terminalId, params[0]!, parsed.value.auth_code);
    if (!result.ok)
      return sendError(res, STATUS_OF_ERROR[result.error.code] ?? 400, result.error.code, result.error.message);
    sendJson(res, 200, { charge: result.value });
  };
}

export function chargeStatusRoute(charges: ChargeService): SignedHandler {
  return ({ res, params }, terminalId) => {
    sendJson(res, 200, { charge: charges.status(terminalId, params[0]!) });
  };
}

const emptyBody = z.strictObject({});

export function stopChargeRoute(charges: ChargeService): SignedHandler {
  return ({ res, params }, terminalId, body) => {
    if (body.length > 0) {
      const parsed = parseJson(body, emptyBody);
      if (!parsed.ok) return sendError(res, 400, parsed.error.code, parsed.error.message);
    }
    sendJson(res, 200, { charge: charges.stop(terminalId, params[0]!) });
  };
}
