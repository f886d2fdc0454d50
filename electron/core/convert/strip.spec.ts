import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from './html-to-markdown';
import { stripQuotes } from './strip';
import { outlookReply, plainForward, replyChain } from './test-threads.fixture';

describe('stripQuotes', () => {
  it('keeps the new text and folds an English quote and a "-- " signature', () => {
    expect(stripQuotes(replyChain[0]!.text!)).toEqual({
      visible: 'Hi both,\n\nCan we move the budget review to Thursday 14:00?\n\nAlice',
      hidden: '--\nAlice Martin\nFinance, ACME\n+33 1 23 45 67 89',
    });
    expect(stripQuotes(replyChain[1]!.text!).visible).toBe('Thursday works for me.');
  });

  it('recognises the French "Le … a écrit :" header and "Envoyé de mon iPhone"', () => {
    const { visible, hidden } = stripQuotes(replyChain[2]!.text!);
    expect(visible).toBe('Parfait, je réserve la salle Lumière.');
    expect(hidden).toContain('Le mar. 4 mars 2025 à 11:02, Bob Durand');
    expect(hidden).toContain('Envoyé de mon iPhone');
  });

  it('cuts at an Outlook "From: … Sent: …" header', () => {
    const { visible, hidden } = stripQuotes(outlookReply.text!);
    expect(visible).toBe('Approved on my side.');
    expect(hidden.startsWith('From: Bob Durand <bob@acme.example>\nSent:')).toBe(true);
  });

  it('keeps a plain forward whole: its body is the message', () => {
    const { visible, hidden } = stripQuotes(plainForward.text!);
    expect(visible).toBe(plainForward.text);
    expect(hidden).toBe('');
  });

  it('keeps a note above a forward and the forwarded message visible', () => {
    const { visible } = stripQuotes(`FYI, see below.\n\n${plainForward.text!}`);
    expect(visible).toContain('FYI, see below.');
    expect(visible).toContain('Widgets: 4.20 EUR');
  });

  it('never empties a message that is nothing but a quote', () => {
    const text = 'On Mon, 3 Mar 2025, Bob <bob@acme.example> wrote:\n> See attached.';
    expect(stripQuotes(text)).toEqual({ visible: text, hidden: '' });
  });

  it('cuts HTML at the quote containers mail clients write', () => {
    const gmail = htmlToMarkdown(
      '<div>Yes, <i>ship it</i>.</div><div class="gmail_quote">On Mon, Bob wrote:' +
        '<blockquote>Ready?</blockquote></div>',
    );
    expect(stripQuotes(gmail)).toEqual({
      visible: 'Yes, _ship it_.',
      hidden: 'On Mon, Bob wrote:\n\n> Ready?',
    });
    const outlook = htmlToMarkdown(
      '<p>Approved.</p><div id="divRplyFwdMsg"><b>From:</b> Bob</div><p>Old text</p>',
    );
    expect(stripQuotes(outlook)).toEqual({
      visible: 'Approved.',
      hidden: '**From:** Bob\n\nOld text',
    });
  });
});
