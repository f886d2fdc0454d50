// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from './sanitize';

const blocked = { allowRemote: false };
const allowed = { allowRemote: true };

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('sanitizeMailHtml', () => {
  it('keeps ordinary mail markup and head styles', () => {
    const { html } = sanitizeMailHtml(
      '<html><head><style>p{color:red}</style></head><body><p class="x">Hello <b>you</b></p><table><tr><td bgcolor="#eee">1</td></tr></table></body></html>',
      blocked,
    );
    expect(html).toContain('<style>p{color:red}</style>');
    expect(html).toContain('<p class="x">Hello <b>you</b></p>');
    expect(html).toContain('bgcolor="#eee"');
  });

  it('removes scripts, handlers, forms, base, meta refresh, SVG and MathML', () => {
    const { html } = sanitizeMailHtml(
      `<script>alert(1)</script><img src=x onerror=alert(1)><form action="https://x.test"><input name=a><button>Go</button></form>
       <base href="https://evil.test/"><meta http-equiv="refresh" content="0;url=https://evil.test">
       <svg><use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x"/><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="href" to="javascript:alert(1)"/></svg>
       <math><mi xlink:href="javascript:alert(1)">x</mi></math><iframe src="https://x.test"></iframe><object data="x.swf"></object>`,
      blocked,
    );
    expect(html).not.toMatch(
      /<script|onerror|<form|<input|<button|<base|<meta|<svg|<use|<animate|<set|<math|<iframe|<object|javascript:/i,
    );
  });

  it('keeps only http(s) and mailto links, opened in a new context without referrer', () => {
    const root = dom(
      sanitizeMailHtml(
        `<a id=a href="https://example.test/x">ok</a><a id=b href="javascript:alert(1)">bad</a>
         <a id=c href=" jav&#x09;ascript:alert(1)">bad</a><a id=d href="data:text/html,<script>alert(1)</script>">bad</a>
         <a id=e href="mailto:bob@example.test" target="_self">mail</a><a id=f href="/relative">rel</a>
         <img usemap="#m" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><map name="m"><area id=g shape=rect coords="0,0,1,1" href="javascript:alert(1)"><area id=h shape=rect coords="0,0,1,1" href="https://example.test/area"></map>`,
        blocked,
      ).html,
    );
    const href = (id: string) => root.querySelector(`#${id}`)?.getAttribute('href') ?? null;
    expect(href('a')).toBe('https://example.test/x');
    expect(['b', 'c', 'd', 'f', 'g'].map(href)).toEqual([null, null, null, null, null]);
    expect(href('e')).toBe('mailto:bob@example.test');
    expect(href('h')).toBe('https://example.test/area');
    for (const a of root.querySelectorAll('a[href], area[href]')) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(root.querySelector('map')?.getAttribute('name')).toBe('m');
  });

  it('holds remote images, backgrounds and CSS back until allowed, and counts them', () => {
    const mail = `<img src="http://canary.test/1.gif"><table background="https://canary.test/2.gif"><tr><td style="background:\\75 rl(http://canary.test/3.gif);color:red">x</td></tr></table>
      <style>body{background-image:url(http://canary.test/4.gif)}</style><img src="data:image/png;base64,AAAA"><img src="cid:part1">`;
    const off = sanitizeMailHtml(mail, blocked);
    expect(off.blockedRemote).toBe(4);
    expect(off.html).not.toContain('canary.test');
    expect(off.html).toContain('color:red');
    expect(off.html).toContain('data:image/png;base64,AAAA');
    expect(off.html).not.toContain('cid:');

    const on = sanitizeMailHtml(mail, allowed);
    expect(on.blockedRemote).toBe(0);
    for (const n of [1, 2, 3, 4]) expect(on.html).toContain(`canary.test/${n}.gif`);
  });

  it('strips every address for the measuring copy', () => {
    const { html } = sanitizeMailHtml(
      '<a href="https://x.test">l</a><img src="https://x.test/i.png" width="10" height="20"><img src="data:image/png;base64,AAAA"><p style="background:url(https://x.test/b.png);margin:1px">p</p>',
      { allowRemote: true, stripUrls: true },
    );
    expect(html).not.toMatch(/x\.test|data:|href|src=/);
    expect(html).toContain('height="20"');
    expect(html).toContain('margin:1px');
  });

  it('resists mutation XSS: the output is a fixed point and carries no handler', () => {
    const payloads = [
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
      '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
      '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
      '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
      '<style><img src=x onerror=alert(1)></style>',
    ];
    for (const payload of payloads) {
      const { html } = sanitizeMailHtml(payload, blocked);
      expect(sanitizeMailHtml(html, blocked).html, payload).toBe(html);
      const root = dom(html);
      const handlers = [...root.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith('on')),
      );
      expect(handlers, payload).toEqual([]);
      expect(root.querySelector('script, img[onerror], iframe'), payload).toBeNull();
    }
  });
});
