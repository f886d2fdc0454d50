import { describe, expect, it } from 'vitest';
import { htmlToText, markdownBody, multipart, plainTextBody, textToHtml, toIso } from './markup';

describe('markup helpers', () => {
  it('turns the HTML we store into the text networks render', () => {
    expect(
      htmlToText(
        '<p>Hi &amp; <b>bye</b></p><ul><li>one</li><li>two</li></ul><p>see <a href="https://x.example">site</a></p>',
      ),
    ).toBe('Hi & bye\n\n- one\n- two\n\nsee site (https://x.example)');
  });

  it('escapes text before it becomes HTML', () => {
    expect(textToHtml('<script>x</script>\nline')).toBe(
      '<p>&lt;script&gt;x&lt;/script&gt;<br />line</p>',
    );
  });

  it('falls back on times that are not times', () => {
    expect(toIso(1767225600, 'F', 's')).toBe('2026-01-01T00:00:00.000Z');
    expect(toIso('string', 'F')).toBe('F');
    expect(toIso(-9007199254740991, 'F')).toBe('F');
  });

  it('builds a multipart body with the boundary in its content type', async () => {
    const form = await multipart({ channel_id: 'c1' }, [
      {
        field: 'files',
        filename: 'a.txt',
        contentType: 'text/plain',
        data: new TextEncoder().encode('hello'),
      },
    ]);
    const text = new TextDecoder().decode(form.body);
    expect(form.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(text).toContain('name="channel_id"\r\n\r\nc1');
    expect(text).toContain('filename="a.txt"');
    expect(text).toContain('hello');
  });

  it('gives Markdown networks the composer’s formatting as Markdown', () => {
    const html =
      '<p>Notes from <strong>the review</strong>:</p><ul><li><p>colours</p></li><li><p>icons</p></li></ul>' +
      '<p>Full <a href="https://example.test/m">minutes</a></p><blockquote><p>quoted</p></blockquote>';
    const markdown = markdownBody({ bodyHtml: html });
    expect(markdown).toContain('Notes from **the review**:');
    expect(markdown).toMatch(/^- +colours$/m);
    expect(markdown).toContain('[minutes](https://example.test/m)');
    expect(markdown).toContain('> quoted');
    expect(plainTextBody({ bodyHtml: html })).toContain('minutes (https://example.test/m)');
  });

  it('sends a conversion’s own markup as is, even where it looks like tags', () => {
    const body = '[details="Quoted"]\nuse <b> for bold, 2 < 3\n[/details]';
    expect(markdownBody({ bodyHtml: body, networkMarkup: true })).toBe(body);
    expect(plainTextBody({ bodyHtml: 'a <b> c', networkMarkup: true })).toBe('a <b> c');
  });
});
