import { describe, expect, it } from 'vitest';
import { planFollowUp } from './follow';
import { withLimits } from './presets';
import { replyChain } from './test-threads.fixture';

const at = '2025-03-05T08:00:00Z';

describe('planFollowUp (follow mode)', () => {
  it('makes one comment of a later email: its new text only, no title, no conversion footer', () => {
    const result = planFollowUp({
      messages: [replyChain[1]!],
      limits: withLimits('wordpress'),
      convertedBy: 'alice@acme.example',
      convertedAt: at,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.parts).toHaveLength(1);
    const [comment] = result.parts;
    expect(comment!.body).toContain('Thursday works for me.');
    expect(comment!.body).toContain('Bob Durand');
    expect(comment!.body).toContain('Added from the email thread by');
    expect(comment!.body).not.toContain('Converted from an email thread');
    expect(comment!.body).not.toContain('Participants:');
    // The quote is folded away, not shown as new text.
    const visible = comment!.body.replace(/<details[\s\S]*?<\/details>/gu, '');
    expect(visible).not.toContain('Can we move the budget review');
  });

  it('splits new emails longer than a comment may be into several comments', () => {
    const long = {
      ...replyChain[1]!,
      text: Array.from({ length: 40 }, (_, i) => `Point ${i}: ${'numbers '.repeat(30)}`).join(
        '\n\n',
      ),
    };
    const result = planFollowUp({
      messages: [long],
      limits: withLimits('mastodon', { threads: true }),
      convertedBy: 'alice@acme.example',
      convertedAt: at,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.parts.length).toBeGreaterThan(1);
    for (const part of result.parts) expect([...part.body].length).toBeLessThanOrEqual(500);
    const all = result.parts.map((p) => p.body).join('\n');
    for (let i = 0; i < 40; i++) expect(all).toContain(`Point ${i}:`);
  });

  it('links the new email’s files where the network uploads them, and names them elsewhere', () => {
    const withFile = {
      ...replyChain[1]!,
      attachments: [
        {
          partId: '2',
          filename: 'minutes.pdf',
          contentType: 'application/pdf',
          size: 1000,
          contentId: null,
          inline: false,
        },
      ],
    };
    const input = { messages: [withFile], convertedBy: 'a@x', convertedAt: at };
    const linked = planFollowUp({ ...input, limits: withLimits('wordpress') });
    if (!linked.ok) throw new Error('expected a plan');
    expect(linked.uploads.map((u) => u.filename)).toEqual(['minutes.pdf']);
    expect(linked.parts[0]!.body).toContain('cid:');
    const native = planFollowUp({ ...input, limits: withLimits('mattermost') });
    if (!native.ok) throw new Error('expected a plan');
    expect(native.uploads).toEqual([]);
    expect(native.warnings.join(' ')).toMatch(/not attached/u);
  });

  it('refuses nothing to add', () => {
    const result = planFollowUp({
      messages: [],
      limits: withLimits('zulip'),
      convertedBy: 'a@x',
      convertedAt: at,
    });
    expect(result.ok).toBe(false);
  });
});
