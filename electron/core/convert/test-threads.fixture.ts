// Realistic threads for the conversion specs, written for them (no real people). Plain
// text bodies keep the quoting, signatures and headers mail clients actually produce.
import { withLimits } from './presets';
import type { ConversionInput, ThreadMessageInput } from './types';

const alice = { name: 'Alice Martin', address: 'alice@acme.example' };
const bob = { name: 'Bob Durand', address: 'bob@acme.example' };
const claire = { name: 'Claire Petit', address: 'claire@acme.example' };

export const replyChain: ThreadMessageInput[] = [
  {
    messageId: '<m1@acme.example>',
    from: alice,
    date: '2025-03-04T09:12:00Z',
    text: [
      'Hi both,',
      '',
      'Can we move the budget review to Thursday 14:00?',
      '',
      'Alice',
      '',
      '-- ',
      'Alice Martin',
      'Finance, ACME',
      '+33 1 23 45 67 89',
    ].join('\n'),
  },
  {
    messageId: '<m2@acme.example>',
    from: bob,
    date: '2025-03-04T10:02:00Z',
    text: [
      'Thursday works for me.',
      '',
      'On Tue, 4 Mar 2025 at 10:12, Alice Martin <alice@acme.example> wrote:',
      '> Hi both,',
      '>',
      '> Can we move the budget review to Thursday 14:00?',
    ].join('\n'),
  },
  {
    messageId: '<m3@acme.example>',
    from: claire,
    date: '2025-03-04T11:30:00Z',
    text: [
      'Parfait, je réserve la salle Lumière.',
      '',
      'Envoyé de mon iPhone',
      '',
      'Le mar. 4 mars 2025 à 11:02, Bob Durand <bob@acme.example> a écrit :',
      '> Thursday works for me.',
    ].join('\n'),
  },
];

export const outlookReply: ThreadMessageInput = {
  messageId: '<m4@acme.example>',
  from: { name: 'Dan Moreau', address: 'dan@acme.example' },
  date: '2025-03-05T08:00:00Z',
  text: [
    'Approved on my side.',
    '',
    'From: Bob Durand <bob@acme.example>',
    'Sent: Tuesday, March 4, 2025 11:02 AM',
    'To: Alice Martin <alice@acme.example>',
    'Subject: RE: Budget review',
    '',
    'Thursday works for me.',
  ].join('\n'),
};

export const plainForward: ThreadMessageInput = {
  messageId: '<fwd@acme.example>',
  from: alice,
  date: '2025-03-06T07:45:00Z',
  text: [
    '---------- Forwarded message ---------',
    'From: Supplier <sales@supplier.example>',
    'Date: Wed, 5 Mar 2025 at 18:00',
    'Subject: Price list 2025',
    '',
    'Please find our 2025 prices below.',
    'Widgets: 4.20 EUR',
  ].join('\n'),
};

export const htmlWithInlineImage: ThreadMessageInput = {
  messageId: '<html1@acme.example>',
  from: bob,
  date: '2025-03-07T16:20:00Z',
  text: null,
  html:
    '<html><head><style>p{color:red}</style></head><body>' +
    '<p>Here is the <b>Q1 chart</b>:</p><p><img src="cid:chart@acme" alt="Q1 chart"></p>' +
    '<div class="gmail_quote"><div class="gmail_attr">On Thu, Alice wrote:</div>' +
    '<blockquote class="gmail_quote"><p>Do you have the chart?</p></blockquote></div>' +
    '</body></html>',
  attachments: [
    {
      partId: '2',
      filename: 'chart.png',
      contentType: 'image/png',
      size: 48_000,
      contentId: '<chart@acme>',
      inline: true,
    },
    {
      partId: '3',
      filename: 'budget.pdf',
      contentType: 'application/pdf',
      size: 120_000,
      contentId: null,
      inline: false,
    },
  ],
};

export function inputFor(
  network: Parameters<typeof withLimits>[0],
  messages: ThreadMessageInput[],
  extra: Partial<ConversionInput> = {},
): ConversionInput {
  return {
    subject: 'RE: [finance] Fwd: Budget review for Q2',
    messages,
    limits: withLimits(network),
    convertedBy: 'Alice Martin',
    convertedAt: '2025-03-08T09:00:00Z',
    mailbox: 'alice@acme.example — INBOX',
    backLink: 'passerelle://thread/t42',
    ...extra,
  };
}
