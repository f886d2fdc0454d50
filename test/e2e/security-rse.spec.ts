// RSE posts against hostile input, end to end: a real WordPress serves a post (and a
// comment) full of script, event handlers, SVG, remote images pointing at a loopback
// canary, javascript: links and a style sheet aimed at the app; the CLI syncs it into a
// throwaway profile and `passerelle serve` shows it in Chromium. Nothing may run, nothing
// may reach the canary until "Show images" (per post, then per author), the post's CSS
// stays in its frame, a link opens a new tab, and the app page never navigates.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser } from '../harness/browser';
import { startWordPress, type WordPressServer } from '../harness/wordpress';
import { startCanary, type Canary } from './mail-html-canary';
import { BYPASSES } from './mail-html-payloads';

const run = promisify(execFile);
const browser = useBrowser();
let wp: WordPressServer;
let canary: Canary;
let app: AppServer;
let profile: string;

const TITLE = 'Quarterly all-hands notes';

// `CANARY` stands for the canary's origin. Paths starting with /img- are images the user
// may allow; /link-out is the link the test clicks; anything else must never be requested.
const POST_HTML = `
<p id="marker">Hostile post body marker</p>
<script>window.top.__pwned = 1; parent.document.title = 'pwned'; fetch('CANARY/script'); alert('script');</script>
<img src="x" onerror="fetch('CANARY/onerror'); parent.document.title = 'pwned'; alert('onerror')">
<img src="CANARY/img-post.gif" width="40" height="40" alt="remote image">
<svg width="40" height="40" onload="fetch('CANARY/svg-onload')"><image href="CANARY/svg-image"/><script>fetch('CANARY/svg-script')</script></svg>
<p><a id="js-link" href="javascript:fetch('CANARY/js-link');top.location='CANARY/js-nav'">A javascript link</a></p>
<p><a href="  jAvAsCrIpT:top.location='CANARY/js-nav2'">Another javascript link</a></p>
<p><a id="out" href="CANARY/link-out">Read on the intranet</a></p>
<iframe src="CANARY/iframe"></iframe>
<object data="CANARY/object"></object>
<embed src="CANARY/embed">
<form action="CANARY/form"><button id="submit">Submit</button></form>
<meta http-equiv="refresh" content="0;url=CANARY/meta-refresh">
<link rel="stylesheet" href="CANARY/link-css">
<base href="CANARY/base/">
<style>@import url(CANARY/import); .timeline-row, .app { display: none !important; }</style>
<div style="height:20px;background-image:url(CANARY/img-inline-bg)">background</div>
${BYPASSES.map((b) => b.html).join('\n')}
`;

const COMMENT_HTML = `<p>Hostile comment marker</p>
<img src="CANARY/img-comment.gif" width="20" height="20" onerror="fetch('CANARY/comment-onerror')">
<script>fetch('CANARY/comment-script')</script>`;

const withCanary = (html: string) => html.replaceAll('CANARY', canary.origin);

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = await run(process.execPath, [CLI, '--profile', profile, ...args], {
    env: { ...process.env, ...env },
    timeout: 90_000,
  });
  return result.stdout;
}

beforeAll(async () => {
  [wp, canary] = await Promise.all([startWordPress(), startCanary()]);
  const post = await wp.createPost({ title: TITLE, content: withCanary(POST_HTML) });
  await wp.createComment({ post: post.id, content: withCanary(COMMENT_HTML) });
  // Control: WordPress hands the hostile markup on as written (the admin may post raw HTML).
  const rendered = await wp.rest<{ content: { rendered: string } }>(
    'GET',
    `/wp/v2/posts/${post.id}`,
  );
  expect(rendered.content.rendered).toContain('<script>');
  expect(rendered.content.rendered).toContain('onerror=');
  expect(rendered.content.rendered).toContain('<svg');
  expect(rendered.content.rendered).toContain('javascript:');

  profile = mkdtempSync(join(tmpdir(), 'passerelle-rse-e2e-'));
  await cli(
    [
      'account',
      'add',
      'wordpress',
      '--name',
      'Intranet',
      '--url',
      wp.url,
      '--user',
      'admin',
      '--password-env',
      'PW',
    ],
    { PW: wp.appPassword },
  );
  await cli(['follow', 'Intranet:Uncategorized']);
  await cli(['sync', '--once']);
  expect(await cli(['timeline', '--json'])).toContain(TITLE);
  expect(canary.hits).toEqual([]); // syncing fetches nothing the post points at
  app = await startAppServer({ profileDir: profile });
}, 240_000);

afterAll(async () => {
  await app?.stop();
  await Promise.all([wp?.stop(), canary?.close()]);
  if (profile) rmSync(profile, { recursive: true, force: true });
});

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

