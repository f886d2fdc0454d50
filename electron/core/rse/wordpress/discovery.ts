// Finds a site's REST API root the way WordPress documents it: the `Link: <…>;
// rel="https://api.w.org/"` header of any page, else `?rest_route=`, which works even
// without pretty permalinks. The root's index also gives the site's gmt_offset, needed
// because date filters compare in local time.
import { RseError } from '../errors';
import type { HttpClient } from '../http';

export interface ApiRoot {
  /** A full URL for a route like '/wp/v2/posts'. */
  url(route: string, query?: Record<string, string>): string;
  /** A GMT ISO time shifted into the site's local time, plus `shiftSeconds`, for filters. */
  toLocal(iso: string, shiftSeconds?: number): string;
}

interface RootIndex {
  namespaces?: string[];
  gmt_offset?: number | string;
}

const API_REL = /<([^>]+)>\s*;\s*rel="https:\/\/api\.w\.org\/"/;

export function parseApiLink(header: string | null): string | undefined {
  return header ? API_REL.exec(header)?.[1] : undefined;
}

export function makeApiRoot(base: string, gmtOffsetHours: number): ApiRoot {
  const plain = base.includes('rest_route=');
  const prefix = plain
    ? base.replace(/rest_route=[^&]*/, 'rest_route=')
    : base.replace(/\/?$/, '/');
  return {
    url(route, query = {}) {
      const search = new URLSearchParams(query).toString();
      if (plain) {
        return `${prefix}${encodeURI(route)}${search ? `&${search}` : ''}`;
      }
      return `${prefix}${route.replace(/^\//, '')}${search ? `?${search}` : ''}`;
    },
    toLocal(iso, shiftSeconds = 0) {
      const time = Date.parse(iso) + gmtOffsetHours * 3_600_000 + shiftSeconds * 1000;
      return new Date(time).toISOString().slice(0, 19);
    },
  };
}

async function tryRoot(http: HttpClient, base: string): Promise<ApiRoot | undefined> {
  try {
    const root = makeApiRoot(base, 0);
    const { data } = await http.request<RootIndex>({ url: root.url('/') });
    if (!data?.namespaces?.includes('wp/v2')) return undefined;
    return makeApiRoot(base, Number(data.gmt_offset ?? 0) || 0);
  } catch (error) {
    // Credentials and connectivity problems are the answer; a 404 or HTML page is not.
    if (
      error instanceof RseError &&
      (error.kind === 'offline' || error.kind === 'authentication')
    ) {
      throw error;
    }
    return undefined;
  }
}

export async function discoverApiRoot(siteUrl: string, http: HttpClient): Promise<ApiRoot> {
  const site = siteUrl.replace(/\/+$/, '');
  let linked: string | undefined;
  try {
    const response = await fetch(`${site}/`, {
      method: 'HEAD',
      signal: AbortSignal.timeout(15_000),
    });
    linked = parseApiLink(response.headers.get('link'));
  } catch {
    throw new RseError('offline', `${site}: no answer.`);
  }
  const root =
    (linked && (await tryRoot(http, linked))) || (await tryRoot(http, `${site}/?rest_route=/`));
  if (!root)
    throw new RseError(
      'not-found',
      `${site} does not look like a WordPress site (no REST API found).`,
    );
  return root;
}
