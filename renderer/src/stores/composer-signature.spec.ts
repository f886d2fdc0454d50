// @vitest-environment jsdom
// Signatures in the composer: where they go in a new message, a reply and a forward, and
// how changing the From swaps them, in plain text and in the rich editor's own HTML (a
// real Tiptap editor with the composer's extensions, so the HTML is what the editor keeps).
import { Editor } from '@tiptap/vue-3';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/domain';
import type { ReplyDraft } from '../../../shared/requests/mail-actions';
import { setClient } from '../api/client';
import { composerExtensions } from '../components/composer-editor-extensions';
import { useAccountsStore } from './accounts';
import { useComposerStore } from './composer';
import { plainTextToHtml } from './composer-body';
import { hasQuotedPart, swapSignature, withSignature } from './composer-signature';
import { fakeClient } from './fake-client';

const ADA = 'Ada Lovelace\nAnalytical Engines & Co';
const GRACE = 'Grace — $& $1';
const REPLY = '\n\nOn Monday, Bob wrote:\n> The figures?\n';

let editors: Editor[] = [];
afterEach(() => {
  editors.forEach((e) => e.destroy());
  editors = [];
});

/** The HTML the rich editor holds after being given `html`. */
function kept(html: string): string {
  const editor = new Editor({ extensions: composerExtensions(() => ''), content: html });
  editors.push(editor);
  return editor.getHTML();
}

describe('withSignature', () => {
  it('signs a new message under the separator, below the line the user writes on', () => {
    expect(withSignature('', ADA)).toBe('\n\n-- \nAda Lovelace\nAnalytical Engines & Co');
    expect(withSignature('', '')).toBe('');
  });

  it('puts it above a reply’s quote and a forwarded message', () => {
    expect(withSignature(REPLY, 'Ada')).toBe(
      '\n\n-- \nAda\n\nOn Monday, Bob wrote:\n> The figures?\n',
    );
    const forward = '\n\n---------- Forwarded message ----------\nFrom: Bob';
    expect(withSignature(forward, 'Ada')).toBe(
      '\n\n-- \nAda\n\n---------- Forwarded message ----------\nFrom: Bob',
    );
  });
});

describe('swapSignature', () => {
  const plain = (quoted: boolean) => ({ html: false, quoted });
  const rich = (quoted: boolean) => ({ html: true, quoted });

  it('replaces the old signature in plain text, and removes it for an account without one', () => {
    const body = `Hello Bob${withSignature(REPLY, ADA)}`;
    const swapped = swapSignature(body, ADA, GRACE, plain(true));
    // "$&" in a signature is text, not a replacement pattern.
    expect(swapped).toBe(`Hello Bob\n\n-- \n${GRACE}\n\nOn Monday, Bob wrote:\n> The figures?\n`);
    expect(swapSignature(swapped, GRACE, '', plain(true))).toBe(`Hello Bob${REPLY}`);
  });

  it('replaces it in the HTML the editor keeps, leaving the quote and the user’s text', () => {
    const html = kept(`<p>Hello Bob</p>${plainTextToHtml(withSignature(REPLY, ADA))}`);
    const swapped = kept(swapSignature(html, ADA, GRACE, rich(true)));
    expect(swapped).toContain('<p>-- <br>Grace — $&amp; $1</p>');
    expect(swapped).not.toContain('Analytical');
    expect(swapped).toContain('<p>Hello Bob</p>');
    expect(swapped).toContain('<blockquote><p>The figures?</p></blockquote>');
    const removed = kept(swapSignature(swapped, GRACE, '', rich(true)));
    expect(removed).not.toContain('-- ');
    expect(removed).toContain('<blockquote>');
  });

  it('leaves a signature the user edited, and signs an unquoted message at its end', () => {
    const edited = 'Hi\n\n-- \nAda (on leave)';
    expect(swapSignature(edited, 'Ada', 'Grace', plain(false))).toBe(edited);
    expect(swapSignature('Hi\n', '', 'Grace', plain(false))).toBe('Hi\n\n-- \nGrace');
    expect(swapSignature('<p>Hi</p>', '', 'Grace', rich(false))).toBe(
      '<p>Hi</p><p>-- <br>Grace</p>',
    );
    // Below a quote there is no telling where the user writes: nothing is added.
    expect(swapSignature(`Hi${REPLY}`, '', 'Grace', plain(true))).toBe(`Hi${REPLY}`);
  });

  it('knows a quote or a forwarded message below the writing area', () => {
    expect(hasQuotedPart(REPLY)).toBe(true);
    expect(hasQuotedPart('\n\n---------- Forwarded message ----------')).toBe(true);
    expect(hasQuotedPart('Hi\n\n-- \nAda')).toBe(false);
  });
});

describe('the composer', () => {
  const account = (id: string, signature: string): Account => ({
    id,
    name: id,
    kind: 'imap',
    imap: { host: 'imap.example.org', port: 993, tls: 'tls', user: `${id}@example.org` },
    identity: { name: '', signature },
    status: { kind: 'idle' },
    createdAt: '2025-01-01T00:00:00.000Z',
  });
  const reply: ReplyDraft = {
    accountId: 'work',
    to: ['bob@example.test'],
    cc: [],
    subject: 'Re: Figures',
    inReplyTo: '<1@x>',
    references: ['<1@x>'],
    text: REPLY,
  };

  beforeEach(async () => {
    setClient(
      fakeClient({
        'accounts.list': async () => [account('work', 'Ada'), account('home', '')],
        'mail.replyDraft': async () => reply,
        'drafts.save': async (p) => ({ ...p, id: '1' }) as never,
      }),
    );
    setActivePinia(createPinia());
    await useAccountsStore().load();
  });

  it('signs a new message and a reply with the From account’s signature', async () => {
    const composer = useComposerStore();
    await composer.openNew('work');
    expect(composer.body).toBe('\n\n-- \nAda');
    expect(composer.bodyHtml).toBe('<p></p><p>-- <br>Ada</p>');
    await composer.openReply('1', 'reply');
    expect(composer.body).toBe('\n\n-- \nAda\n\nOn Monday, Bob wrote:\n> The figures?\n');
  });

  it('takes the signature away when the From moves to an account without one, and back', async () => {
    const composer = useComposerStore();
    composer.plain = true;
    await composer.openNew('work');
    composer.body = `Hello${composer.body}`;
    composer.setFrom('home');
    expect(composer.body).toBe('Hello');
    composer.setFrom('work');
    expect(composer.body).toBe('Hello\n\n-- \nAda');
    expect(composer.accountId).toBe('work');
  });
});
