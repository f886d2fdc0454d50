// @vitest-environment jsdom
// The bridge from the @mention autocomplete to the composer's body: a real Tiptap editor
// with the composer's own extensions (rich mode) and a real textarea (plain mode), driven
// through createEditorAdapter and caretEditorAdapter as ComposerPanel wires them.
import { Editor } from '@tiptap/vue-3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RseUserSuggestion } from '../../../shared/requests/rse';
import { caretEditorAdapter } from '../composables/mention-adapters';
import { createEditorAdapter } from './composer-editor-adapter';
import { composerExtensions } from './composer-editor-extensions';

const author = 'http://127.0.0.1:8080/author/grace/';
const grace: RseUserSuggestion = {
  id: '2',
  handle: 'grace',
  displayName: 'Grace Hopper',
  mention: 'Grace Hopper',
  url: author,
};

// jsdom has no layout; ProseMirror asks for rectangles when it scrolls to the caret.
const noRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
Range.prototype.getClientRects = noRects;
Range.prototype.getBoundingClientRect = () => new DOMRect();

let editors: Editor[] = [];
afterEach(() => {
  editors.forEach((e) => e.destroy());
  editors = [];
});

/** A rich body holding `html`, the caret at its end, reached as ComposerPanel reaches it. */
function richBody(html: string, placeholder = 'Write a comment') {
  const editor = new Editor({ extensions: composerExtensions(() => placeholder), content: html });
  editors.push(editor);
  editor.commands.setTextSelection(editor.state.doc.content.size - 1);
  const { adapter } = createEditorAdapter({
    editor: () => editor,
    textarea: () => null,
    setText: () => undefined,
  });
  return { editor, adapter, mentions: caretEditorAdapter(adapter) };
}

/** What a keystroke does: text at the caret, taking the marks a user would get. */
const type = (editor: Editor, text: string) =>
  editor.view.dispatch(editor.state.tr.insertText(text));

describe('composer editor adapter', () => {
  it('links a WordPress credit over the typed "@gra", and what follows is not linked', () => {
    const { editor, adapter, mentions } = richBody('<p>Thanks @gra</p>');
    expect(adapter.getTextBeforeCaret()).toBe('Thanks @gra');
    mentions.insertMention('@gra'.length, grace);
    type(editor, 'for the fix.');
    expect(editor.getHTML()).toBe(
      `<p>Thanks <a href="${author}">Grace Hopper</a> for the fix.</p>`,
    );
  });

  it('does not extend the link with a keystroke right after it', () => {
    const { editor, adapter } = richBody('<p>Hi @gr</p>');
    adapter.insertLink('Grace Hopper', author, 3);
    type(editor, '!');
    expect(editor.getHTML()).toBe(`<p>Hi <a href="${author}">Grace Hopper</a>!</p>`);
  });

  it('keeps the formatting around the mention and replaces only within the paragraph', () => {
    const { editor, adapter } = richBody('<p>One</p><p><strong>Hi @gr</strong></p>');
    // Asked to replace more than the paragraph holds, it stops at the paragraph's start.
    adapter.insertLink('Grace Hopper', author, 50);
    expect(editor.getHTML()).toBe(
      `<p>One</p><p><a href="${author}"><strong>Grace Hopper</strong></a></p>`,
    );
  });

  it('inserts the name alone when the address is not a web page', () => {
    const { editor, adapter } = richBody('<p>Hi @gr</p>');
    adapter.insertLink('Grace Hopper', 'javascript:alert(1)', 3);
    expect(editor.getHTML()).toBe('<p>Hi Grace Hopper</p>');
  });

  it('shows the placeholder on the empty body only, following the text it is given', () => {
    let text = 'Write a comment';
    const editor = new Editor({ extensions: composerExtensions(() => text), content: '' });
    editors.push(editor);
    const first = () => editor.view.dom.querySelector('p');
    expect(first()?.getAttribute('data-placeholder')).toBe('Write a comment');
    expect(first()?.classList.contains('is-editor-empty')).toBe(true);
    text = 'Écrivez un commentaire';
    editor.view.dispatch(editor.state.tr);
    expect(first()?.getAttribute('data-placeholder')).toBe('Écrivez un commentaire');
    type(editor, 'Hello');
    expect(first()?.hasAttribute('data-placeholder')).toBe(false);
  });

  it('in plain-text mode, inserts the name in the textarea and tells the store', () => {
    const area = document.createElement('textarea');
    document.body.append(area);
    area.value = 'Thanks @gra';
    area.setSelectionRange(area.value.length, area.value.length);
    const stored: string[] = [];
    const { adapter } = createEditorAdapter({
      editor: () => undefined,
      textarea: () => area,
      setText: (text) => stored.push(text),
    });
    const mentions = caretEditorAdapter(adapter);
    expect(mentions.textBeforeCaret()).toBe('Thanks @gra');
    mentions.insertMention(4, grace);
    expect(area.value).toBe('Thanks Grace Hopper ');
    expect(stored.at(-1)).toBe('Thanks Grace Hopper ');
    area.remove();
  });
});
