// The document the sandboxed frame shows. Its own CSP is the second wall behind the
// sanitiser: no script, no fetch of any kind, inline styles only, and images from data:
// unless the user allowed remote content (then http/https images too; fonts, frames,
// media and stylesheets stay blocked). The frame also inherits the app page's policy,
// which is why that policy lists http:/https: in img-src: this one is what decides.

export function frameCsp(allowRemote: boolean): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    allowRemote ? 'img-src data: http: https:' : 'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Base styles shared by the frame and the offscreen copy that measures its height. */
export const FRAME_BASE_CSS =
  'html{color-scheme:light}' +
  'body{margin:0;padding:4px 2px;background:#fff;color:#1d1d1f;' +
  'font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;overflow-wrap:anywhere}' +
  'img{max-width:100%;height:auto}table{max-width:100%}' +
  'pre{white-space:pre-wrap}blockquote{margin:0 0 0 8px;padding-left:8px;border-left:2px solid #ccc}';

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** A complete document for `srcdoc`; `sanitizedBody` must come from sanitizeMailHtml. */
export function frameDocument(sanitizedBody: string, allowRemote: boolean): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(frameCsp(allowRemote))}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<style>${FRAME_BASE_CSS}</style></head><body>${sanitizedBody}</body></html>`
  );
}
