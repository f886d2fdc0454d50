import { describe, expect, it } from 'vitest';
import type { NewComment, RemoteItem, RseConnector } from '../rse/connector';
import { followMarker, partMarker, replyOnce, withMarker } from './convert-steps';

const KEY = 'passerelleconversion0123456789abcdef';

describe('conversion markers', () => {
  it('keeps the root marker and gives every reply its own, none a prefix of another', () => {
    const markers = Array.from({ length: 120 }, (_, i) => partMarker(KEY, i));
    expect(markers[0]).toBe(KEY);
    expect(new Set(markers).size).toBe(120);
    for (const a of markers.slice(1)) {
      for (const b of markers.slice(1)) if (a !== b) expect(b.startsWith(a)).toBe(false);
      // Letters and digits only: WordPress' search splits words on punctuation.
      expect(a).toMatch(/^[a-z0-9]+$/u);
    }
  });

  it('derives a follow-up comment’s marker from the email, the same on every replay', () => {
    const a = followMarker(KEY, '<late@example.test>', 0);
    expect(a).toBe(followMarker(KEY, '<late@example.test>', 0));
    expect(a).not.toBe(followMarker(KEY, '<later@example.test>', 0));
    expect(a).not.toBe(followMarker(KEY, '<late@example.test>', 1));
    expect(a).toMatch(/^[a-z0-9]+$/u);
  });

  it('hides the marker in an HTML comment where the network keeps them, only there', () => {
    expect(withMarker('<p>Hi</p>', 'html', KEY)).toBe(`<p>Hi</p>\n<!-- ${KEY} -->`);
    expect(withMarker('Hi', 'markdown', KEY)).toBe('Hi');
  });
});

describe('replying once', () => {
  const item = (remoteId: string): RemoteItem => ({
    kind: 'comment',
    remoteId,
    spaceRemoteId: null,
    postRemoteId: 'p1',
    parentRemoteId: null,
    author: { name: 'Ada' },
    title: null,
    bodyHtml: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    editedAt: null,
    permalink: null,
    mentionsMe: false,
  });
  /** A network that remembers the comments made, by marker. */
  function network() {
    const made: NewComment[] = [];
    const rse = {
      findCommentByMarker: async (_post: string, marker: string, expected?: NewComment) => {
        expect(expected?.marker).toBe(marker);
        const i = made.findIndex((c) => c.marker === marker);
        return i < 0 ? null : item(`c${i}`);
      },
      createComment: async (comment: NewComment) => {
        made.push(comment);
        return item(`c${made.length - 1}`);
      },
    } as unknown as RseConnector;
    return { rse, made };
  }

  it('attaches the part’s files when it creates the comment, and reads them only then', async () => {
    const { rse, made } = network();
    let reads = 0;
    const files = async () => {
      reads++;
      return [{ filename: 'a.pdf', contentType: 'application/pdf', data: new Uint8Array([1]) }];
    };
    const part = {
      postRemoteId: 'p1',
      body: 'Hi',
      format: 'markdown' as const,
      marker: KEY,
      files,
    };
    expect((await replyOnce(rse, part)).remoteId).toBe('c0');
    expect(made[0]?.attachments?.map((f) => f.filename)).toEqual(['a.pdf']);
    expect((await replyOnce(rse, part)).remoteId).toBe('c0');
    expect(made).toHaveLength(1);
    expect(reads).toBe(1);
  });

  it('sends no attachments field for a part without files', async () => {
    const { rse, made } = network();
    await replyOnce(rse, { postRemoteId: 'p1', body: 'Hi', format: 'markdown', marker: KEY });
    expect(made[0]).not.toHaveProperty('attachments');
  });
});
