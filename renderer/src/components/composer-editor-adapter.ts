// What other parts of the composer (the @mention autocomplete) need from the body, in
// rich and in plain-text mode alike: the text before the caret, inserting at the caret,
// and where the caret is on screen to place a popup. ComposerEditor exposes one adapter
// (`defineExpose({ adapter })`); ComposerPanel passes it on as `editorAdapter`.
import type { Editor } from '@tiptap/vue-3';

export interface ComposerEditorAdapter {
  /** The current paragraph's text up to the caret ("Thanks @jo" → detect "@jo"). */
  getTextBeforeCaret(): string;
  /** Inserts plain text at the caret, first replacing the `replaceBefore` characters before it. */
  insertText(text: string, replaceBefore?: number): void;
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

function richAdapter(editor: Editor): Omit<ComposerEditorAdapter, 'onUpdate'> {
  return {
    getTextBeforeCaret() {
      const { $from } = editor.state.selection;
      return $from.parent.textBetween(0, $from.parentOffset, undefined, '\ufffc');
    },
    insertText(text, replaceBefore = 0) {
      const { from, to } = editor.state.selection;
      const start = Math.max(
        from - replaceBefore,
        from - editor.state.selection.$from.parentOffset,
      );
      editor.view.dispatch(editor.state.tr.insertText(text, start, to).scrollIntoView());
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
  return {
    getTextBeforeCaret() {
      const before = area.value.slice(0, area.selectionStart);
      return before.slice(before.lastIndexOf('\n') + 1);
    },
    insertText(text, replaceBefore = 0) {
      const start = Math.max(0, area.selectionStart - replaceBefore);
      area.setRangeText(text, start, area.selectionEnd, 'end');
      setText(area.value);
      area.focus();
    },
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
