// One polite, bounded GET of a feed. Redirects are followed by hand so a loop is named as
// such (fetch only says "redirect count exceeded") and credentials never follow a
// redirect to another origin; the body is read as a stream and abandoned past maxBytes,
// so a 50 MB answer costs at most maxBytes of memory. 429/503 are not retried here: the
// connector records Retry-After in the feed's schedule and moves on to the other feeds.
import { RseError } from '../errors';
import { classifyStatus, parseRetryAfter } from '../http';

export interface FeedRequest {
  url: string;
  /** Authorization and the like, sent to the feed's origin only. */
  headers?: Record<string, string>;
  etag?: string;
  lastModified?: string;
  maxBytes?: number;
  maxRedirects?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type FeedResponse =
  | { status: 'not-modified'; url: string }
  | {
      status: 'ok';
      /** After redirects: relative links in the document resolve against it. */
      url: string;
      body: Uint8Array;
      contentType: string;
      /** The Link header (RFC 8288), where sites may advertise their feeds. */
      link?: string;
      etag?: string;
      lastModified?: string;
    };

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT =
  'application/atom+xml, application/rss+xml, application/rdf+xml, application/feed+json, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1';

export async function fetchFeed(req: FeedRequest): Promise<FeedResponse> {
  const doFetch = req.fetch ?? globalThis.fetch;
  const origin = new URL(req.url).origin;
  const visited = new Set<string>();
  let url = req.url;
  for (let hop = 0; ; hop++) {
    visited.add(url);
    const sameOrigin = new URL(url).origin === origin;
    const headers: Record<string, string> = {
      accept: ACCEPT,
      'user-agent': 'Passerelle feed reader',
      ...(sameOrigin ? req.headers : {}),
      ...(req.etag ? { 'if-none-match': req.etag } : {}),
      ...(req.lastModified ? { 'if-modified-since': req.lastModified } : {}),
    };
    let response: Response;
    try {
      response = await doFetch(url, {
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new RseError('offline', `${redact(url)}: ${timedOut ? 'timed out' : 'no answer'}.`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
      await response.body?.cancel();
      const next = new URL(location, url).toString();
      if (visited.has(next)) {
        throw new RseError(
          'server',
          `${redact(req.url)}: redirect loop (back to ${redact(next)}).`,
        );
      }
      if (hop >= (req.maxRedirects ?? 5)) {
        throw new RseError('server', `${redact(req.url)}: too many redirects.`);
      }
      url = next;
      continue;
    }
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified', url };
    }
    if (!response.ok) {
      await response.body?.cancel();
      const error = classifyStatus(response.status, `GET ${redact(url)}`);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      if (response.status === 429 || response.status === 503) {
        throw new RseError(error.kind, error.message, response.status, retryAfterMs);
      }
      throw error;
    }
    const body = await readCapped(response, req.maxBytes ?? DEFAULT_MAX_BYTES, url);
    return {
      status: 'ok',
      url,
      body,
      contentType: response.headers.get('content-type') ?? '',
      ...optional('link', response.headers.get('link')),
      ...optional('etag', response.headers.get('etag')),
      ...optional('lastModified', response.headers.get('last-modified')),
    };
  }
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const tooLarge = () =>
    new RseError(
      'server',
      `${redact(url)}: the answer is larger than ${Math.round(maxBytes / 1048576)} MB; not read.`,
    );
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Cancelling closes the connection: the rest is never downloaded.
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** Feed URLs often carry a private token (GitLab's feed_token, Jira's…): never log them. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    for (const key of [...parsed.searchParams.keys()]) {
      if (/token|key|secret|password|auth/i.test(key)) parsed.searchParams.set(key, '…');
    }
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
