// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { MessageDetail } from '../../../shared/domain';
import type { Client } from '../../../shared/contract';
import {
  attachmentKind,
  base64ToBytes,
  canOpenInBrowser,
  cidKey,
  inlineImagesKey,
  inlineImagesOf,
  loadInlineImages,
  referencedCids,
} from './inline-images';
import { sanitizeMailHtml } from './sanitize';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('inline cid: images', () => {
  it('matches cid: references to Content-IDs', () => {
    expect(cidKey('<Photo@Example.test>')).toBe('photo@example.test');
    expect(cidKey('cid:photo%40example.test')).toBe('photo@example.test');
    expect([...referencedCids('<img src="cid:a@x"><td background=\'cid:b@x\'>')]).toEqual([
      'a@x',
      'b@x',
    ]);
  });

  it('picks the referenced raster images of a message, within the size bound', () => {
    const base = { partId: '2', filename: null, inline: true, calendarMethod: null };
    const message = {
      id: '1',
      html: '<img src="cid:a@x"><img src="cid:svg@x"><img src="cid:huge@x">',
      attachments: [
        { ...base, id: '1', contentId: '<a@x>', contentType: 'image/png', size: 10 },
        { ...base, id: '2', contentId: '<svg@x>', contentType: 'image/svg+xml', size: 10 },
        { ...base, id: '3', contentId: '<huge@x>', contentType: 'image/png', size: 9e9 },
        { ...base, id: '4', contentId: '<unused@x>', contentType: 'image/png', size: 10 },
      ],
    } as unknown as MessageDetail;
    expect(inlineImagesOf(message).map((a) => a.id)).toEqual(['1']);
  });

  it('keys the images on the body, so a body that arrives after opening brings them', () => {
    const headersOnly = { id: '7', html: null, attachments: [] } as unknown as MessageDetail;
    const logo = {
      id: '3',
      partId: '2',
      filename: null,
      inline: true,
      calendarMethod: null,
      contentId: '<logo@x>',
      contentType: 'image/png',
      size: 10,
    };
    const withBody = {
      ...headersOnly,
      html: '<img src="cid:logo@x">',
      attachments: [logo],
    } as unknown as MessageDetail;
    expect(inlineImagesKey(headersOnly)).toBe('');
    expect(inlineImagesKey(withBody)).toBe('7:3');
    expect(inlineImagesKey({ ...withBody, id: '8' } as MessageDetail)).toBe('8:3');
  });

  it('the sanitiser swaps fetched cid: images for data: URLs and drops the others', () => {
    const { html } = sanitizeMailHtml(
      '<p><img src="cid:a@x" alt="a"><img src="cid:missing@x" alt="m"><img src="cid:evil@x" alt="e"></p>',
      {
        allowRemote: false,
        inlineImages: new Map([
          ['a@x', PNG],
          ['evil@x', 'data:text/html;base64,PHNjcmlwdD4='],
        ]),
      },
    );
    expect(html).toContain(`<img src="${PNG}" alt="a">`);
    expect(html).toContain('<img alt="m">');
    expect(html).toContain('<img alt="e">');
  });

  it('the measured copy stays without addresses', () => {
    const { html } = sanitizeMailHtml('<img src="cid:a@x">', {
      allowRemote: false,
      stripUrls: true,
      inlineImages: new Map([['a@x', PNG]]),
    });
    expect(html).toBe('<img>');
  });
});

describe('attachment helpers', () => {
  it('opens only types a browser shows without running anything', () => {
    expect(canOpenInBrowser('application/pdf')).toBe(true);
    expect(canOpenInBrowser('image/png')).toBe(true);
    expect(canOpenInBrowser('text/plain')).toBe(true);
    expect(canOpenInBrowser('text/html')).toBe(false);
    expect(canOpenInBrowser('image/svg+xml')).toBe(false);
    expect(canOpenInBrowser('application/octet-stream')).toBe(false);
  });

  it('labels kinds and decodes base64 to bytes', () => {
    expect(attachmentKind({ contentType: 'application/pdf', filename: 'a.pdf' })).toBe('PDF');
    expect(attachmentKind({ contentType: 'application/octet-stream', filename: 'a.zip' })).toBe(
      'ZIP',
    );
    expect([...base64ToBytes(btoa(String.fromCharCode(0, 255, 7)))]).toEqual([0, 255, 7]);
  });
});

describe('fetching inline images', () => {
  const base = { partId: '2', filename: null, inline: true, calendarMethod: null, size: 10 };
  const message = {
    id: '9',
    html: '<img src="cid:a@x"><img src="cid:b@x">',
    attachments: [
      { ...base, id: '1', contentId: '<a@x>', contentType: 'image/png' },
      { ...base, id: '2', contentId: '<b@x>', contentType: 'image/gif' },
    ],
  } as unknown as MessageDetail;

  /** A client whose attachments.get fails the first `failures[id]` times for that id. */
  function flakyClient(failures: Record<string, number>) {
    const asked: string[] = [];
    const client = {
      invoke: async (_name: string, params: { attachmentId: string }) => {
        asked.push(params.attachmentId);
        if ((failures[params.attachmentId] ?? 0) > 0) {
          failures[params.attachmentId]!--;
          throw new Error('the IMAP session was dropped');
        }
        return { data: `DATA${params.attachmentId}` };
      },
    } as unknown as Client;
    return { client, asked };
  }

  it('asks once more for an image whose fetch failed', async () => {
    const { client, asked } = flakyClient({ '1': 1 });
    const images = await loadInlineImages(client, message, 0);
    expect(asked).toEqual(['1', '1', '2']);
    expect([...images]).toEqual([
      ['a@x', 'data:image/png;base64,DATA1'],
      ['b@x', 'data:image/gif;base64,DATA2'],
    ]);
  });

  it('leaves out an image that fails twice, and still shows the others', async () => {
    const { client, asked } = flakyClient({ '1': 2 });
    const images = await loadInlineImages(client, message, 0);
    expect(asked).toEqual(['1', '1', '2']);
    expect([...images.keys()]).toEqual(['b@x']);
  });
});
