// @mention autocomplete in the RSE composer, in browser mode against a real WordPress:
// typing "@" and the start of a name lists the site's users (a listbox the keyboard
// drives through aria-activedescendant), Tab inserts the chosen one, and the comment on
// WordPress credits them by name (WordPress has no native mentions). Escape closes the
// list and leaves the composer open.
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
  await user('grace', 'Grace Hopper');
  await user('grant', 'Grant Wood');
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
    await body.pressSequentially('Thanks @gra');
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
      // The rich editor inserts text, so the WordPress credit is the name (a composer whose
      // editor offers insertLink links it to the author page: see mention-adapters.ts).
      .toEqual(['<p>Thanks Grace Hopper for the fix. And</p>']);
    expect(errors).toEqual([]);
  }, 90_000);
});
