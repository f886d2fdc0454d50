// @vitest-environment jsdom
// Text ↔ rich text for the composer: replies arrive as text with "> " quotes and must
// open in the editor as an attribution line above a real quote; switching to plain text
// keeps lists, quotes and links readable.
import { describe, expect, it } from 'vitest';
import { htmlToPlainText, plainTextToHtml } from './composer-body';

describe('composer body conversions', () => {
  it('opens a reply with room to write above the attribution and the quote', () => {
    const html = plainTextToHtml(
      '\n\nOn Monday, Bob <bob@x.test> wrote:\n> Plan A\n> > older\n> Plan B\n',
    );
    expect(html).toBe(
      '<p></p><p>On Monday, Bob &lt;bob@x.test&gt; wrote:</p>' +
        '<blockquote><p>Plan A</p><blockquote><p>older</p></blockquote><p>Plan B</p></blockquote>',
    );
  });

  it('escapes what the text says, so it cannot become markup', () => {
    expect(plainTextToHtml('<img src=x onerror=alert(1)> & co')).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; &amp; co</p>',
    );
  });

  it('turns rich text into plain text with lists, quotes and links', () => {
    const text = htmlToPlainText(
      '<p>Hi <strong>all</strong>,</p><ul><li><p>one</p></li><li><p>two</p></li></ul>' +
        '<ol><li><p>first</p></li></ol><p><a href="https://x.test/">the plan</a></p>' +
        '<blockquote><p>quoted<br>line</p></blockquote>',
    );
    expect(text).toBe(
      'Hi all,\n\n- one\n- two\n\n1. first\n\nthe plan (https://x.test/)\n\n> quoted\n> line',
    );
  });

  it('round-trips plain text through the editor shape', () => {
    const text = 'Hello\nsecond line\n\n> quoted';
    expect(htmlToPlainText(plainTextToHtml(text))).toBe(text);
  });
});
