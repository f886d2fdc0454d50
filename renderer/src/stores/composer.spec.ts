// The composer never drops typing: a save still held by the debounce is flushed when
// the composer resets for another message, closes, sends, or the window goes away, and
// what it saves is the message that was typed, under that message's draft id.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../shared/domain';
import type { Draft, SaveDraftParams } from '../../../shared/requests/compose';
import type { TaskInfo } from '../../../shared/requests/mail-actions';
import { setClient } from '../api/client';
import { SAVE_DEBOUNCE_MS, useComposerStore } from './composer';
import { fakeClient, type FakeClient } from './fake-client';

let client: FakeClient;
let saved: SaveDraftParams[];
let nextId: number;

function draftOf(params: SaveDraftParams, id: string): Draft {
  return {
    id,
    accountId: params.accountId,
    to: params.to ?? [],
    cc: params.cc ?? [],
    bcc: params.bcc ?? [],
    subject: params.subject ?? '',
    text: params.text ?? '',
    html: params.html ?? null,
    inReplyTo: params.inReplyTo ?? null,
    references: params.references ?? [],
    attachments: [],
    sendTaskId: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  saved = [];
  nextId = 1;
  client = fakeClient({
    'drafts.save': async (params) => {
      saved.push(params);
      return draftOf(params, params.id ?? String(nextId++));
    },
    'drafts.send': async ({ id }) => ({ id: `task-${id}`, kind: 'send' }) as TaskInfo,
  });
  setClient(client);
  setActivePinia(createPinia());
});

afterEach(() => vi.useRealTimers());

/** Typing into the composer as the panel does: change the state, then signal it. */
function type(composer: ReturnType<typeof useComposerStore>, subject: string) {
  composer.subject = subject;
  composer.body = subject;
  composer.bodyHtml = `<p>${subject}</p>`;
  composer.changed();
}

describe('the composer keeps every keystroke', () => {
  it('saves typing held by the debounce when another message is opened', async () => {
    const composer = useComposerStore();
    await composer.openNew('acc');
    type(composer, 'first message, last words');
    // Before the debounce fires, the user starts another message.
    await composer.openNew('acc');
    await vi.runAllTimersAsync();
    expect(saved.map((s) => s.subject)).toEqual(['first message, last words']);
    expect(saved[0]!.html).toBe('<p>first message, last words</p>');
    // The new message is not confused with the old draft.
    expect(composer.draftId).toBeNull();
    type(composer, 'second');
    await composer.saveNow();
    expect(saved.at(-1)).toMatchObject({ subject: 'second' });
    expect(saved.at(-1)!.id).toBeUndefined();
  });

  it('keeps saving one message under its own id across a reset', async () => {
    const composer = useComposerStore();
    await composer.openNew('acc');
    type(composer, 'v1');
    await composer.saveNow();
    type(composer, 'v2');
    await composer.openNew('acc');
    await vi.runAllTimersAsync();
    expect(saved.map((s) => [s.id, s.subject])).toEqual([
      [undefined, 'v1'],
      ['1', 'v2'],
    ]);
  });

  it('flushes on close, on send and when the window goes away', async () => {
    const composer = useComposerStore();
    await composer.openNew('acc');
    type(composer, 'closing');
    await composer.close();
    expect(saved.at(-1)).toMatchObject({ subject: 'closing' });

    await composer.openNew('acc');
    composer.to = ['bob@example.test'];
    type(composer, 'sending');
    await composer.send();
    const sendAt = client.calls.findIndex((c) => c.name === 'drafts.send');
    const lastSave = client.calls.findLastIndex((c) => c.name === 'drafts.save');
    expect(lastSave).toBeLessThan(sendAt);
    expect(saved.at(-1)).toMatchObject({ subject: 'sending' });

    await composer.openNew('acc');
    type(composer, 'window closing');
    await composer.flushPendingSave();
    expect(saved.at(-1)).toMatchObject({ subject: 'window closing' });
    // Nothing is saved twice once the debounce would have fired.
    const count = saved.length;
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS * 2);
    expect(saved.length).toBe(count);
  });

  it('refuses a send-later time already past, which would send at once without undo', async () => {
    const composer = useComposerStore();
    await composer.openNew('acc');
    composer.to = ['bob@example.test'];
    type(composer, 'meant for tomorrow');
    await composer.send(new Date(Date.now() - 3_600_000));
    expect(composer.error).toBe('That time has passed: choose a later one.');
    expect(composer.open).toBe(true);
    expect(client.calls.some((c) => c.name === 'drafts.send')).toBe(false);
    // The current minute is not "past": the picker rounds to it.
    await composer.send(new Date(Date.now() - 30_000));
    expect(client.calls.filter((c) => c.name === 'drafts.send')).toHaveLength(1);
  });

  it('does not resurrect a discarded draft with a late save', async () => {
    const composer = useComposerStore();
    client.handlers['drafts.remove'] = async () => null;
    await composer.openNew('acc');
    type(composer, 'to throw away');
    await composer.saveNow();
    type(composer, 'to throw away, more');
    await composer.discard();
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS * 2);
    expect(saved.map((s) => s.subject)).toEqual(['to throw away']);
    expect(client.calls.at(-1)).toMatchObject({ name: 'drafts.remove', params: { id: '1' } });
  });
});

describe('the account a new message goes from', () => {
  const work: Account = {
    id: 'work',
    name: 'Work',
    kind: 'imap',
    imap: { host: 'imap.example.org', port: 993, tls: 'tls', user: 'me@example.org' },
    status: { kind: 'idle' },
    createdAt: '2025-01-01T00:00:00.000Z',
  };

  it('is the first mail account even when the composer opens before the list arrives', async () => {
    let answer: (accounts: Account[]) => void = () => undefined;
    client.handlers['accounts.list'] = () => new Promise((resolve) => (answer = resolve));
    const composer = useComposerStore();
    // Ctrl+N right after start: the app has asked for its accounts, not heard back yet.
    const opening = composer.openNew();
    composer.to = ['bob@example.test'];
    type(composer, 'written at once');
    const sending = composer.send(new Date(Date.now() + 60_000));
    await vi.advanceTimersByTimeAsync(10);
    expect(saved).toEqual([]);
    answer([work]);
    await Promise.all([opening, sending]);
    expect(composer.accountId).toBe('work');
    expect(saved.map((s) => [s.accountId, s.subject])).toEqual([['work', 'written at once']]);
    expect(client.calls.filter((c) => c.name === 'drafts.send')).toHaveLength(1);
    expect(composer.open).toBe(false);
  });

  it('is missing when there is no mail account: the composer says so and stays open', async () => {
    client.handlers['accounts.list'] = async () => [];
    const composer = useComposerStore();
    await composer.openNew();
    composer.to = ['bob@example.test'];
    type(composer, 'nowhere to send from');
    await composer.send();
    expect(composer.error).toBe('Add a mail account to write email.');
    expect(composer.open).toBe(true);
    expect(saved).toEqual([]);
    expect(client.calls.some((c) => c.name === 'drafts.send')).toBe(false);
  });
});
