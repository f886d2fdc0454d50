// @mention autocomplete in the RSE composer, in browser mode against a real WordPress:
// typing "@" and the start of a name lists the site's users (a listbox the keyboard
// drives through aria-activedescendant), Tab inserts the chosen one, and the comment on
// WordPress credits them by name, linked to their author page (WordPress has no native
// mentions). Escape closes the list and leaves the composer open. The empty body shows
// its placeholder.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, startAppServer, type AppServer, wordpressAccountArgs } from '../harness/app-server';
import { useBrowser } from '../harness/browser';
import { startWordPress, type WordPressServer, type WpPost } from '../harness/wordpress';

const run = promisify(execFile);
const browser = useBrowser();
let wp: WordPressServer;
let profile: string;
let app: AppServer;
let post: WpPost;
/** Grace Hopper's author page, as WordPress links it. */
let graceLink: string;

async function cli(...args: string[]): Promise<void> {
  await run(process.execPath, [CLI, '--profile', profile, ...args], {
    env: { ...process.env, WP_PW: wp.appPassword },
    timeout: 60_000,
  });
}

beforeAll(async () => {
  wp = await startWordPress();
  const user = (username: string, name: string) =>
    wp.rest<{ id: number; link: string }>('POST', '/wp/v2/users', {
      username,
      name,
      email: `${username}@example.test`,
      password: `pw-${username}-${Date.now()}`,
      roles: ['author'],
    });
  graceLink = (await user('grace', 'Grace Hopper')).link;
  await user('grant', 'Grant Wood');
  expect(graceLink).toBe(`${wp.url}/author/grace/`);
  const space = await wp.createCategory('Engineering');
  post = await wp.createPost({
    title: 'Compiler release',
    content: '<p>The new compiler is out.</p>',
    categories: [space],
  });
  profile = mkdtempSync(join(tmpdir(), 'passerelle-mentions-e2e-'));
  await cli(...wordpressAccountArgs('Intranet', wp, 'WP_PW'));
  await cli('follow', 'Intranet:Engineering');
  app = await startAppServer({ profileDir: profile });
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await wp?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('@mention autocomplete in the RSE composer', () => {
  it('suggests WordPress users and credits the chosen one in the comment', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(app.url);
    const row = page.getByTestId('timeline-row').filter({ hasText: 'Compiler release' }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.getByTestId('rse-post').waitFor();
    await page.keyboard.press('r');
    const composer = page.getByTestId('composer');
    await expect.poll(() => composer.getAttribute('data-mode')).toBe('rse-comment');

    const body = page.getByTestId('composer-body');
    // The empty body shows what to write, and stops showing it once something is typed.
    const placeholder = () =>
      body.evaluate((el) => {
        const first = el.querySelector('p');
        const style = first && el.ownerDocument.defaultView?.getComputedStyle(first, '::before');
        return style ? style.content : null;
      });
    expect(await placeholder()).toBe('"Write a comment"');
    expect(await body.getAttribute('aria-placeholder')).toBe('Write a comment');
    await body.pressSequentially('Thanks @gra');
    expect(await placeholder()).toBe('none');
    const listbox = page.getByRole('listbox', { name: 'People to mention' });
    await listbox.waitFor();
    const options = listbox.getByRole('option');
    await expect
      .poll(() => options.allTextContents())
      .toEqual([expect.stringContaining('Grace Hopper'), expect.stringContaining('Grant Wood')]);
    const active = async () => {
      const id = await body.getAttribute('aria-activedescendant');
      return id ? page.locator(`[id="${id}"]`).textContent() : null;
    };
    expect(await body.getAttribute('aria-expanded')).toBe('true');
    expect(await active()).toContain('Grace Hopper');
    await body.press('ArrowDown');
    expect(await active()).toContain('Grant Wood');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await body.press('ArrowUp');
    expect(await active()).toContain('Grace Hopper');
    await body.press('Tab');
    await listbox.waitFor({ state: 'detached' });
    await body.pressSequentially('for the fix.');

    // Escape closes the list, not the composer.
    await body.pressSequentially(' And @gran');
    await listbox.waitFor();
    await body.press('Escape');
    await listbox.waitFor({ state: 'detached' });
    expect(await composer.count()).toBe(1);
    await body.press('Backspace');
    await body.press('Backspace');
    await body.press('Backspace');
    await body.press('Backspace');
    await body.press('Backspace');
    await body.press('Backspace');

    await page.getByTestId('composer-send').click();
    await expect.poll(() => composer.count()).toBe(0);
    const comments = () =>
      wp.rest<{ content: { raw: string } }[]>(
        'GET',
        `/wp/v2/comments?post=${post.id}&context=edit`,
      );
    await expect
      .poll(async () => (await comments()).map((c) => c.content.raw), { timeout: 15_000 })
      // The credit links the author page; the text typed after it is not part of the link.
      .toEqual([`<p>Thanks <a href="${graceLink}">Grace Hopper</a> for the fix. And</p>`]);
    expect(errors).toEqual([]);
  }, 90_000);
});
