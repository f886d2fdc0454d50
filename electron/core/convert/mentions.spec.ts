import { describe, expect, it } from 'vitest';
import type { DirectoryUser, PersonRef } from '../rse/connector';
import { participantMentions, participantsOf } from './mentions';
import { planConversion } from './plan';
import { withLimits } from './presets';
import type { ThreadMessageInput } from './types';

const messages: ThreadMessageInput[] = [
  {
    messageId: '<1@x>',
    from: { name: 'Ada Lovelace', address: 'ADA@x.test' },
    date: '2026-03-02T09:00:00Z',
    text: 'Hi',
  },
  {
    messageId: '<2@x>',
    from: { name: 'Bob', address: 'bob@x.test' },
    date: '2026-03-02T10:00:00Z',
    text: 'Yes',
  },
  { messageId: '<3@x>', from: { address: 'ada@x.test' }, date: '2026-03-02T11:00:00Z', text: 'Ok' },
];
const ada: DirectoryUser = {
  remoteId: '12',
  handle: 'ada_l',
  displayName: 'Ada Lovelace',
  profileUrl: 'https://intranet.test/author/ada/',
};
const findAda = async (people: PersonRef[]) =>
  new Map(people.filter((p) => p.email === 'ada@x.test').map((p) => [p.email, ada]));

function plan(network: Parameters<typeof withLimits>[0], extra: object) {
  const result = planConversion({
    subject: 'Launch',
    messages,
    limits: withLimits(network),
    convertedBy: 'me',
    convertedAt: '2026-03-03T00:00:00Z',
    mailbox: 'me@x.test — INBOX',
    backLink: 'mid:1%40x',
    ...extra,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plan.parts[0]!.body;
}

describe('participant mentions', () => {
  it('lists each sender once, by lower-case address, with the first name given', () => {
    expect(participantsOf(messages)).toEqual([
      { email: 'ada@x.test', name: 'Ada Lovelace' },
      { email: 'bob@x.test', name: 'Bob' },
    ]);
  });

  it('mentions users with the network syntax in the planned post', async () => {
    const mattermost = await participantMentions('mattermost', messages, findAda);
    expect(mattermost).toEqual({ mentions: { 'ada@x.test': '@ada_l' }, profileLinks: {} });
    expect(plan('mattermost', mattermost)).toContain('Participants: Ada Lovelace (@ada_l), Bob');

    const zulip = await participantMentions('zulip', messages, findAda);
    expect(plan('zulip', zulip)).toContain('Ada Lovelace (@**Ada Lovelace|12**), Bob');
  });

  it('links the name to the author page on WordPress, which has no mentions', async () => {
    const wordpress = await participantMentions('wordpress', messages, findAda);
    expect(wordpress).toEqual({
      mentions: {},
      profileLinks: { 'ada@x.test': 'https://intranet.test/author/ada/' },
    });
    expect(plan('wordpress', wordpress)).toContain(
      'Participants: <a href="https://intranet.test/author/ada/">Ada Lovelace</a>, Bob',
    );
  });

  it('credits by name only when the directory fails or does not answer', async () => {
    const failures: unknown[] = [];
    const failing = await participantMentions(
      'mattermost',
      messages,
      () => Promise.reject(new Error('boom')),
      (e) => failures.push(e),
    );
    expect(failing).toEqual({ mentions: {}, profileLinks: {} });
    const silent = await participantMentions(
      'mattermost',
      messages,
      () => new Promise(() => undefined),
      (e) => failures.push(e),
      20,
    );
    expect(silent).toEqual({ mentions: {}, profileLinks: {} });
    expect(failures.map(String)).toEqual([
      'Error: boom',
      'Error: the user directory did not answer in time',
    ]);
    expect(plan('mattermost', silent)).toContain('Participants: Ada Lovelace, Bob');
  });
});
