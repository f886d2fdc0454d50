import { describe, expect, it } from 'vitest';
import type { MdStatus } from './mappers';
import { isWrittenAs, mayBeWrittenAs } from './reconcile';

const rendered = (content: string) => ({ content }) as MdStatus;

describe('finding a Mastodon part by its text', () => {
  it('compares rendered statuses on their first letters, markup and entities aside', () => {
    const text = 'Budget & plan\n\nSee https://example.test/a/very/long/path for details.';
    const html =
      '<p>Budget &amp; plan</p><p>See <a href="https://example.test/a/very/long/path">' +
      '<span class="invisible">https://</span><span class="ellipsis">example.test/a/very</span>' +
      '<span class="invisible">/long/path</span></a> for details.</p>';
    expect(mayBeWrittenAs(rendered(html), text)).toBe(true);
    expect(mayBeWrittenAs(rendered('<p>Lunch?</p>'), text)).toBe(false);
    expect(mayBeWrittenAs(rendered('<p>Anything</p>'), '…')).toBe(false); // nothing to compare
  });

  it('takes a source as the part only when it is the part’s text, an addressee aside', () => {
    expect(isWrittenAs('Approved.\n', 'Approved.')).toBe(true);
    expect(isWrittenAs('@bob@other.example Approved.', 'Approved.')).toBe(true);
    expect(isWrittenAs('@bob Approved.', 'Approved.')).toBe(true);
    expect(isWrittenAs('@carol Approved.', '@carol Approved.')).toBe(true);
    expect(isWrittenAs('Approved. With changes.', 'Approved.')).toBe(false);
    expect(isWrittenAs('', '')).toBe(false);
  });
});
