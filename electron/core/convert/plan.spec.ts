import { describe, expect, it } from 'vitest';
import { rewriteCidReferences } from './cid';
import { lengthOf } from './markup';
import { planConversion } from './plan';
import { withLimits } from './presets';
import {
  htmlWithInlineImage,
  inputFor,
  outlookReply,
  plainForward,
  replyChain,
} from './test-threads.fixture';
import type { ConversionPlan, PlanResult, ThreadMessageInput } from './types';

function planOf(result: PlanResult): ConversionPlan {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.plan;
}

const FOOTER_MD =
  '---\n\n*Converted from an email thread by Alice Martin on 2025-03-08 09:00 UTC, from ' +
  'alice@acme.example — INBOX.* [Open the original thread](<passerelle://thread/t42>)';

describe('planConversion', () => {
  it('warns that a long subject was shortened, in English and as a text to translate', () => {
    const subject = `Budget review ${'and follow-up '.repeat(10)}`;
    const plan = planOf(planConversion(inputFor('zulip', replyChain, { subject })));
    expect(plan.warnings).toEqual(['The title was shortened to 60 characters.']);
    expect(plan.warningTexts).toEqual([{ key: 'convertTitleShortened', params: { max: 60 } }]);
  });

  it('turns a reply chain into one Mattermost post with only the new text', () => {
    const plan = planOf(planConversion(inputFor('mattermost', replyChain)));
    expect(plan.title).toBeNull();
    expect(plan.parts).toHaveLength(1);
    expect(plan.parts[0]!.body).toBe(
      [
        '**Budget review for Q2**',
        'Participants: Alice Martin, Bob Durand, Claire Petit',
        '**Alice Martin** · 2025-03-04 09:12 UTC',
        'Hi both,',
        'Can we move the budget review to Thursday 14:00?',
        'Alice',
        '> \\--\n> Alice Martin\n> Finance, ACME\n> +33 1 23 45 67 89',
        '**Bob Durand** · 2025-03-04 10:02 UTC',
        'Thursday works for me.',
        '> On Tue, 4 Mar 2025 at 10:12, Alice Martin <alice@acme.example> wrote:\n' +
          '> \\> Hi both,\n> \\>\n> \\> Can we move the budget review to Thursday 14:00?',
        '**Claire Petit** · 2025-03-04 11:30 UTC',
        'Parfait, je réserve la salle Lumière.',
        '> Envoyé de mon iPhone\n>\n' +
          '> Le mar. 4 mars 2025 à 11:02, Bob Durand <bob@acme.example> a écrit :\n' +
          '> \\> Thursday works for me.',
        FOOTER_MD,
      ].join('\n\n'),
    );
    expect(plan.messageIds).toEqual([
      '<m1@acme.example>',
      '<m2@acme.example>',
      '<m3@acme.example>',
    ]);
  });

  it('@-mentions participants whose address maps to a network user', () => {
    const mentions = { 'BOB@acme.example': 'bob.durand', 'claire@acme.example': '@claire' };
    const plan = planOf(planConversion(inputFor('mattermost', replyChain, { mentions })));
    expect(plan.parts[0]!.body).toContain(
      'Participants: Alice Martin, Bob Durand (@bob.durand), Claire Petit (@claire)',
    );
    expect(plan.participants.map((p) => p.handle)).toEqual([null, '@bob.durand', '@claire']);
  });

  it('folds Outlook quotes in <details> and keeps a forward whole on WordPress', () => {
    const plan = planOf(planConversion(inputFor('wordpress', [outlookReply, plainForward])));
    expect(plan.title).toBe('Budget review for Q2');
    const body = plan.parts[0]!.body;
    expect(body).toContain(
      '<p>Approved on my side.</p>\n<details><summary>Quoted text and signature</summary>\n' +
        '<p>From: Bob Durand <a href="mailto:bob@acme.example">bob@acme.example</a>',
    );
    expect(body).toContain('<p>Please find our 2025 prices below.<br>Widgets: 4.20 EUR</p>');
    expect(body).toContain(
      '<hr>\n<p><em>Converted from an email thread by Alice Martin on 2025-03-08 09:00 UTC, ' +
        'from alice@acme.example — INBOX.</em> <a href="passerelle://thread/t42">Open the original thread</a></p>',
    );
  });

  it('embeds inline cid: images of an HTML-only message and lists the other files', () => {
    const plan = planOf(planConversion(inputFor('wordpress', [htmlWithInlineImage])));
    const body = plan.parts[0]!.body;
    expect(body).toContain(
      '<p>Here is the <strong>Q1 chart</strong>:</p>\n<p><img src="cid:chart@acme" alt="Q1 chart"></p>\n' +
        '<p>Attachments: <a href="cid:attachment-1-2@passerelle">budget.pdf</a></p>\n' +
        '<details><summary>Quoted text and signature</summary>\n<p>On Thu, Alice wrote:</p>',
    );
    expect(body).not.toContain('color:red');
    expect(plan.uploads.map((u) => [u.ref, u.filename, u.inline, u.partId])).toEqual([
      ['chart@acme', 'chart.png', true, '2'],
      ['attachment-1-2@passerelle', 'budget.pdf', false, '3'],
    ]);
    const uploaded = new Map([
      ['chart@acme', 'https://wp.example/chart.png'],
      ['attachment-1-2@passerelle', 'https://wp.example/budget.pdf'],
    ]);
    const final = rewriteCidReferences(body, uploaded, plan.format);
    expect(final).toContain('<img src="https://wp.example/chart.png" alt="Q1 chart">');
    expect(final).toContain('<a href="https://wp.example/budget.pdf">budget.pdf</a>');
    expect(final).not.toContain('cid:');
  });

  it('puts a short thread in one plain-text Mastodon post, title first', () => {
    const plan = planOf(planConversion(inputFor('mastodon', [replyChain[1]!])));
    expect(plan.parts).toEqual([
      {
        body:
          'Budget review for Q2\n\nParticipants: Bob Durand\n\nBob Durand · 2025-03-04 10:02 UTC\n\n' +
          'Thursday works for me.\n\nConverted from an email thread by Alice Martin on ' +
          '2025-03-08 09:00 UTC, from alice@acme.example — INBOX. Original: passerelle://thread/t42',
        messageIndexes: [0],
      },
    ]);
  });

  it('refuses a thread too long for Mastodon and says what to change', () => {
    const result = planConversion(
      inputFor('mastodon', [...replyChain, outlookReply, plainForward]),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          code: 'too-long',
          message:
            'The post would be 749 characters; Mastodon accepts 500. Leave some messages out ' +
            'of the conversion, or post to a network that accepts longer posts.',
          // The same sentence for the window to translate (shared/core-text.ts).
          text: {
            key: 'convertTooLong',
            params: { length: 749, network: 'Mastodon', max: 500 },
          },
        },
      ],
    });
  });
});

