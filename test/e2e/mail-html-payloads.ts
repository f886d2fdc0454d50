// Known webmail bypasses, written for these tests. `CANARY` stands for the loopback
// canary server's origin; paths starting with /img- are images the user may allow, any
// other path must never be requested, allowed or not.

const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
const svgUse = Buffer.from(
  '<svg id="x" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image href="CANARY/use-image"/><script>alert("use")</script></svg>',
).toString('base64');

export interface Bypass {
  title: string;
  html: string;
}

export const BYPASSES: Bypass[] = [
  {
    title: 'SVG use with a data: URL',
    html: `<svg><use href="data:image/svg+xml;base64,${svgUse}#x"/></svg>`,
  },
  {
    title: 'SVG use xlink:href data:',
    html: `<svg><use xlink:href="data:image/svg+xml;base64,${svgUse}#x"></use></svg>`,
  },
  {
    title: 'SMIL animate to javascript:',
    html: '<svg><a><animate attributeName="href" values="javascript:alert(\'smil\')"/><text x="20" y="20">click</text></a></svg>',
  },
  {
    title: 'SMIL set xlink:href',
    html: '<svg><a xlink:href="#"><set attributeName="xlink:href" to="javascript:alert(\'set\')"/><rect width="50" height="50"/></a></svg>',
  },
  {
    title: 'SMIL set onload handler',
    html: '<svg><set attributeName="onmouseover" to="alert(\'set2\')"/><animate onbegin="alert(\'begin\')" attributeName="x" dur="1s"/></svg>',
  },
  {
    title: 'CSS hex escape url',
    html: '<div style="height:20px;background:\\75 rl(CANARY/img-css-hex)">x</div>',
  },
  {
    title: 'CSS char escape url',
    html: '<div style="height:20px;background:u\\rl(CANARY/img-css-char)">x</div>',
  },
  {
    title: 'CSS escape in style block',
    html: "<style>div.e{height:20px;background:\\000075rl('CANARY/img-css-block')}</style><div class=e>x</div>",
  },
  {
    title: 'CSS entity in style attribute',
    html: '<p style="background:url(&quot;CANARY/img-css-entity&quot;)">x</p>',
  },
  {
    title: 'CSS import',
    html: "<style>@import 'CANARY/import.css'; @import url(CANARY/import2.css);</style><p>x</p>",
  },
  {
    title: 'CSS font-face',
    html: '<style>@font-face{font-family:z;src:url(CANARY/font.woff)}</style><p style="font-family:z">x</p>',
  },
  {
    title: 'CSS image-set',
    html: '<div style="height:20px;background-image:image-set(\'CANARY/image-set\' 1x)">x</div>',
  },
  {
    title: 'background attributes',
    html: '<table background="CANARY/img-bg-table"><tr><td background="CANARY/img-bg-td">x</td></tr></table>',
  },
  {
    title: 'image map javascript:',
    html: `<img src="${GIF}" usemap="#m" width="60" height="60"><map name="m"><area shape="rect" coords="0,0,60,60" href="javascript:alert('area')"></map>`,
  },
  {
    title: 'noscript mXSS',
    html: '<noscript><p title="</noscript><img src=x onerror=alert(\'noscript\')>">',
  },
  {
    title: 'math style mXSS',
    html: '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(\'mglyph\')&gt;">',
  },
  {
    title: 'svg style mXSS',
    html: '<svg></p><style><a id="</style><img src=1 onerror=alert(\'svgstyle\')>">',
  },
  {
    title: 'meta refresh',
    html: '<meta http-equiv="refresh" content="0;url=CANARY/refresh"><p>x</p>',
  },
  {
    title: 'base href',
    html: '<base href="CANARY/"><img src="img-relative.gif"><a href="rel">rel</a>',
  },
  {
    title: 'form',
    html: '<form action="CANARY/form"><input name=q value=1><button>Go</button></form><input type=image src="CANARY/input-image">',
  },
  {
    title: 'embedded content',
    html: '<iframe src="CANARY/iframe"></iframe><object data="CANARY/object"></object><embed src="CANARY/embed"><video poster="CANARY/poster" src="CANARY/video"></video><link rel=stylesheet href="CANARY/link.css">',
  },
  {
    title: 'srcset and lowsrc',
    html: '<img srcset="CANARY/srcset 1x" lowsrc="CANARY/lowsrc" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
  },
  {
    title: 'event handlers',
    html: `<img src=x onerror="alert('onerror')"><svg onload="alert('svgload')"></svg><details open ontoggle="alert('toggle')"><summary>s</summary></details><body onload="alert('body')">`,
  },
  {
    title: 'javascript: link',
    html: '<a id="js" href="javascript:alert(\'link\')">click</a><a href="&#106;avascript:alert(\'ent\')">x</a>',
  },
  {
    title: 'remote image',
    html: '<p>Newsletter</p><img src="CANARY/img-remote.gif" width="40" height="40">',
  },
];
