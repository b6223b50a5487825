/** Pairing: one-time codes in, a terminal id and its secret out. */
import type { PairResponse } from '../../src-shared/protocol/gateway';
import { randomDigits, toBase64url } from '../crypto';
import type { GatewayCore } from '../core';
import { PAIRING_CODE_TTL_MS, PAIRING_CODES_OUTSTANDING_MAX, TERMINAL_SECRET_BYTES } from '../limits';

export const PAIRING_CODE_RE = /^\d{8}$/;
const PAIRING_CODE_DIGITS = 8;

export class PairingService {
  constructor(private readonly core: GatewayCore) {}

  /** A fresh random code, valid once for PAIRING_CODE_TTL_MS. */
  issueCode(): string {
    const code = randomDigits(this.core.randomBytes, PAIRING_CODE_DIGITS);
    this.registerCode(code);
    return code;
  }

  /** Makes a chosen code valid once (the console's embedded demo gateway pairs itself this way). */
  registerCode(code: string): void {
    if (!PAIRING_CODE_RE.test(code)) throw new Error('a pairing code is exactly 8 digits');
    const { db, clock, pairingCodes } = this.core;
    db.transaction(() => {
      const now = clock.now();
      pairingCodes.prune(now);
      if (pairingCodes.outstanding(now) >= PAIRING_CODES_OUTSTANDING_MAX) {
        throw new Error(
          `too many unused pairing codes (at most ${PAIRING_CODES_OUTSTANDING_MAX}); wait for some to expire`,
        );
      }
      pairingCodes.put(code, now, now + PAIRING_CODE_TTL_MS);
    }).immediate();
  }

  /** Spends the code and creates the terminal in one transaction; null when the code is not valid. */
  redeem(code: string, terminalName: string): PairResponse | null {
    const { db, clock, pairingCodes, terminals, identity, randomBytes } = this.core;
    return db
      .transaction((): PairResponse | null => {
        const now = clock.now();
        if (!pairingCodes.consume(code, now)) return null;
        const secret = Buffer.from(randomBytes(TERMINAL_SECRET_BYTES));
        if (secret.length !== TERMINAL_SECRET_BYTES) throw new Error('assertion failed: secret length');
        const terminalId = terminals.create(terminalName, secret, now);
        return {
          terminal_id: terminalId,
          secret: toBase64url(secret),
          gateway_id: identity.gatewayId,
          merchant_name: identity.merchantName,
          currency: identity.currency,
          public_url: identity.publicUrl,
        };
      })
      .immediate();
  }
}
