// The forwarded post's date reads as a date in the reader's language and time zone, in
// both parts of the message, never as the raw ISO string the network gave us.
import { describe, expect, it } from 'vitest';
import type { RseItemRow } from '../db/rse-items';
import { formatPostDate, forwardPostDraft } from './compose-forward';

const post: RseItemRow = {
  id: 7,
  account_id: 'wp',
  kind: 'post',
  remote_id: '42',
  space_remote_id: null,
  post_id: null,
  parent_remote_id: null,
  author_name: 'Bob',
  author_avatar_url: null,
  title: 'Launch',
  body_html: '<p>We ship on Monday.</p>',
  // 23:30 UTC: the next day in Paris, the same day in New York.
  created_at: '2026-03-03T23:30:00.000Z',
  edited_at: null,
  permalink: 'https://wp.example.test/?p=42',
  read: 0,
  mentions_me: 0,
  deleted: 0,
};

describe('the forwarded post date', () => {
  it('is written in French for a French reader, in their time zone', () => {
    const draft = forwardPostDraft('acc', post, null, {
      locale: 'fr-FR',
      timeZone: 'Europe/Paris',
    });
    // The labels are French too, with the French colon.
    expect(draft.text).toContain('---------- Publication transférée ----------');
    expect(draft.text).toContain('Titre\u202f: Launch');
    const label = 'Date\u202f: ';
    const line = draft.text.split('\n').find((l) => l.startsWith(label));
    expect(line).toMatch(/^Date\u202f: mercredi 4 mars 2026 (à )?00:30$/);
    expect(draft.html).toContain(line!.slice(label.length));
    expect(draft.text).not.toContain('2026-03-03T23:30');
    expect(draft.html).not.toContain('2026-03-03T23:30');
  });

  it('is written in English for an English reader, in their time zone', () => {
    const text = formatPostDate(post.created_at, { locale: 'en-US', timeZone: 'America/New_York' });
    expect(text).toMatch(/^Tuesday, March 3, 2026( at|,) 6:30\sPM$/);
  });

  it('falls back to English and UTC when the window sends nothing usable', () => {
    expect(formatPostDate(post.created_at)).toMatch(/^Tuesday, March 3, 2026( at|,) 11:30\sPM$/);
    expect(formatPostDate(post.created_at, { locale: 'fr', timeZone: 'Mars/Olympus' })).toMatch(
      /^mardi 3 mars 2026 (à )?23:30$/,
    );
    expect(formatPostDate('not a date')).toBe('not a date');
  });
});
