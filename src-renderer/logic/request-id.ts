/**
 * Request ids made on the device (ULIDs): a refund keeps its id across retries, so the same
 * request refunds once. Only the UI shell makes them; services get their ids injected.
 */
import { createUlidSource } from '../../src-shared/ulid';

export const newRequestId = createUlidSource(
  () => Date.now(),
  (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
);
