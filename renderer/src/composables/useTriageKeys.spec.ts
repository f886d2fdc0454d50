import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { setClient } from '../api/client';
import { fakeClient, type FakeClient } from '../stores/fake-client';
import '../stores/convert';
import { useComposerStore } from '../stores/composer';
import { useReaderStore } from '../stores/reader';
import { composeBindings } from './useComposeKeys';
import { findBinding, registerTriageKeys, triageBindings } from './useTriageKeys';

const press = (key: string, mods: { shift?: boolean; ctrl?: boolean; meta?: boolean } = {}) => ({
  key,
  shiftKey: !!mods.shift,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
});

let client: FakeClient;

beforeEach(() => {
  client = fakeClient({
    'mail.replyDraft': ({ mode }) => ({
      accountId: 'a1',
      to: ['bob@example.test'],
      cc: [],
      subject: `${mode} subject`,
      text: '',
      inReplyTo: '<m1@example.test>',
      references: [],
    }),
    'drafts.save': () => ({ id: 'd1' }) as never,
  });
  setClient(client, client);
  setActivePinia(createPinia());
});

describe('the triage key table', () => {
  it('holds the compose and convert keys once each, with no key bound twice', () => {
    const bindings = triageBindings();
    const labels = bindings.map((b) => b.label);
    for (const label of ['r', 'a', 'f', 'Ctrl/⌘+N', 'Ctrl/⌘+⇧N', 'c', 'Shift+c']) {
      expect(labels.filter((l) => l === label)).toHaveLength(1);
    }
    const keys = bindings.flatMap((b) => b.keys.map((k) => `${b.mod ? 'mod+' : ''}${k}`));
    expect(new Set(keys).size).toBe(keys.length);
    // Registering again (a hot reload) replaces rather than duplicates.
    registerTriageKeys(...composeBindings);
    expect(triageBindings()).toHaveLength(bindings.length);
  });

  it('tells plain keys from Ctrl/Cmd keys, and Ctrl+N from Ctrl+Shift+N', () => {
    const bindings = triageBindings();
    expect(findBinding(bindings, press('c'))?.description).toMatch(/usual space/);
    expect(findBinding(bindings, press('C', { shift: true }))?.description).toBe('Post to…');
    expect(findBinding(bindings, press('n', { ctrl: true }))?.description).toBe('New message');
    expect(findBinding(bindings, press('n', { meta: true }))?.description).toBe('New message');
    expect(findBinding(bindings, press('N', { ctrl: true, shift: true }))?.description).toBe(
      'New post',
    );
    // Caps Lock: the key arrives uppercase without Shift, still a new message.
    expect(findBinding(bindings, press('N', { ctrl: true }))?.description).toBe('New message');
    expect(findBinding(bindings, press('n'))).toBeUndefined();
    expect(findBinding(bindings, press('r', { ctrl: true }))).toBeUndefined();
  });

  it('r answers the open thread’s last message, and leaves an open composer alone', async () => {
    const reader = useReaderStore();
    const composer = useComposerStore();
    reader.$patch({
      threadId: 't1',
      thread: {
        id: 't1',
        accountId: 'a1',
        subject: 'Plan',
        messages: [{ id: 'm1' }, { id: 'm2' }] as never,
      },
    });
    const reply = findBinding(triageBindings(), press('r'))!;
    reply.run();
    await expect.poll(() => composer.subject).toBe('reply subject');
    expect(composer.open).toBe(true);
    expect(client.calls[0]).toEqual({
      name: 'mail.replyDraft',
      // With the writer's language and zone, for the attribution line.
      params: { messageId: 'm2', mode: 'reply', locale: 'en', timeZone: expect.any(String) },
    });
    composer.subject = 'typing…';
    findBinding(triageBindings(), press('a'))!.run();
    await new Promise((r) => setTimeout(r, 10));
    expect(composer.subject).toBe('typing…');
  });
});
