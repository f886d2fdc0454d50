// RFC 2369 List-Unsubscribe: `<mailto:leave@list.example?subject=unsubscribe>,
// <https://list.example/u/123>` — the ways a sender offers to stop sending, in its order of
// preference. RFC 8058 one-click: with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
// and an HTTPS URI, one POST of that very body unsubscribes, without opening a page.
import type { ListUnsubscribe } from '../../../shared/domain';

/** Longer URIs are not an unsubscribe link anyone types: a broken or hostile header. */
const MAX_URI = 2048;

export function parseListUnsubscribe(
  value: string | undefined | null,
  post: string | undefined | null,
): ListUnsubscribe | null {
  if (!value) return null;
  let web: URL | undefined;
  let mailto: string | undefined;
  for (const [, uri] of value.replace(/\s+/g, '').matchAll(/<([^<>]+)>/g)) {
    if (!uri || uri.length > MAX_URI) continue;
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      continue;
    }
    if (url.protocol === 'mailto:' && url.pathname.includes('@')) mailto ??= url.href;
    else if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.username) web ??= url;
  }
  if (!web && !mailto) return null;
  // RFC 8058 §3.1: one-click is for HTTPS URIs only.
  const oneClick =
    web?.protocol === 'https:' && /^\s*List-Unsubscribe\s*=\s*One-Click\s*$/i.test(post ?? '');
  return { ...(web ? { web: web.href } : {}), ...(mailto ? { mailto } : {}), oneClick };
}
