// Reference screenshots of the main views, kept in the repository for visual review.
// A test compares what Chromium draws now with the reference and fails when they differ,
// so a visual change is always a deliberate one: `UPDATE_SCREENSHOTS=1 npm test` rewrites
// the references, and the diff of the PNGs is reviewed like any other change.
//
// Font rasterising changes between Chromium releases, so the references record the
// version that drew them: against that version the comparison is strict; against another
// it only catches layout-sized changes, and says so.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from './app-server';
import { CHROMIUM_PATH } from './chromium';

export const REFERENCE_DIR = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const VERSION_FILE = join(REFERENCE_DIR, 'chromium-version.txt');
const OUTPUT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

/** Share of pixels allowed to differ: anti-aliasing noise, not a moved or missing element. */
const SAME_BROWSER_TOLERANCE = 0.002;
const OTHER_BROWSER_TOLERANCE = 0.05;

function chromiumVersion(): string {
  const out = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' });
  return out.match(/Chromium [\d.]+/)?.[0] ?? out.split('\n')[0]!.trim();
}

function referenceVersion(): string | null {
  return existsSync(VERSION_FILE) ? readFileSync(VERSION_FILE, 'utf8').trim() : null;
}

export interface ScreenshotOptions {
  /** Parts that change from run to run (ports, clocks): painted over before comparing. */
  mask?: Locator[];
}

export async function expectScreenshot(
  page: Page,
  name: string,
  options: ScreenshotOptions = {},
): Promise<void> {
  const actual = await page.screenshot({
    animations: 'disabled',
    caret: 'hide',
    mask: options.mask ?? [],
  });
  const referencePath = join(REFERENCE_DIR, `${name}.png`);
  const version = chromiumVersion();

  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(REFERENCE_DIR, { recursive: true });
    writeFileSync(referencePath, actual);
    writeFileSync(VERSION_FILE, `${version}\n`);
    return;
  }
  if (!existsSync(referencePath)) {
    throw new Error(
      `No reference screenshot ${name}.png: run UPDATE_SCREENSHOTS=1 npm test, then review and commit test/e2e/screenshots/.`,
    );
  }

  const expected = PNG.sync.read(readFileSync(referencePath));
  const drawn = PNG.sync.read(actual);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const actualPath = join(OUTPUT_DIR, `${name}.actual.png`);
  writeFileSync(actualPath, actual);
  if (expected.width !== drawn.width || expected.height !== drawn.height) {
    throw new Error(
      `${name}: the view is ${drawn.width}x${drawn.height}, the reference ${expected.width}x${expected.height} (see ${actualPath}).`,
    );
  }

  const { width, height } = drawn;
  const diff = new PNG({ width, height });
  const differing = pixelmatch(expected.data, drawn.data, diff.data, width, height, {
    threshold: 0.1,
  });
  const sameBrowser = referenceVersion() === version;
  const tolerance = sameBrowser ? SAME_BROWSER_TOLERANCE : OTHER_BROWSER_TOLERANCE;
  const share = differing / (width * height);
  if (share > tolerance) {
    const diffPath = join(OUTPUT_DIR, `${name}.diff.png`);
    writeFileSync(diffPath, PNG.sync.write(diff));
    throw new Error(
      `${name}: ${(share * 100).toFixed(2)}% of the pixels differ from the reference (allowed ${(tolerance * 100).toFixed(1)}%` +
        `${sameBrowser ? '' : `, loosely: references drawn by ${referenceVersion() ?? 'an unknown Chromium'}, this is ${version}`}).` +
        ` See ${actualPath} and ${diffPath}. If the change is intended: UPDATE_SCREENSHOTS=1 npm test, review, commit.`,
    );
  }
}
