// What other parts of the composer (the @mention autocomplete) need from the body, in
// rich and in plain-text mode alike: the text before the caret, inserting text or a link
// at the caret, and where the caret is on screen to place a popup. ComposerEditor exposes
// one adapter (`defineExpose({ adapter })`); ComposerPanel passes it on as `editorAdapter`.
import { TextSelection } from '@tiptap/pm/state';
import type { Editor } from '@tiptap/vue-3';

export interface ComposerEditorAdapter {
  /** The current paragraph's text up to the caret ("Thanks @jo" → detect "@jo"). */
  getTextBeforeCaret(): string;
  /** Inserts plain text at the caret, first replacing the `replaceBefore` characters before it. */
  insertText(text: string, replaceBefore?: number): void;
  /**
   * Inserts `text` linked to `href` (a WordPress author page for a credit), first replacing
   * the `replaceBefore` characters before the caret; what is typed next is not linked.
   * Plain-text mode, or an address that is not http(s), gets the text alone.
   */
  insertLink(text: string, href: string, replaceBefore?: number): void;
  /** The caret's rectangle in the viewport, or null when the body is not shown. */
  caretRect(): DOMRect | null;
  /** The element that has focus while typing (for keydown listeners). */
  element(): HTMLElement | null;
  /** Called after every edit or caret move; returns the unsubscribe function. */
  onUpdate(listener: () => void): () => void;
  focus(): void;
}

export interface AdapterSources {
  editor: () => Editor | undefined;
  textarea: () => HTMLTextAreaElement | null;
  /** The plain-text body setter: the textarea's value is the store's state. */
  setText: (text: string) => void;
}

/** Only web pages become links: the address comes from a remote user directory. */
function isWebAddress(href: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(href).protocol);
  } catch {
    return false;
  }
}

function richAdapter(editor: Editor): Omit<ComposerEditorAdapter, 'onUpdate'> {
  /** The range the insertion replaces: never reaching back past the current block. */
  const replaced = (replaceBefore: number) => {
    const { from, to, $from } = editor.state.selection;
    return { start: Math.max(from - replaceBefore, from - $from.parentOffset), to };
  };
  const insertText = (text: string, replaceBefore = 0) => {
    const { start, to } = replaced(replaceBefore);
    editor.view.dispatch(editor.state.tr.insertText(text, start, to).scrollIntoView());
    editor.view.focus();
  };
  return {
    getTextBeforeCaret() {
      const { $from } = editor.state.selection;
      return $from.parent.textBetween(0, $from.parentOffset, undefined, '\ufffc');
    },
    insertText,
    insertLink(text, href, replaceBefore = 0) {
      const linkType = editor.schema.marks.link;
      if (!linkType || !isWebAddress(href)) return insertText(text, replaceBefore);
      const { start, to } = replaced(replaceBefore);
      // The name keeps the formatting around it (bold, italic), plus the link.
      const marks = linkType.create({ href }).addToSet(editor.state.doc.resolve(start).marks());
      const linked = editor.schema.text(text, marks);
      const tr = editor.state.tr.replaceRangeWith(start, to, linked);
      // The link mark is inclusive (autolink): without this the next keystroke, or the
      // space the mention adds, would extend the link past the name.
      tr.setSelection(TextSelection.create(tr.doc, start + text.length));
      tr.removeStoredMark(linkType);
      editor.view.dispatch(tr.scrollIntoView());
      editor.view.focus();
    },
    caretRect() {
      const at = editor.view.coordsAtPos(editor.state.selection.from);
      return new DOMRect(at.left, at.top, 0, at.bottom - at.top);
    },
    element: () => editor.view.dom as HTMLElement,
    focus: () => editor.view.focus(),
  };
}

function plainAdapter(
  area: HTMLTextAreaElement,
  setText: (text: string) => void,
): Omit<ComposerEditorAdapter, 'onUpdate'> {
  const insertText = (text: string, replaceBefore = 0) => {
    const start = Math.max(0, area.selectionStart - replaceBefore);
    area.setRangeText(text, start, area.selectionEnd, 'end');
    setText(area.value);
    area.focus();
  };
  return {
    getTextBeforeCaret() {
      const before = area.value.slice(0, area.selectionStart);
      return before.slice(before.lastIndexOf('\n') + 1);
    },
    insertText,
    // Plain text has no links: the name alone.
    insertLink: (text, _href, replaceBefore) => insertText(text, replaceBefore),
    // A textarea has no caret geometry; its first line is close enough for a popup.
    caretRect() {
      const box = area.getBoundingClientRect();
      return new DOMRect(box.left + 8, box.top + 8, 0, 18);
    },
    element: () => area,
    focus: () => area.focus(),
  };
}

/**
 * One adapter for the composer's lifetime; each call goes to whichever body is shown.
 * The editor component calls `notify` on every edit or caret move, in either mode, so a
 * listener survives switching between rich and plain text.
 */
export function createEditorAdapter(sources: AdapterSources): {
  adapter: ComposerEditorAdapter;
  notify: () => void;
} {
  const listeners = new Set<() => void>();
  const current = () => {
    const area = sources.textarea();
    if (area) return plainAdapter(area, sources.setText);
    const editor = sources.editor();
    return editor && !editor.isDestroyed ? richAdapter(editor) : null;
  };
  const adapter: ComposerEditorAdapter = {
    getTextBeforeCaret: () => current()?.getTextBeforeCaret() ?? '',
    insertText: (text, replaceBefore) => current()?.insertText(text, replaceBefore),
    insertLink: (text, href, replaceBefore) => current()?.insertLink(text, href, replaceBefore),
    caretRect: () => current()?.caretRect() ?? null,
    element: () => current()?.element() ?? null,
    focus: () => current()?.focus(),
    onUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { adapter, notify: () => listeners.forEach((listener) => listener()) };
}