const never = () => canary.hits.filter((path) => !path.startsWith('/img-') && path !== '/link-out');

describe('a hostile WordPress post in the reading pane (browser mode)', () => {
  it('runs nothing, fetches nothing until allowed, and never navigates the app', async () => {
    const { page, context } = await browser.newPage();
    const seen = watch(page);
    const popups: string[] = [];
    context.on('page', (p) => popups.push(p.url()));
    await page.goto(app.url);
    const appUrl = page.url();

    const row = page.getByTestId('timeline-row').filter({ hasText: TITLE });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const post = page.getByTestId('rse-post');
    await post.waitFor();
    expect(await page.getByTestId('rse-post-title').innerText()).toBe(TITLE);

    // Each body is in a sandboxed frame: no scripts, no same origin.
    const frames = post.getByTestId('mail-html-frame');
    await expect.poll(() => frames.count()).toBe(2);
    for (const sandbox of await frames.evaluateAll((els) =>
      els.map((el) => el.getAttribute('sandbox') ?? ''),
    )) {
      expect(sandbox).not.toContain('allow-scripts');
      expect(sandbox).not.toContain('allow-same-origin');
    }
    const postFrame = page.frameLocator('[data-testid="rse-post-body"] iframe');
    await postFrame.locator('#marker').waitFor();
    const commentFrame = page.frameLocator('[data-testid="rse-comment"] iframe');
    await commentFrame.getByText('Hostile comment marker').waitFor();
    // The hostile markup did not reach the app's own DOM.
    expect(await page.locator('#marker').count()).toBe(0);
    expect(await post.innerText()).not.toContain('Hostile post body marker');

    // What the frame holds: no script, handler, SVG, embedded content or javascript: link.
    const inner = await postFrame.locator('body').innerHTML();
    expect(inner).not.toMatch(/<script|onerror|onload|<svg|<iframe|<object|<embed|<form/i);
    expect(inner).not.toMatch(/javascript:/i);
    expect(inner).not.toContain(`${canary.origin}/img-post.gif`);
    expect(await postFrame.locator('#js-link').getAttribute('href')).toBeNull();

    await page.waitForLoadState('load');
    await page.waitForTimeout(1_000);
    expect(seen.dialogs).toEqual([]);
    expect(canary.hits).toEqual([]);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.title()).toMatch(/Passerelle$/); // an unread count may lead it
    expect(await page.title()).not.toContain('pwned');
    // The post's style sheet stays in its frame: the app's own list is still shown.
    expect(await row.isVisible()).toBe(true);

    // Clicking the neutered javascript: link does nothing.
    await postFrame.locator('#js-link').click();
    await page.waitForTimeout(500);
    expect(canary.hits).toEqual([]);
    expect(page.url()).toBe(appUrl);
    await page.screenshot({ path: '/tmp/passerelle-e2e-rse-blocked.png' });

    // "Show images" on the post: its images load, the comment's stay blocked.
    const postBar = page.getByTestId('rse-post-body').getByTestId('remote-content-bar');
    const commentBar = page.getByTestId('rse-comment').getByTestId('remote-content-bar');
    await postBar.waitFor();
    await commentBar.waitFor();
    await postBar.getByTestId('show-images').click();
    await expect.poll(() => canary.hits).toContain('/img-post.gif');
    await expect.poll(() => canary.hits).toContain('/img-inline-bg');
    expect(await postBar.count()).toBe(0);
    await page.waitForTimeout(500);
    expect(canary.hits).not.toContain('/img-comment.gif');
    expect(never()).toEqual([]);

    // "Always for" the comment's author: its image loads too.
    expect(await commentBar.getByTestId('show-images-sender').innerText()).toContain('admin');
    await commentBar.getByTestId('show-images-sender').click();
    await expect.poll(() => canary.hits).toContain('/img-comment.gif');
    expect(await commentBar.count()).toBe(0);
    await page.screenshot({ path: '/tmp/passerelle-e2e-rse-shown.png' });

    // A link opens a new tab, never the app page or the frame.
    const popup = context.waitForEvent('page');
    await postFrame.locator('#out').click();
    const tab = await popup;
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${canary.origin}/link-out`);
    expect(await tab.evaluate('window.opener')).toBeNull();
    await tab.close();

    await page.waitForTimeout(500);
    expect(seen.dialogs).toEqual([]);
    expect(never()).toEqual([]);
    expect(popups).toHaveLength(1);
    expect(page.url()).toBe(appUrl);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    // Only the app's own page ever loaded in the main frame (the token traded for a cookie).
    expect(
      seen.navigations.filter(
        (u) => !u.startsWith(`${app.origin}/`) || new URL(u).pathname !== '/',
      ),
    ).toEqual([]);
  });
});
