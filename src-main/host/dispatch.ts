import { apiCalls, isCallName } from '../../src-shared/api';
import { err, type Result } from '../../src-shared/result';
import type { Handlers } from '../handlers';
import type { AccessGuard } from '../operators/access';

/** Longest error text we pass back for a refused argument (zod can be verbose). */
const ISSUE_TEXT_MAX = 300;

export type Dispatch = (name: unknown, args: unknown) => Promise<Result<unknown>>;

/**
 * The single entry for every transport: checks the name, asks the access guard (who is logged
 * in, operators/access.ts), validates the arguments with the
 * contract's schema, runs the handler, and turns any exception into an `internal` error (logged
 * here, never shown to the cashier with a stack). Bad input never reaches a service.
 */
export function createDispatcher(handlers: Handlers, guard?: AccessGuard): Dispatch {
  return async (name, args) => {
    if (!isCallName(name)) {
      // never String(name): a hostile object's toString can throw (found by test/unit/api-fuzz.test.ts)
      const shown = typeof name === 'string' ? name.slice(0, 64) : `(${typeof name})`;
      return err('unknown_call', `no such call: ${shown}`);
    }
    const refused = guard?.(name);
    if (refused) return refused;
    const parsed = apiCalls[name].args.safeParse(args === undefined ? {} : args);
    if (!parsed.success) {
      const text = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`)
        .join('; ')
        .slice(0, ISSUE_TEXT_MAX);
      return err('invalid_argument', text);
    }
    try {
      const handler = handlers[name] as (a: unknown) => Promise<Result<unknown>> | Result<unknown>;
      return await handler(parsed.data);
    } catch (e) {
      console.error(`call ${name} failed`, e);
      return err('internal', 'unexpected error; see the console log');
    }
  };
}
