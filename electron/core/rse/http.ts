// The HTTP layer every connector shares: fetch with a timeout, JSON in and out, 429/503
// retried after the server's Retry-After (or exponential backoff with jitter), and every
// failure classified as an RseError. Response bodies never reach error messages: some
// servers echo the Authorization header or the token back.
import { RseError } from './errors';

export interface HttpOptions {
  /** Sent with every request (Authorization, User-Agent…). */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Retries after 429/503 before giving up with 'rate-limited'. */
  maxRetries?: number;
  /** The longest wait a Retry-After may impose; longer ones fail at once. */
  maxRetryAfterMs?: number;
  /** Injected by tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Injected by tests to observe waits without sleeping. */
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  url: string;
  /** Serialised as JSON unless it is already a body fetch accepts (Buffer, string). */
  json?: unknown;
  body?: Uint8Array | string;
  headers?: Record<string, string>;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function classifyStatus(status: number, what: string): RseError {
  if (status === 401)
    return new RseError('authentication', `${what}: the server refused the credentials.`, status);
  if (status === 403)
    return new RseError('permission', `${what}: not allowed for this user.`, status);
  if (status === 404 || status === 410)
    return new RseError('not-found', `${what}: not found.`, status);
  if (status === 429)
    return new RseError('rate-limited', `${what}: rate limited by the server.`, status);
  if (status >= 500)
    return new RseError('server', `${what}: the server failed (HTTP ${status}).`, status);
  return new RseError(
    'invalid',
    `${what}: the server refused the request (HTTP ${status}).`,
    status,
  );
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HttpClient {
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HttpOptions = {}) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** One request with the shared retry policy; resolves with the parsed JSON (or null). */
  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const maxRetries = this.options.maxRetries ?? 3;
    const what = `${req.method ?? 'GET'} ${redact(req.url)}`;
    for (let attempt = 0; ; attempt++) {
      const response = await this.send(req, what);
      if (response.ok) {
        const text = await response.text();
        let data: unknown = null;
        if (text.length > 0) {
          try {
            data = JSON.parse(text);
          } catch {
            throw new RseError('server', `${what}: the answer is not JSON.`, response.status);
          }
        }
        return { status: response.status, headers: response.headers, data: data as T };
      }
      await response.body?.cancel();
      const error = classifyStatus(response.status, what);
      const retryable = response.status === 429 || response.status === 503;
      const asked = parseRetryAfter(response.headers.get('retry-after'));
      if (!retryable || attempt >= maxRetries) {
        throw response.status === 429
          ? new RseError('rate-limited', error.message, 429, asked)
          : error;
      }
      // Without Retry-After: 1 s, 2 s, 4 s… with jitter so clients do not retry in step.
      const wait = asked ?? 1000 * 2 ** attempt * (0.5 + Math.random() / 2);
      if (wait > (this.options.maxRetryAfterMs ?? 120_000)) {
        throw new RseError(
          'rate-limited',
          `${error.message} Retry in ${Math.ceil(wait / 1000)} s.`,
          response.status,
          wait,
        );
      }
      await this.sleep(wait);
    }
  }

  async json<T>(req: HttpRequest): Promise<T> {
    return (await this.request<T>(req)).data;
  }

  private async send(req: HttpRequest, what: string): Promise<Response> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.options.headers,
      ...req.headers,
    };
    let body: Uint8Array | string | undefined = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    try {
      return await this.fetch(req.url, {
        method: req.method ?? 'GET',
        headers,
        body,
        redirect: 'follow',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'no answer';
      throw new RseError('offline', `${what}: ${reason}.`);
    }
  }
}

/** Query strings can carry tokens (some APIs accept ?access_token=); never log them. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    for (const key of [...parsed.searchParams.keys()]) {
      if (/token|key|secret|password/i.test(key)) parsed.searchParams.set(key, '…');
    }
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
