import { describe, expect, it } from 'vitest';
import { findSent, isSentAs, type ZulipSourceMessage } from './reconcile';

const TEXT = '**Carol** · 2 March\n\nApproved.';

const message = (id: number, content: string, extra: Partial<ZulipSourceMessage> = {}) =>
  ({
    id,
    type: 'stream',
    stream_id: 5,
    display_recipient: 'Verona',
    subject: 'Budget',
    content,
    timestamp: 0,
    sender_full_name: 'Iago',
    sender_id: 5,
    ...extra,
  }) satisfies ZulipSourceMessage;

const query = { streamId: 5, topic: 'Budget', senderId: 5, text: TEXT, afterId: 10 };

describe('finding a Zulip part by its source', () => {
  it('matches the text as Zulip stores it, with or without file links after it', () => {
    expect(isSentAs(TEXT, `\n\n${TEXT}  \n`)).toBe(true);
    expect(isSentAs(`${TEXT}\n\n[a.pdf](/user_uploads/1/a.pdf)`, TEXT)).toBe(true);
    // A longer message that merely starts the same way is another message.
    expect(isSentAs(`${TEXT} And more.`, TEXT)).toBe(false);
    expect(isSentAs('', '')).toBe(false);
  });

  it('takes only this sender’s message, in the topic, after the post, the oldest first', () => {
    const messages = [
      message(14, TEXT),
      message(9, TEXT), // before the post
      message(12, TEXT, { sender_id: 8 }), // someone quoting it
      message(13, TEXT, { subject: 'Other' }),
      message(11, 'Approved.'),
      message(15, TEXT, { subject: 'budget' }), // Zulip topics ignore case
    ];
    expect(findSent(messages, query)?.id).toBe(14);
    expect(findSent(messages.slice(1, 5), query)).toBeUndefined();
    expect(findSent([message(15, TEXT, { subject: 'budget' })], query)?.id).toBe(15);
  });
});