function longMessage(n: number, paragraphs: number): ThreadMessageInput {
  const paragraph = `Point ${n}: ${'the quarterly figures need another look '.repeat(40).trim()}.`;
  return {
    messageId: `<long${n}@acme.example>`,
    from: { name: `Person ${n}`, address: `p${n}@acme.example` },
    date: `2025-03-1${n % 10}T10:00:00Z`,
    text: Array.from({ length: paragraphs }, () => paragraph).join('\n\n'),
  };
}

describe('splitting for networks with threads', () => {
  it('splits a thread too long for Mattermost into a root post and replies', () => {
    const messages = Array.from({ length: 12 }, (_, i) => longMessage(i, 3));
    const plan = planOf(planConversion(inputFor('mattermost', messages)));
    expect(plan.parts.length).toBeGreaterThan(1);
    for (const part of plan.parts) expect(lengthOf(part.body)).toBeLessThanOrEqual(16383);
    expect(
      plan.parts[0]!.body.startsWith('**Budget review for Q2**\n\nParticipants: Person 0'),
    ).toBe(true);
    expect(plan.parts[0]!.body.endsWith(FOOTER_MD)).toBe(true);
    // Split at message boundaries: each message lies in exactly one part, in order.
    expect(plan.parts.flatMap((p) => p.messageIndexes)).toEqual([...Array(12).keys()]);
    for (const part of plan.parts.slice(1)) expect(part.body).toMatch(/^\*\*Person \d+\*\* · /u);
  });

  it('cuts a single oversized message between paragraphs, marking the continuation', () => {
    const plan = planOf(planConversion(inputFor('zulip', [longMessage(1, 20)])));
    expect(plan.parts.length).toBe(4);
    for (const part of plan.parts) expect(lengthOf(part.body)).toBeLessThanOrEqual(10000);
    expect(
      plan.parts[1]!.body.startsWith('(continued) **Person 1** · 2025-03-11 10:00 UTC\n\nPoint 1:'),
    ).toBe(true);
    const text = plan.parts.map((p) => p.body).join('\n\n');
    expect(text.match(/Point 1:/gu)).toHaveLength(20);
  });
});

