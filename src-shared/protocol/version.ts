/**
 * The protocol version each side names on every exchange (`x-pos-protocol`), so that a console
 * and a gateway of different releases refuse each other by name at the first request — pairing
 * included — instead of failing on some later route or reply.
 *
 * History: 1 — JSON journal batches; 2 — the journal as chain lines; 3 — signed replies and
 * refusals, the version header itself. A release that changes what either side sends or
 * expects bumps PROTOCOL_VERSION; it raises a *_MIN only when it stops speaking an older dialect.
 */
export const PROTOCOL_VERSION = 3;
export const PROTOCOL_HEADER = 'x-pos-protocol';
/** The oldest console this gateway serves. */
export const CONSOLE_PROTOCOL_MIN = 3;
/** The oldest gateway this console works with. */
export const GATEWAY_PROTOCOL_MIN = 3;

/** A header's version, or null when absent or not a small positive integer. */
export function protocolOf(header: string | string[] | null | undefined): number | null {
  if (typeof header !== 'string' || !/^[1-9]\d{0,3}$/.test(header)) return null;
  return Number(header);
}
