// @mention autocomplete for a composer: typing "@" and a few letters asks the network's
// user directory (rse.users.search) and offers a keyboard-navigable list; ArrowUp/Down
// move, Enter or Tab insert the network's mention syntax, Escape closes. The editor is
// reached through a MentionTextAdapter, so the same logic serves a textarea or a
// contenteditable editor. Answers to an older query never replace a newer one's.
import { computed, ref } from 'vue';
import type { RseUserSuggestion } from '../../../shared/requests/rse';
import type { MentionTextAdapter } from './mention-adapters';

/** "@" at the start or after a space or bracket, then letters, digits, ".", "_" or "-". */
const TRIGGER = /(?:^|[\s([{])@([\p{L}\p{N}._-]{1,40})$/u;
const DEBOUNCE_MS = 120;
let instances = 0;

export interface MentionAutocompleteOptions {
  adapter: () => MentionTextAdapter | null;
  /** The users whose name starts with `query`; null when mentions do not apply here. */
  search: (query: string) => Promise<RseUserSuggestion[]> | null;
}

/** The "@query" before the caret, if the caret is right after one. */
export function mentionQuery(textBeforeCaret: string | null): string | null {
  const match = textBeforeCaret === null ? null : TRIGGER.exec(textBeforeCaret);
  return match ? match[1]! : null;
}

export function useMentionAutocomplete(options: MentionAutocompleteOptions) {
  const listId = `mention-suggestions-${++instances}`;
  const items = ref<RseUserSuggestion[]>([]);
  const activeIndex = ref(0);
  const query = ref<string | null>(null);
  const open = computed(() => query.value !== null && items.value.length > 0);
  const activeId = computed(() => (open.value ? `${listId}-${activeIndex.value}` : undefined));
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function close() {
    clearTimeout(timer);
    asked++;
    query.value = null;
    items.value = [];
    activeIndex.value = 0;
  }

  async function lookUp(wanted: string, ticket: number) {
    try {
      const found = (await options.search(wanted)) ?? [];
      if (ticket !== asked) return;
      items.value = found;
      activeIndex.value = 0;
    } catch {
      // A directory that fails leaves plain typing alone: no list, no error in the way.
      if (ticket === asked) items.value = [];
    }
  }

  /** Call on every input and caret move of the editor. */
  function update() {
    const wanted = mentionQuery(options.adapter()?.textBeforeCaret() ?? null);
    if (wanted === null) return close();
    if (wanted === query.value) return;
    query.value = wanted;
    clearTimeout(timer);
    const ticket = ++asked;
    timer = setTimeout(() => void lookUp(wanted, ticket), DEBOUNCE_MS);
  }

  function choose(index: number) {
    const suggestion = items.value[index];
    const adapter = options.adapter();
    if (!suggestion || !adapter || query.value === null) return close();
    adapter.insertMention(query.value.length + 1, suggestion);
    close();
  }

  /** The editor's keydown; returns true when the list used the key. */
  function onKeydown(event: KeyboardEvent): boolean {
    if (!open.value || event.ctrlKey || event.metaKey || event.altKey) return false;
    const count = items.value.length;
    if (event.key === 'ArrowDown') activeIndex.value = (activeIndex.value + 1) % count;
    else if (event.key === 'ArrowUp') activeIndex.value = (activeIndex.value - 1 + count) % count;
    else if (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey))
      choose(activeIndex.value);
    else if (event.key === 'Escape') close();
    else return false;
    event.preventDefault();
    // Escape must close the list, not the composer around it.
    event.stopPropagation();
    return true;
  }

  return { listId, items, activeIndex, activeId, open, query, update, choose, close, onKeydown };
}

export type MentionAutocomplete = ReturnType<typeof useMentionAutocomplete>;
