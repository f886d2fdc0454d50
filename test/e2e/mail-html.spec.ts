// HTML mail against hostile input, in Chromium. Every payload of the DOMPurify corpus
// (../shared/corpora/html-xss) and the known webmail bypasses render through the real
// sanitiser and frame component on a page with the app's CSP; the bypasses also travel
// as mail through a real Dovecot into the real reading pane in browser mode. Nothing may
// run (no dialog), nothing may reach the loopback canary while remote content is
// blocked, and the app page never navigates.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser } from '../harness/browser';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { addDovecotAccount } from './flows';
import { serveHarness, startCanary, type Canary } from './mail-html-canary';
import { BYPASSES } from './mail-html-payloads';

const CORPUS = join(REPO_ROOT, '..', 'shared', 'corpora', 'html-xss', 'dompurify-expect.json');
const corpus: { title: string | null; payload: string }[] = existsSync(CORPUS)
  ? JSON.parse(readFileSync(CORPUS, 'utf8'))
  : [];

const browser = useBrowser();
let canary: Canary;
let harness: { url: string; close(): Promise<void> };
let harnessDir: string;

beforeAll(async () => {
  canary = await startCanary();
  harnessDir = mkdtempSync(join(tmpdir(), 'passerelle-mail-html-'));
  harness = await serveHarness(harnessDir);
});

afterAll(async () => {
  await harness?.close();
  await canary?.close();
  rmSync(harnessDir, { recursive: true, force: true });
});

const withCanary = (html: string) => html.replaceAll('CANARY', canary.origin);

/** Records dialogs from the page and all its frames, and the page's own navigations. */
function watch(page: Page) {
  const dialogs: string[] = [];
  const navigations: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations.push(f.url());
  });
  return { dialogs, navigations };
}

/** Mounts one MailHtmlFrame per payload on the harness page. */
function render(page: Page, payloads: string[], allowRemote: boolean): Promise<number> {
  return page.evaluate(
    ([p, allow]) =>
      (
        globalThis as unknown as { renderPayloads(p: string[], allow: boolean): number }
      ).renderPayloads(p, allow),
    [payloads, allowRemote] as const,
  );
}

async function settle(page: Page, frames: number) {
  await page.waitForFunction(
    `document.querySelectorAll('iframe[data-testid="mail-html-frame"]').length >= ${frames}`,
  );
  // Frames without scripts can't say they're done; give loads and timers time to fail.
  await page.waitForLoadState('load');
  await page.waitForTimeout(800);
}

describe('mail HTML on a page with the app CSP (real sanitiser and frame component)', () => {
  it('runs every corpus payload and bypass with remote content blocked: nothing runs or fetches', async () => {
    expect(corpus.length, `corpus missing at ${CORPUS}`).toBeGreaterThan(200);
    const { page } = await browser.newPage();
    const seen = watch(page);
    await page.goto(harness.url);
    // Bypasses first: they carry the canary's address and lie in the viewport, where
    // Chromium surely loads (the corpus payloads only use alert()).
    const payloads = [...BYPASSES.map((b) => withCanary(b.html)), ...corpus.map((c) => c.payload)];
    const n = await render(page, payloads, false);
    expect(n).toBe(corpus.length + BYPASSES.length);
    await settle(page, n);
    expect(seen.dialogs).toEqual([]);
    expect(canary.hits).toEqual([]);
    expect(seen.navigations).toEqual([harness.url]);
    expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  });

  it('with remote content allowed, loads images only: no script, style sheet, font or frame', async () => {
    const { page } = await browser.newPage();
    const seen = watch(page);
    await page.goto(harness.url);
    const n = await render(
      page,
      BYPASSES.map((b) => withCanary(b.html)),
      true,
    );
    await settle(page, n);
    expect(seen.dialogs).toEqual([]);
    const paths = canary.hits.splice(0);
    expect(paths.filter((p) => !p.startsWith('/img-'))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['/img-remote.gif', '/img-bg-td']));
    expect(seen.navigations).toEqual([harness.url]);
  });

  it('shows the newer document when the body changes just after the frame appeared', async () => {
    // Chromium can keep the first srcdoc document when srcdoc changes while it is still
    // loading: an inline image arriving right after the body was shown missing.
    const { page } = await browser.newPage();
    await page.goto(harness.url);
    await page.evaluate(`renderChanging(100, '<p class="v">first</p>', '<p class="v">second</p>')`);
    // What each frame shows, asked until every frame has answered: one still loading (or
    // slow to answer on a loaded machine) answers '' and is asked again at the next poll.
    // The switches were all made before renderChanging returned, so an answer is final.
    const texts: string[] = Array.from({ length: 100 }, () => '');
    const everyFrameAnswered = async () => {
      const frames = await page.locator('iframe[data-testid="mail-html-frame"]').elementHandles();
      await Promise.all(
        frames.map(async (el, i) => {
          if (texts[i]) return;
          texts[i] = await Promise.race([
            el
              .contentFrame()
              .then((f) => f?.evaluate<string>("document.querySelector('.v')?.textContent ?? ''"))
              .then((text) => text ?? '')
              .catch(() => ''),
            new Promise<string>((resolve) => setTimeout(() => resolve(''), 5000)),
          ]);
        }),
      );
      return frames.length === 100 && texts.every(Boolean);
    };
    await expect.poll(everyFrameAnswered, { timeout: 60_000 }).toBe(true);
    expect(texts.filter((text) => text !== 'second')).toEqual([]);
  }, 90_000);
});