describe('attachment limits', () => {
  const image = (n: number, size = 200_000) => ({
    partId: `${n + 1}`,
    filename: `photo-${n}.jpg`,
    contentType: 'image/jpeg',
    size,
    contentId: null,
    inline: false,
  });

  it('refuses more files than Mastodon takes, naming how many to leave out', () => {
    const message = { ...replyChain[1]!, attachments: [0, 1, 2, 3, 4].map((n) => image(n)) };
    const result = planConversion(inputFor('mastodon', [message]));
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          code: 'too-many-attachments',
          message:
            'The post would carry 5 files (photo-0.jpg, photo-1.jpg, photo-2.jpg, photo-3.jpg, ' +
            'photo-4.jpg); Mastodon accepts at most 4 per post. Leave out 1 of them.',
          text: {
            key: 'convertTooManyFiles',
            params: expect.objectContaining({ where: { key: 'convertThePost' }, extra: 1 }),
          },
        },
      ],
    });
  });

  it('refuses files too large or of a forbidden type on Discourse, all at once', () => {
    const pdf = {
      ...image(1, 9 * 1024 * 1024),
      filename: 'contract.pdf',
      contentType: 'application/pdf',
    };
    const message = { ...replyChain[1]!, attachments: [image(0, 5 * 1024 * 1024), pdf] };
    const result = planConversion(inputFor('discourse', [message]));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([
      '"photo-0.jpg" (from Bob Durand) is 5 MB; Discourse accepts files up to 4 MB. Leave it out, or share it by link instead.',
      '"contract.pdf" (from Bob Durand) is 9 MB; Discourse accepts files up to 4 MB. Leave it out, or share it by link instead.',
      '"contract.pdf" (from Bob Durand) is a type Discourse does not accept (.pdf); allowed: .jpg, .jpeg, .png, .gif, .heic, .heif, .webp, .avif. Leave it out.',
    ]);
  });

  it('accepts the same files where the limits allow them', () => {
    const limits = withLimits('discourse', {
      maxAttachmentBytes: 20 * 1024 * 1024,
      allowedExtensions: null,
    });
    const message = { ...replyChain[1]!, attachments: [image(0, 5 * 1024 * 1024)] };
    expect(planConversion(inputFor('discourse', [message], { limits })).ok).toBe(true);
  });

  it('refuses a Discourse title below its minimum length', () => {
    const result = planConversion(inputFor('discourse', replyChain, { subject: 'Re: Plan' }));
    expect(!result.ok && result.problems[0]!.message).toBe(
      'The title "Plan" is shorter than the 15 characters Discourse requires. Edit the title before posting.',
    );
  });
});
