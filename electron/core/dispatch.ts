// The edge of the core: every request, whatever its transport, is checked against the
// contract's params schema here before a handler sees it.
import { isRequestName, requests, type Handlers, type Outcome } from '../../shared/contract';
import { CoreError, toApiError } from './errors';

export async function dispatch(
  handlers: Handlers,
  name: unknown,
  params: unknown,
  log: (line: string) => void,
): Promise<Outcome<unknown>> {
  if (!isRequestName(name)) {
    return {
      ok: false,
      error: { code: 'unknown-request', message: `Unknown request: ${String(name).slice(0, 80)}` },
    };
  }
  const parsed = requests[name].params.safeParse(params ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`)
      .join('; ');
    return {
      ok: false,
      error: { code: 'invalid-params', message: `Invalid ${name} request: ${detail}` },
    };
  }
  try {
    const handler = handlers[name] as (p: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (!(error instanceof CoreError)) log(`${name} failed: ${describe(error)}`);
    return { ok: false, error: toApiError(error) };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
