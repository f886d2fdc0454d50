// Helpers for declaring requests. Each area of the product declares its requests in its
// own file in this folder; shared/contract.ts merges them into the one contract.
import { z } from 'zod';

/** A request: its params schema (validated at the edge) and its result type. */
export interface RequestSpec<P extends z.ZodType, R> {
  params: P;
  /** Phantom field carrying the result type; never set at run time. */
  result?: R;
}

export function request<R>() {
  return <P extends z.ZodType>(params: P): RequestSpec<P, R> => ({ params });
}

export const id = z.string().min(1).max(200);
export const noParams = z.object({}).strict();
