// After the uploads, the body's cid: references (inline images and the attachment links
// render.ts writes) become the URLs the network returned. A reference without an upload
// (a network that attaches files natively, a file the user left out) turns into words,
// never into a broken cid: link the reader's browser cannot open.
import { escapeHtml } from './markup';
import type { BodyFormat } from './types';

const REF = String.raw`cid:([^\s)"'<>]+)`;

function decode(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}

export function rewriteCidReferences(
  body: string,
  uploaded: ReadonlyMap<string, string>,
  format: BodyFormat,
): string {
  const urlOf = (ref: string) => uploaded.get(decode(ref)) ?? uploaded.get(`<${decode(ref)}>`);
  if (format === 'html') {
    return body
      .replace(new RegExp(`<img\\b[^>]*?\\bsrc="${REF}"[^>]*>`, 'giu'), (tag, ref: string) => {
        const url = urlOf(ref);
        if (url) return tag.replace(`cid:${ref}`, escapeHtml(url));
        const alt = /\balt="([^"]*)"/iu.exec(tag)?.[1];
        return alt ? `[${alt}]` : '';
      })
      .replace(
        new RegExp(`<a\\b[^>]*?\\bhref="${REF}"[^>]*>([\\s\\S]*?)</a>`, 'giu'),
        (tag, ref: string, text: string) => {
          const url = urlOf(ref);
          return url ? tag.replace(`cid:${ref}`, escapeHtml(url)) : text;
        },
      );
  }
  if (format === 'markdown') {
    return body.replace(
      new RegExp(String.raw`(!?)\[((?:\\.|[^\]\\])*)\]\(<?${REF}>?\)`, 'gu'),
      (link, bang: string, text: string, ref: string) => {
        const url = urlOf(ref);
        if (url) return `${bang}[${text}](<${url}>)`;
        return bang ? (text ? `[${text}]` : '') : text;
      },
    );
  }
  return body.replace(new RegExp(REF, 'gu'), (whole, ref: string) => urlOf(ref) ?? '');
}
