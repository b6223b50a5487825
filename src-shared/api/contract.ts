import type { z } from 'zod';

/** One call: its argument schema (validated in main, at the boundary) and its result type. */
export interface CallDef<S extends z.ZodType, R> {
  readonly args: S;
  /** Type-only marker; never read at run time. */
  readonly result?: R;
}

/** `call<OrderView>()(schema)`: the result type is given, the args type inferred. */
export const call =
  <R>() =>
  <S extends z.ZodType>(args: S): CallDef<S, R> => ({ args });

/** An event main pushes to the renderer; type-only. */
export type EventDef<P> = { readonly payload?: P };
export const event = <P>(): EventDef<P> => ({});

/**
 * Joins the domains' maps into one. A name declared twice is a bug and throws at start (at
 * module load of `api/index.ts`, so in every process).
 */
export function joinMaps<T extends Record<string, unknown>[]>(...maps: T): UnionToIntersection<T[number]> {
  const out: Record<string, unknown> = {};
  for (const m of maps) {
    for (const [k, v] of Object.entries(m)) {
      if (Object.prototype.hasOwnProperty.call(out, k)) throw new Error(`API name registered twice: ${k}`);
      out[k] = v;
    }
  }
  return out as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
