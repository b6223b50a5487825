import type { CallName, CallResult, ParsedArgs } from '../src-shared/api';
import type { Result } from '../src-shared/result';

/** One handler per call in the contract; the compiler checks none is missing. */
export type Handlers = {
  [K in CallName]: (args: ParsedArgs<K>) => Promise<Result<CallResult<K>>> | Result<CallResult<K>>;
};
