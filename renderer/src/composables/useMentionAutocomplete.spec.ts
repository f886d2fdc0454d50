import { describe, expect, it, vi } from 'vitest';
import type { RseUserSuggestion } from '../../../shared/requests/rse';
import { caretEditorAdapter } from './mention-adapters';
import { mentionQuery, useMentionAutocomplete } from './useMentionAutocomplete';

const grace: RseUserSuggestion = {
  id: '2',
  handle: 'grace',
  displayName: 'Grace Hopper',
  mention: '@grace_h',
};
const zulip: RseUserSuggestion = { ...grace, mention: '@**Grace Hopper|2**' };
const wordpress: RseUserSuggestion = {
  ...grace,
  mention: 'Grace Hopper',
  url: 'https://i.test/?author=2',
};

/** A stand-in editor: one line of text with the caret at its end. */
function editor(initial: string, canLink = false) {
  const state = { text: initial };
  const cut = (before: number) => state.text.slice(0, state.text.length - before);
  const adapter = caretEditorAdapter({
    getTextBeforeCaret: () => state.text,
    insertText: (inserted, before = 0) => (state.text = cut(before) + inserted),
    ...(canLink
      ? {
          insertLink: (label: string, href: string, before = 0) =>
            (state.text = `${cut(before)}<a href="${href}">${label}</a>`),
        }
      : {}),
  });
  return { state, adapter };
}

function keydown(key: string) {
  const event = { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
  const calls = { prevented: 0, stopped: 0 };
  const e = Object.assign(event, {
    preventDefault: () => calls.prevented++,
    stopPropagation: () => calls.stopped++,
  }) as unknown as KeyboardEvent;
  return { e, calls };
}

describe('mention autocomplete', () => {
  it('opens only right after "@" and letters at a word start', () => {
    expect(mentionQuery('Thanks @gra')).toBe('gra');
    expect(mentionQuery('@Zoë')).toBe('Zoë');
    expect(mentionQuery('mail me at ada@example')).toBeNull();
    expect(mentionQuery('Thanks @gra ')).toBeNull();
    expect(mentionQuery('Thanks @')).toBeNull();
    expect(mentionQuery(null)).toBeNull();
  });

  it('inserts the network syntax as typed, and links a credit where the editor can', () => {
    const plain = editor('Hi @gr');
    plain.adapter.insertMention(3, zulip);
    expect(plain.state.text).toBe('Hi @**Grace Hopper|2** ');
    plain.state.text = 'Hi @gr';
    plain.adapter.insertMention(3, wordpress);
    expect(plain.state.text).toBe('Hi Grace Hopper ');
    const linking = editor('Hi @gr', true);
    linking.adapter.insertMention(3, wordpress);
    expect(linking.state.text).toBe('Hi <a href="https://i.test/?author=2">Grace Hopper</a> ');
  });

  it('navigates with the arrows, inserts with Enter, and keeps only the newest answer', async () => {
    vi.useFakeTimers();
    const { state, adapter } = editor('Thanks @g');
    const search = vi.fn(async (q: string) => (q === 'gr' ? [wordpress, grace] : [zulip]));
    const m = useMentionAutocomplete({ adapter: () => adapter, search });
    m.update();
    state.text = 'Thanks @gr';
    m.update();
    await vi.runAllTimersAsync();
    expect(search.mock.calls).toEqual([['gr']]); // debounced: "g" was never asked
    expect(m.open.value).toBe(true);
    expect(m.activeId.value).toBe(`${m.listId}-0`);
    expect(m.onKeydown(keydown('ArrowDown').e)).toBe(true);
    expect(m.onKeydown(keydown('ArrowDown').e)).toBe(true); // wraps around
    expect(m.onKeydown(keydown('ArrowUp').e)).toBe(true);
    expect(m.activeIndex.value).toBe(1);
    const enter = keydown('Enter');
    expect(m.onKeydown(enter.e)).toBe(true);
    expect(enter.calls).toEqual({ prevented: 1, stopped: 1 });
    expect(state.text).toBe('Thanks @grace_h ');
    expect(m.open.value).toBe(false);
    expect(m.onKeydown(keydown('Enter').e)).toBe(false); // a closed list leaves Enter alone
    vi.useRealTimers();
  });

  it('closes on Escape without letting the composer see it, and ignores failures', async () => {
    vi.useFakeTimers();
    const { state, adapter } = editor('@gr');
    let fail = false;
    const m = useMentionAutocomplete({
      adapter: () => adapter,
      search: async () => {
        if (fail) throw new Error('directory down');
        return [grace];
      },
    });
    m.update();
    await vi.runAllTimersAsync();
    const escape = keydown('Escape');
    expect(m.onKeydown(escape.e)).toBe(true);
    expect(escape.calls.stopped).toBe(1);
    expect(m.open.value).toBe(false);
    expect(state.text).toBe('@gr');
    fail = true;
    state.text = '@gra';
    m.update();
    await vi.runAllTimersAsync();
    expect(m.open.value).toBe(false);
    vi.useRealTimers();
  });
});
