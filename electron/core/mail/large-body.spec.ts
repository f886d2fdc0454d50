import { describe, expect, it } from 'vitest';
import { estimateDecodedSize, planStructure } from './large-body';

describe('planStructure', () => {
  it('sorts a BODYSTRUCTURE into body text and attachments as postal-mime does', () => {
    const plan = planStructure({
      type: 'multipart/mixed',
      childNodes: [
        {
          type: 'multipart/related',
          part: '1',
          childNodes: [
            { part: '1.1', type: 'text/html', size: 40, encoding: '7bit' },
            { part: '1.2', type: 'image/png', id: '<a@x>', size: 780, encoding: 'base64' },
          ],
        },
        {
          part: '2',
          type: 'text/plain',
          size: 9,
          disposition: 'attachment',
          dispositionParameters: { filename: 'notes.txt' },
        },
        {
          part: '3',
          type: 'text/calendar',
          parameters: { method: 'request', name: 'invite.ics' },
          size: 100,
        },
        { part: '4', type: 'message/rfc822', size: 500 },
      ],
    });
    expect(plan.text).toEqual([
      { part: '1.1', type: 'text/html', size: 40, headerKey: '1.1.MIME' },
    ]);
    expect(
      plan.attachments.map((a) => [a.partId, a.filename, a.size, a.inline, a.calendarMethod]),
    ).toEqual([
      ['1.2', null, 570, true, null],
      ['2', 'notes.txt', 9, false, null],
      ['3', 'invite.ics', 100, false, 'REQUEST'],
      ['4', null, 500, false, null],
    ]);
  });

  it('reads a single-part message as part 1 under the message header', () => {
    expect(planStructure({ type: 'text/plain', size: 5 })).toEqual({
      text: [{ part: '1', type: 'text/plain', size: 5, headerKey: 'HEADER' }],
      attachments: [],
    });
  });

  it('estimates base64 sizes with 76-character lines when the server cannot tell', () => {
    const data = Buffer.alloc(10_000, 1);
    const encoded = data.toString('base64').replace(/.{76}/g, '$&\r\n');
    expect(Math.abs(estimateDecodedSize(encoded.length, 'base64') - data.length)).toBeLessThan(4);
    expect(estimateDecodedSize(123, '8bit')).toBe(123);
  });
});
