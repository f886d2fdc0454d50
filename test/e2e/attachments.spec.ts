// Attachments in the reading pane, browser mode against a real Dovecot: a message with a
// PDF, a photo and an inline cid: image lists its two files (the inline image is not a
// file), Save downloads the exact bytes, Open shows the photo in a new tab, and the HTML
// body shows the inline image through a data: URL, with no error on the page. A calendar
// invitation (Google Calendar's, from the MIME corpus) shows as one, in the reader's zone.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser } from '../harness/browser';
import { CORPUS_INVITATION } from '../harness/corpora';
import { startDovecot, type DovecotServer } from '../harness/dovecot';
import { addDovecotAccount } from './flows';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real RGB PNG of one colour, so the browser can decode it and report its size. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3]!)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const LOGO = png(24, 12, [200, 30, 30]);
const PHOTO = png(40, 30, [30, 120, 200]);
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n% Passerelle test file\n'),
  Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff)),
  Buffer.from('\n%%EOF\n'),
]);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const b64 = (data: Buffer) => data.toString('base64').replace(/.{76}/g, '$&\r\n');

const MESSAGE =
  'From: Dana <dana@example.test>\r\nTo: Alice <alice@example.test>\r\nSubject: Quarterly report\r\n' +
  `Date: ${new Date(Date.now() - 60_000).toUTCString()}\r\nMessage-ID: <report@example.test>\r\n` +
  'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="mix"\r\n\r\n' +
  '--mix\r\nContent-Type: multipart/related; boundary="rel"\r\n\r\n' +
  '--rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' +
  '<p>Our logo: <img src="cid:logo@example.test" alt="Logo"></p><p>The report is attached.</p>\r\n' +
  '--rel\r\nContent-Type: image/png\r\nContent-ID: <logo@example.test>\r\n' +
  `Content-Transfer-Encoding: base64\r\n\r\n${b64(LOGO)}\r\n--rel--\r\n` +
  '--mix\r\nContent-Type: application/pdf; name="report.pdf"\r\nContent-Disposition: attachment; filename="report.pdf"\r\n' +
  `Content-Transfer-Encoding: base64\r\n\r\n${b64(PDF)}\r\n` +
  '--mix\r\nContent-Type: image/png; name="photo.png"\r\nContent-Disposition: attachment; filename="photo.png"\r\n' +
  `Content-Transfer-Encoding: base64\r\n\r\n${b64(PHOTO)}\r\n--mix--\r\n`;

const browser = useBrowser();
let dovecot: DovecotServer;
let app: AppServer;

beforeAll(async () => {
  dovecot = await startDovecot();
  await dovecot.importMessages([MESSAGE, readFileSync(CORPUS_INVITATION.file, 'utf8')]);
  app = await startAppServer();
});

afterAll(async () => {
  await app?.stop();
  await dovecot?.stop();
});

describe('attachments in the reading pane (browser mode)', () => {
  it('lists the files, saves the exact bytes, opens the photo and shows the inline image', async () => {
    const { page, context, errors } = await browser.newPage({ acceptDownloads: true });
    await page.goto(app.url);
    await addDovecotAccount(page, dovecot);
    const row = page.getByTestId('timeline-row').filter({ hasText: 'Quarterly report' });
    await row.waitFor({ timeout: 30_000 });
    await row.click();

    const list = page.getByTestId('attachments');
    await list.waitFor();
    const items = list.getByTestId('attachment');
    await expect.poll(() => items.count()).toBe(2);
    expect(await list.getByTestId('attachment-name').allInnerTexts()).toEqual([
      'report.pdf',
      'photo.png',
    ]);
    expect(await list.getByTestId('attachment-size').allInnerTexts()).toEqual([
      '3 KB',
      `${PHOTO.length} B`,
    ]);

    // The inline image shows inside the sandboxed frame, as a data: URL.
    const logo = page.frameLocator('[data-testid="mail-html-frame"]').getByAltText('Logo');
    await expect
      .poll(() => logo.evaluate((img) => (img as { naturalWidth: number }).naturalWidth), {
        timeout: 15_000,
      })
      .toBe(24)
      .catch(async (failure: Error) => {
        // Missed in loaded runs until MailHtmlFrame got a new frame per document (Chromium
        // kept the first srcdoc document); should it miss again, say what the frame showed.
        const src = (await logo.getAttribute('src').catch(() => null))?.slice(0, 40);
        throw new Error(`${failure.message}\nimg src: ${src}\ncore stderr:\n${app.stderr()}`);
      });
    expect(await logo.getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    // Save: a download with the file's name and exact bytes.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save report.pdf' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('report.pdf');
    expect(sha256(readFileSync(await download.path()))).toBe(sha256(PDF));

    // Open: a safe type opens in a new tab and shows there.
    const opening = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Open photo.png' }).click();
    const tab = await opening;
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(/^blob:/);
    await expect
      .poll(() => tab.evaluate('document.images[0]?.naturalWidth ?? 0'), { timeout: 10_000 })
      .toBe(40);
    await page.screenshot({ path: '/tmp/passerelle-e2e-attachments.png' });

    expect(errors).toEqual([]);
  });

  it('shows a calendar invitation as one, at its time in the reader’s zone', async () => {
    // Test 1 added the account. Paris is UTC+2 in April: 11:00 in Tallinn is 10:00 there.
    const { page, errors } = await browser.newPage({ timezoneId: 'Europe/Paris', locale: 'en-US' });
    await page.goto(app.url);
    const row = page.getByTestId('timeline-row').filter({ hasText: 'Invitation: Test event' });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const invite = page.getByTestId('invite');
    await invite.waitFor({ timeout: 15_000 });
    expect(await invite.getByTestId('invite-kind').textContent()).toBe('Invitation');
    expect(await invite.getByTestId('invite-summary').textContent()).toBe('Test event ⏰');
    expect((await invite.getByTestId('invite-when').textContent())?.replace(/\s/g, ' ')).toBe(
      'Thursday, April 11, 2024, 10:00 – 11:00 AM',
    );
    expect(await invite.innerText()).toContain('Organised by Andris Reinman · 2 guests');
    await page.screenshot({ path: '/tmp/passerelle-e2e-invite.png' });
    expect(errors).toEqual([]);
  });
});
