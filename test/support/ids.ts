import { randomBytes } from 'node:crypto';
import { createUlidSource, type IdSource } from '../../src-shared/ulid';

/** Fresh request ids for tests that talk to a real-clock stack. */
export function ulidSource(): IdSource {
  return createUlidSource(
    () => Date.now(),
    (n) => randomBytes(n),
  );
}
