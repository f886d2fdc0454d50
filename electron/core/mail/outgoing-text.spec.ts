// The words Passerelle writes into mail for its user: the attribution line of a reply and
// the header of a forward, in the writer's language, with the date in their time zone.
import { describe, expect, it } from 'vitest';
import { replyDraft } from './smtp-compose';

const parent = {
  accountId: 'acc',
  messageId: '<p1@example.test>',
  references: [],
  subject: 'Budget',
  from: { name: 'Bob', address: 'bob@example.test' },
  to: [{ address: 'alice@example.test' }],
  cc: [],
  // 23:30 UTC: already the next day in Paris.
  date: '2026-03-03T23:30:00.000Z',
  text: 'Can we meet?',
};

describe('reply and forward text', () => {
  it('writes the attribution in English with a readable date by default', () => {
    const draft = replyDraft(parent, 'reply', 'alice@example.test');
    expect(draft.text).toMatch(
      /^\n\nOn Tuesday, March 3, 2026( at|,) 11:30\sPM, .*Bob.* wrote:\n> Can we meet\?/,
    );
    expect(draft.text).not.toContain('2026-03-03T23:30');
  });

  it('writes it in French, in the writer’s time zone, for a French writer', () => {
    const draft = replyDraft(parent, 'reply', 'alice@example.test', {
      locale: 'fr-FR',
      timeZone: 'Europe/Paris',
    });
    expect(draft.text).toMatch(
      /Le mercredi 4 mars 2026 (à )?00:30, .*Bob.* a écrit\u202f:\n> Can we meet\?/,
    );
  });

  it('labels a forwarded message’s header in the writer’s language', () => {
    const english = replyDraft(parent, 'forward', 'alice@example.test').text;
    expect(english).toContain('---------- Forwarded message ----------');
    expect(english).toMatch(/\nSubject: Budget\n/);
    const french = replyDraft(parent, 'forward', 'alice@example.test', { locale: 'fr' }).text;
    expect(french).toContain('---------- Message transféré ----------');
    expect(french).toMatch(/\nObjet\u202f: Budget\n/);
    expect(french).toMatch(/\nDate\u202f: mardi 3 mars 2026 (à )?23:30\n/);
  });
});
