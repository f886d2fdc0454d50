// HTML mail -> markup that is safe to show in the sandboxed frame (MailHtmlFrame.vue).
// DOMPurify does the parsing and the allow-listing; the hooks below add what mail needs:
// only http(s)/mailto links (opened in a new browsing context), only raster data: or
// allowed remote images, CSS that cannot fetch while remote content is blocked, and no
// URL in any other attribute. The result is sanitised again until it stops changing, so
// a serialise/re-parse round trip (mutation XSS) cannot turn it into something else.
import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { sanitizeCss } from './css';
import { cidKey } from './inline-images';

export interface MailHtmlPolicy {
  /** Remote (http/https) images and CSS backgrounds may load. */
  allowRemote: boolean;
  /**
   * Remove every address (links, images, CSS url()): for a copy that is only measured
   * and must never fetch or be clicked.
   */
  stripUrls?: boolean;
  /**
   * The message's own inline images (cid: references), fetched by the reading pane:
   * cid key (see inline-images.ts) → data:image URL. Other cid: references are dropped.
   */
  inlineImages?: ReadonlyMap<string, string>;
}

export interface SanitizedMail {
  /** Body markup (head <style> blocks first), for the frame's <body>. */
  html: string;
  /** Remote references held back because remote content is blocked. */
  blockedRemote: number;
}

const FORBID_TAGS = [
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'datalist',
  'output',
  'base',
  'meta',
  'link',
  'audio',
  'video',
  'source',
  'track',
  'picture',
  'dialog',
  'template',
  'slot',
];

const FORBID_ATTR = [
  'action',
  'formaction',
  'srcset',
  'ping',
  'target',
  'rel',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'cite',
  'poster',
  'xmlns',
  'is',
  'popover',
  'popovertarget',
];

const BASE_CONFIG: Config = {
  // HTML only: no SVG (use, animate, set, foreignObject…) and no MathML in mail.
  USE_PROFILES: { html: true },
  FORBID_TAGS,
  FORBID_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  // Leading <style> elements stay in the body instead of vanishing into <head>.
  FORCE_BODY: true,
};

const LINK = /^(?:https?:\/\/|mailto:)/i;
const REMOTE = /^https?:\/\//i;
const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|bmp|avif)[;,]/i;
/** Attributes that take an address; everything else that does is forbidden above. */
const URL_ATTRS = ['href', 'src', 'background', 'xlink:href', 'data', 'codebase', 'usemap'];

interface Pass {
  policy: MailHtmlPolicy;
  blocked: number;
}

function createPurifier(): Purifier {
  const purifier = DOMPurify(window);
  let pass: Pass = { policy: { allowRemote: false }, blocked: 0 };

  purifier.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'style' || !node.textContent) return;
    const { css, blocked } = sanitizeCss(node.textContent, {
      allowRemote: pass.policy.allowRemote && !pass.policy.stripUrls,
    });
    pass.blocked += blocked;
    node.textContent = css;
  });

  purifier.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (typeof el.getAttribute !== 'function') return;
    const tag = el.tagName.toLowerCase();
    for (const name of URL_ATTRS) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      // Browsers ignore whitespace and control characters inside a URL's scheme.
      // eslint-disable-next-line no-control-regex
      const url = value.replace(/[\s\u0000-\u001f]/g, '');
      const inline = inlineImage(tag, name, url, pass);
      if (inline) el.setAttribute(name, inline);
      else if (!keepUrl(tag, name, url, pass)) el.removeAttribute(name);
    }
    const style = el.getAttribute('style');
    if (style !== null) {
      const { css, blocked } = sanitizeCss(style, {
        allowRemote: pass.policy.allowRemote && !pass.policy.stripUrls,
      });
      pass.blocked += blocked;
      if (css.trim()) el.setAttribute('style', css);
      else el.removeAttribute('style');
    }
    if ((tag === 'a' || tag === 'area') && el.hasAttribute('href')) {
      // A new browsing context: the desktop shell sends it to the system browser, browser
      // mode opens a tab; the frame itself never navigates, nor does the app.
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
  });

  return Object.assign(purifier, {
    withPass<T>(next: Pass, run: () => T): T {
      const previous = pass;
      pass = next;
      try {
        return run();
      } finally {
        pass = previous;
      }
    },
  });
}

/** The data: URL for an image's cid: reference, when the reading pane fetched it. */
function inlineImage(tag: string, name: string, url: string, pass: Pass): string | null {
  const images = pass.policy.inlineImages;
  if (!images || pass.policy.stripUrls || !/^cid:/i.test(url)) return null;
  if (!((name === 'src' && tag === 'img') || name === 'background')) return null;
  const data = images.get(cidKey(url));
  return data !== undefined && DATA_IMAGE.test(data) ? data : null;
}

function keepUrl(tag: string, name: string, url: string, pass: Pass): boolean {
  if (pass.policy.stripUrls) return false;
  if (name === 'usemap') return url.startsWith('#');
  if (name === 'href') return (tag === 'a' || tag === 'area') && LINK.test(url);
  if ((name === 'src' && tag === 'img') || name === 'background') {
    if (DATA_IMAGE.test(url)) return true;
    if (REMOTE.test(url)) {
      if (pass.policy.allowRemote) return true;
      pass.blocked++;
    }
    return false;
  }
  return false;
}

type PassPurifier = Purifier & { withPass<T>(pass: Pass, run: () => T): T };
let shared: PassPurifier | null = null;

function purifier(): PassPurifier {
  shared ??= createPurifier() as PassPurifier;
  return shared;
}

const MAX_PASSES = 4;

export function sanitizeMailHtml(raw: string, policy: MailHtmlPolicy): SanitizedMail {
  const p = purifier();
  const pass: Pass = { policy, blocked: 0 };
  return p.withPass(pass, () => {
    // The first pass reads the whole document so <style> in <head> is kept.
    const root = p.sanitize(raw, { ...BASE_CONFIG, WHOLE_DOCUMENT: true, RETURN_DOM: true });
    const head = [...root.querySelectorAll('head > style')].map((s) => s.outerHTML).join('');
    const body = root.querySelector('body')?.innerHTML ?? '';
    let html = head + body;
    const blockedRemote = pass.blocked;
    // Re-sanitise the serialised output to a fixed point.
    for (let i = 0; i < MAX_PASSES; i++) {
      const again = p.sanitize(html, BASE_CONFIG);
      if (again === html) return { html, blockedRemote };
      html = again;
    }
    // Still changing: something is fighting the parser; show nothing rather than guess.
    return { html: '', blockedRemote };
  });
}
