// How the @mention autocomplete reads and edits the composer's body, whatever the editor
// (rich or plain text): it only needs the text before the caret and a way to replace the
// "@query" there.
import type { RseUserSuggestion } from '../../../shared/requests/rse';

export interface MentionTextAdapter {
  /** The text of the current line or block up to the caret; null when there is none. */
  textBeforeCaret(): string | null;
  /** Replaces the `length` characters before the caret ("@query") by the mention. */
  insertMention(length: number, suggestion: RseUserSuggestion): void;
}

/**
 * The composer editor's adapter (ComposerEditorAdapter in components/: text before the
 * caret, text insertion). Its body is HTML or plain text, not Markdown, so the mention
 * goes in as typed. A WordPress credit is linked to the author page when the editor can
 * insert links, else it is the plain name.
 */
export interface CaretTextEditor {
  getTextBeforeCaret(): string;
  insertText(text: string, replaceBefore?: number): void;
  insertLink?(text: string, href: string, replaceBefore?: number): void;
}

export function caretEditorAdapter(editor: CaretTextEditor): MentionTextAdapter {
  return {
    textBeforeCaret: () => editor.getTextBeforeCaret(),
    insertMention(length, suggestion) {
      if (suggestion.url && editor.insertLink) {
        editor.insertLink(suggestion.mention, suggestion.url, length);
        editor.insertText(' ');
      } else {
        editor.insertText(`${suggestion.mention} `, length);
      }
    },
  };
}
