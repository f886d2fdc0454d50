import { describe, expect, it } from 'vitest';
import { rewriteCidReferences } from './cid';

const uploaded = new Map([['chart@acme', 'https://wp.example/uploads/chart.png']]);

describe('rewriteCidReferences', () => {
  it('points HTML images and links at the uploaded URLs', () => {
    const body = '<p><img src="cid:chart@acme" alt="Q1 chart"></p>';
    expect(rewriteCidReferences(body, uploaded, 'html')).toBe(
      '<p><img src="https://wp.example/uploads/chart.png" alt="Q1 chart"></p>',
    );
  });

  it('turns references without an upload into words, never a dead cid: link', () => {
    const body =
      '<p><img src="cid:gone@acme" alt="Logo"></p>\n<p>Attachments: <a href="cid:x%20y@p">a.pdf</a></p>';
    expect(rewriteCidReferences(body, uploaded, 'html')).toBe(
      '<p>[Logo]</p>\n<p>Attachments: a.pdf</p>',
    );
  });

  it('rewrites Markdown images and links, decoding encoded refs', () => {
    const map = new Map([...uploaded, ['x y@p', 'https://chat.example/files/a.pdf']]);
    const body =
      '![Q1 chart](cid:chart@acme)\n\nAttachments: [a.pdf](cid:x%20y@p), [b.doc](cid:none)';
    expect(rewriteCidReferences(body, map, 'markdown')).toBe(
      '![Q1 chart](<https://wp.example/uploads/chart.png>)\n\n' +
        'Attachments: [a.pdf](<https://chat.example/files/a.pdf>), b.doc',
    );
  });
});
