import { describe, expect, it } from 'vitest';
import { carriesMarker, replyCandidates, withHiddenMarker } from './markers';

const KEY = 'passerelleconversion0123456789abcdef';

describe('Discourse markers', () => {
  it('appends the marker as an HTML comment and recognises only that exact marker', () => {
    const raw = withHiddenMarker('Minutes.', `${KEY}part00001`);
    expect(raw).toBe(`Minutes.\n\n<!-- ${KEY}part00001 -->`);
    expect(carriesMarker(raw, `${KEY}part00001`)).toBe(true);
    expect(carriesMarker(raw, KEY)).toBe(false); // a prefix is not the marker
    expect(carriesMarker(`Minutes. ${KEY}part00001`, `${KEY}part00001`)).toBe(false);
    expect(withHiddenMarker('Minutes.', undefined)).toBe('Minutes.');
  });

  it('reads replies newest first, skipping the opening post and others’ known posts', () => {
    const topic = {
      id: 3,
      post_stream: {
        stream: [10, 11, 12, 13],
        posts: [
          { id: 12, yours: false },
          { id: 13, yours: true },
        ] as never[],
      },
    };
    expect(replyCandidates(topic)).toEqual([13, 11]);
    expect(replyCandidates({ id: 3 })).toEqual([]);
    const long = { id: 3, post_stream: { stream: Array.from({ length: 150 }, (_, i) => i + 1) } };
    expect(replyCandidates(long)).toHaveLength(100);
    expect(replyCandidates(long)[0]).toBe(150);
  });
});