describe('mail HTML through Dovecot and the reading pane (browser mode)', () => {
  let dovecot: DovecotServer;
  let app: AppServer;

  // Timeline order, newest first: the bypasses, then the newsletters, then a plain reply.
  const xssSubject = (i: number) => `XSS ${String(i).padStart(2, '0')} ${BYPASSES[i]?.title}`;
  const order = [
    ...BYPASSES.map((_, i) => xssSubject(i)).reverse(),
    'Newsletter 1',
    'Newsletter 2',
    'Plain reply',
  ];

  beforeAll(async () => {
    dovecot = await startDovecot();
    const at = Date.now() - 3_600_000;
    const raws = BYPASSES.map((b, i) =>
      buildMessage({
        subject: xssSubject(i),
        from: 'Mallory <mallory@example.test>',
        date: new Date(at + 100_000 + i * 1000),
        html: withCanary(b.html),
      }),
    );
    const news = (n: number) =>
      buildMessage({
        subject: `Newsletter ${n}`,
        from: 'News <news@example.test>',
        date: new Date(at + 10_000 - n * 1000),
        html: withCanary(
          `<h1 style="color:#036">Issue ${n}</h1><img src="CANARY/img-news${n}.gif" width="40" height="40"><p><a href="CANARY/clicked">Read online</a></p>`,
        ),
      });
    raws.push(
      news(1),
      news(2),
      buildMessage({
        subject: 'Plain reply',
        from: 'Bob <bob@example.test>',
        date: new Date(at),
        text: 'Yes, Friday works.\n\nOn Monday Alice wrote:\n> Can we meet?\n> Friday?\n\n-- \nBob\n',
      }),
    );
    await dovecot.importMessages(raws);
    app = await startAppServer();
  });

  afterAll(async () => {
    await app?.stop();
    await dovecot?.stop();
  });

  it('opens every bypass mail without script or fetch, then shows images on request', async () => {
    const { page, context } = await browser.newPage();
    const seen = watch(page);
    await page.goto(app.url);
    const appUrl = page.url();
    await addDovecotAccount(page, dovecot);
    const timeline = page.getByTestId('timeline');
    const rows = page.getByTestId('timeline-row');
    const row = (subject: string) => rows.filter({ hasText: subject }).first();
    const scrollTo = (where: 'top' | 'bottom') =>
      timeline.evaluate((el, w) => (el.scrollTop = w === 'top' ? 0 : el.scrollHeight), where);
    // Everything synced: the oldest message is listed at the bottom.
    await expect
      .poll(
        async () => {
          await scrollTo('bottom');
          return row('Plain reply').count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await scrollTo('top');

    const subject = () => page.getByTestId('thread-subject').innerText();
    const frame = page.getByTestId('mail-html-frame');
    await row(order[0] ?? '').click();
    for (const [i, expected] of order.entries()) {
      if (i > 0) {
        await page.keyboard.press('j');
        await page.keyboard.press('o');
      }
      await expect.poll(subject).toBe(expected);
      if (!expected.startsWith('XSS')) break;
      await frame.waitFor({ state: 'attached' });
    }
    await page.waitForTimeout(500);
    expect(seen.dialogs).toEqual([]);
    expect(canary.hits).toEqual([]);

    // Remote images: blocked, then shown for this message only.
    const bar = page.getByTestId('remote-content-bar');
    await bar.waitFor();
    await page.waitForTimeout(300);
    expect(canary.hits).toEqual([]);
    await page.screenshot({ path: '/tmp/passerelle-e2e-mail-html-blocked.png' });
    await bar.getByTestId('show-images').click();
    await expect.poll(() => canary.hits).toContain('/img-news1.gif');
    expect(await bar.count()).toBe(0);
    await page.screenshot({ path: '/tmp/passerelle-e2e-mail-html-shown.png' });

    // Newsletter 2 is still blocked until "always for this sender".
    await page.keyboard.press('j');
    await page.keyboard.press('o');
    await expect.poll(subject).toBe('Newsletter 2');
    await bar.waitFor();
    expect(canary.hits).not.toContain('/img-news2.gif');
    await bar.getByTestId('show-images-sender').click();
    await expect.poll(() => canary.hits).toContain('/img-news2.gif');

    // Plain text: the quote and the signature are folded behind "…".
    await page.keyboard.press('j');
    await page.keyboard.press('o');
    await expect.poll(subject).toBe('Plain reply');
    const body = page.getByTestId('message-body');
    expect(await body.innerText()).toContain('Yes, Friday works.');
    expect(await body.innerText()).not.toContain('Can we meet?');
    expect(await body.getByTestId('fold-toggle').count()).toBe(2);
    await body.getByTestId('fold-toggle').first().click();
    expect(await body.innerText()).toContain('> Can we meet?');
    await page.screenshot({ path: '/tmp/passerelle-e2e-mail-plain.png' });

    // The sender's allowance outlives a reload.
    canary.hits.length = 0;
    await page.reload();
    await scrollTo('bottom');
    await row('Newsletter 2').click();
    await expect.poll(subject).toBe('Newsletter 2');
    await expect.poll(() => canary.hits).toContain('/img-news2.gif');
    expect(await bar.count()).toBe(0);

    // A link opens a new tab, never the app page or the frame.
    const popup = context.waitForEvent('page');
    await page.frameLocator('[data-testid="mail-html-frame"]').getByText('Read online').click();
    const tab = await popup;
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${canary.origin}/clicked`);
    expect(await tab.evaluate('window.opener')).toBeNull();
    expect(page.url()).toBe(appUrl);
    expect(seen.dialogs).toEqual([]);
    // Only the app's own page: the first load (token traded for a cookie) and the reload.
    expect(
      seen.navigations.filter(
        (u) => !u.startsWith(`${app.origin}/`) || new URL(u).pathname !== '/',
      ),
    ).toEqual([]);
  });
});
