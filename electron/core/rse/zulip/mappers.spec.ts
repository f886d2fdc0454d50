// Payloads shaped like the message and subscription examples of Zulip's OpenAPI spec.
import { describe, expect, it } from 'vitest';
import {
  encodeHashComponent,
  isStreamMessage,
  mapMessage,
  mapSubscription,
  mapUser,
  topicKey,
  type ZulipMessage,
} from './mappers';

const message = (extra: Partial<ZulipMessage> = {}): ZulipMessage => ({
  id: 21,
  type: 'stream',
  stream_id: 5,
  display_recipient: 'Verona',
  subject: 'Release 1.0 (draft)',
  content: '<p>Wait, is this from the frontend js code or backend python code</p>',
  timestamp: 1527939746,
  sender_full_name: 'King Hamlet',
  avatar_url: 'https://secure.gravatar.com/avatar/6d8c?d=identicon&version=1',
  flags: ['read'],
  ...extra,
});

const observed = '2026-02-01T00:00:00.000Z';

describe('Zulip mappers', () => {
  it('maps the first message of a topic as a post titled with the topic', () => {
    expect(mapMessage(message(), 21, 'https://chat.example', observed)).toEqual({
      kind: 'post',
      remoteId: '21',
      spaceRemoteId: '5',
      postRemoteId: null,
      parentRemoteId: null,
      author: {
        name: 'King Hamlet',
        avatarUrl: 'https://secure.gravatar.com/avatar/6d8c?d=identicon&version=1',
      },
      title: 'Release 1.0 (draft)',
      bodyHtml: '<p>Wait, is this from the frontend js code or backend python code</p>',
      createdAt: '2018-06-02T11:42:26.000Z',
      editedAt: null,
      permalink:
        'https://chat.example/#narrow/stream/5-Verona/topic/Release.201.2E0.20.28draft.29/near/21',
      mentionsMe: false,
    });
  });

  it('maps later messages as comments on the first, with edits and mentions', () => {
    const item = mapMessage(
      message({ id: 30, last_edit_timestamp: 1527940000, flags: ['read', 'mentioned'] }),
      21,
      'https://chat.example',
      observed,
    );
    expect(item).toMatchObject({
      kind: 'comment',
      postRemoteId: '21',
      title: null,
      editedAt: '2018-06-02T11:46:40.000Z',
      mentionsMe: true,
    });
    expect(
      mapMessage(message({ flags: ['topic_wildcard_mentioned'] }), 21, '', observed).mentionsMe,
    ).toBe(true);
  });

  it('leaves direct messages out of spaces', () => {
    expect(
      isStreamMessage(message({ type: 'private', stream_id: undefined, display_recipient: [] })),
    ).toBe(false);
    expect(isStreamMessage(message())).toBe(true);
  });

  it('encodes narrow URLs the way Zulip does and keys topics case-insensitively', () => {
    expect(encodeHashComponent('a.b (c)%')).toBe('a.2Eb.20.28c.29.25');
    expect(topicKey(5, 'Lunch')).toBe(topicKey('5', 'lunch'));
  });

  it('maps users and subscriptions', () => {
    expect(
      mapUser({ user_id: 5, full_name: 'Iago', email: 'iago@zulip.com', avatar_url: null }),
    ).toEqual({
      remoteId: '5',
      name: 'Iago',
      handle: 'Iago',
    });
    expect(mapSubscription({ stream_id: 1, name: 'Denmark', description: '' })).toEqual({
      remoteId: '1',
      name: 'Denmark',
    });
  });
});
