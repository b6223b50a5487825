/** What a route handler gets, and the JSON-body helper every terminal endpoint uses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { err, ok, type Result } from '../../src-shared/result';

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The request target exactly as sent: what a terminal signed. */
  readonly target: string;
  readonly pathname: string;
  readonly query: URLSearchParams;
  /** Captures of the route's pattern (ids, already shape-checked by the pattern). */
  readonly params: readonly string[];
}

export type Handler = (ctx: RequestContext) => void | Promise<void>;

/** Issue paths in error messages are cut to keep messages short. */
const ISSUES_IN_MESSAGE_MAX = 3;

/**
 * `fast`: an optional hand-written check that returns the value when it is certainly valid for
 * `schema` (a hot path, e.g. the journal push); when it returns null the schema decides.
 */
export function parseJson<T>(body: Buffer, schema: z.ZodType<T>, fast?: (value: unknown) => T | null): Result<T> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return err('invalid_argument', 'body is not valid JSON');
  }
  const checked = fast?.(value);
  if (checked !== undefined && checked !== null) return ok(checked);
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, ISSUES_IN_MESSAGE_MAX)
      .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
      .join('; ');
    return err('invalid_argument', `invalid request body: ${issues}`);
  }
  return ok(parsed.data);
}
