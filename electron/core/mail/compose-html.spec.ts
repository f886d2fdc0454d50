// What the composer sends: HTML through an allow-list whatever the window sent, and a
// text/plain part that says the same thing (lists, quotes and links kept readable).
import { describe, expect, it } from 'vitest';
import { outgoingBody, sanitizeOutgoingHtml } from './compose-html';

describe('the HTML the composer sends', () => {
  it('keeps formatting, drops scripts, handlers, styles and unsafe links', () => {
    const html = sanitizeOutgoingHtml(
      '<p class="x" style="color:red" onclick="steal()">Hi <strong>all</strong> <em>now</em></p>' +
        '<script>steal()</script><style>p{}</style><iframe src="https://x.test"></iframe>' +
        '<p><a href="javascript:alert(1)">bad</a> <a href="https://ok.test/?a=1&b=2" target="_blank">ok</a>' +
        ' <a href="mailto:bob@x.test">bob</a></p><img src="data:image/png;base64,AA" onerror="x()">',
    );
    expect(html).toBe(
      '<p>Hi <strong>all</strong> <em>now</em></p>' +
        '<p><a>bad</a> <a href="https://ok.test/?a=1&amp;b=2">ok</a> <a href="mailto:bob@x.test">bob</a></p><img />',
    );
  });

  it('derives the text part from the sanitised HTML', () => {
    const body = outgoingBody({
      text: 'ignored: the HTML is what was written',
      html:
        '<p>Notes from <strong>the review</strong>:</p><ul><li><p>colours</p></li><li><p>icons</p></li></ul>' +
        '<ol><li><p>first</p></li><li><p>second</p></li></ol>' +
        '<p>See <a href="https://wiki.test/r">minutes</a></p><p>On Monday, Bob wrote:</p>' +
        '<blockquote><p>Plan A<br>Plan B</p></blockquote><script>alert(1)</script>',
    });
    expect(body.text).toBe(
      'Notes from the review:\n\n- colours\n- icons\n\n1. first\n2. second\n\n' +
        'See minutes (https://wiki.test/r)\n\nOn Monday, Bob wrote:\n\n> Plan A\n> Plan B',
    );
    expect(body.html).not.toContain('script');
  });

  it('keeps the space of the signature separator "-- " (other trailing spaces go)', () => {
    const body = outgoingBody({ text: '', html: '<p>Thanks  </p><p>-- <br>Ada</p><p>--<br>x</p>' });
    expect(body.text).toBe('Thanks\n\n-- \nAda\n\n--\nx');
  });

  it('sends plain-text mode as typed, with no HTML part', () => {
    expect(outgoingBody({ text: 'Just *text*\n> quoted', html: null })).toEqual({
      text: 'Just *text*\n> quoted',
      html: undefined,
    });
  });
});
