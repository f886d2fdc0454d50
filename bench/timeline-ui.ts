// The timeline as people feel it, measured in Debian's Chromium driving browser mode over
// a real profile: time to first rows (cold load, and a view switch that runs a new
// query), frames during a fast scroll, and the JS heap before and after. Run with 1,000
// items as the baseline and 100,000 items as the case that matters; the ratios say
// whether the list stays flat as the mailbox grows. Figures only, no assertions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { insertImapAccount } from '../test/harness/mail-db';
import { openDatabase } from '../electron/core/db/connection';
import { Writer } from '../electron/core/db/deltas';
import { createSqliteMailStore } from '../electron/core/db/mail-store-sqlite';
import type { IncomingMessage } from '../electron/core/mail/mail-store';
import { startAppServer } from '../test/harness/app-server';
import { launchBrowser, openPage } from '../test/harness/chromium';

// The page callbacks below run in Chromium; Node's type library has no DOM, so these
// few declarations (module-scoped) describe the part of it they use.
interface PageElement {
  scrollTop: number;
  click(): void;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { length: number };
}
declare const document: { querySelector(selector: string): PageElement | null };
declare function requestAnimationFrame(callback: (now: number) => void): number;

const BATCH = 1_000;
const SCROLL_MS = 3_000;
const SWITCHES = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** One thread per message, so N messages are N timeline rows; a third are unread. */
function message(uid: number): IncomingMessage {
  return {
    uid,
    messageId: `<ui${uid}@bench.test>`,
    inReplyTo: null,
    references: [],
    subject: `Timeline bench item ${uid}`,
    from: { name: `Sender ${uid % 211}`, address: `s${uid % 211}@bench.test` },
    to: [{ address: 'me@bench.test' }],
    cc: [],
    date: new Date(Date.UTC(2026, 0, 1) + uid * 60_000).toISOString(),
    flags: uid % 3 === 0 ? [] : ['\\Seen'],
    size: 2048,
    snippet: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.',
    bodyText: null,
  };
}

/** A profile holding `count` threads in one account that points at a closed local port. */
function buildProfile(count: number): string {
  const profileDir = mkdtempSync(join(tmpdir(), 'passerelle-bench-ui-'));
  const db = openDatabase(join(profileDir, 'passerelle.db'));
  // Port 1 on loopback: the account's sync fails fast and stays offline, no traffic.
  insertImapAccount(db, { id: 'bench', name: 'Bench', imap: { user: 'bench' } });
  const store = createSqliteMailStore(new Writer(db));
  for (let first = 1; first <= count; first += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - first + 1) }, (_, i) =>
      message(first + i),
    );
    store.saveMessages('bench', 'INBOX', batch, {});
  }
  db.close();
  return profileDir;
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  return used / 1024 / 1024;
}

/** Milliseconds from the click on a smart view to the first row of its answer. */
async function viewSwitchMs(page: Page, view: string): Promise<number> {
  return page.evaluate(async (testId) => {
    const list = document.querySelector('[data-testid="timeline"]')!;
    const before = list.querySelector('[data-testid="timeline-row"]');
    const start = performance.now();
    document.querySelector(`[data-testid="${testId}"]`)!.click();
    for (;;) {
      await new Promise(requestAnimationFrame);
      const first = list.querySelector('[data-testid="timeline-row"]');
      if (first && first !== before && list.getAttribute('aria-busy') !== 'true') break;
      if (performance.now() - start > 10_000) return Number.NaN;
    }
    return performance.now() - start;
  }, `view-${view}`);
}

interface ScrollFigures {
  frames: number;
  fps: number;
  longestFrameMs: number;
  slowFrames: number;
  rowsInDom: number;
  scrolledPx: number;
}

/** Flings the list downwards for SCROLL_MS, counting animation frames as it goes. */
async function fastScroll(page: Page): Promise<ScrollFigures> {
  return page.evaluate(async (durationMs) => {
    const list = document.querySelector('[data-testid="timeline"]')!;
    const gaps: number[] = [];
    const start = performance.now();
    let last = start;
    while (performance.now() - start < durationMs) {
      list.scrollTop += 2_400; // about 40 rows a frame: a hard fling
      const now = await new Promise<number>(requestAnimationFrame);
      gaps.push(now - last);
      last = now;
    }
    const elapsed = performance.now() - start;
    return {
      frames: gaps.length,
      fps: (gaps.length / elapsed) * 1000,
      longestFrameMs: Math.max(...gaps),
      slowFrames: gaps.filter((g) => g > 50).length,
      rowsInDom: list.querySelectorAll('[data-testid="timeline-row"]').length,
      scrolledPx: list.scrollTop,
    };
  }, SCROLL_MS);
}

interface RunFigures {
  firstRowsMs: number;
  viewSwitchMs: number;
  scroll: ScrollFigures;
  heapBeforeMb: number;
  heapAfterMb: number;
}

async function measure(count: number): Promise<RunFigures> {
  const profileDir = buildProfile(count);
  const app = await startAppServer({ profileDir });
  const browser = await launchBrowser();
  try {
    const { page } = await openPage(browser);
    await page.goto(app.url);
    await page.waitForSelector('[data-testid="timeline-row"]');
    const firstRowsMs = await page.evaluate(() => performance.now());
    // The median of several switches between two views, each a new query on a warm page.
    const switches: number[] = [];
    for (let i = 0; i < SWITCHES; i++)
      switches.push(await viewSwitchMs(page, i % 2 ? 'all' : 'unread'));
    await viewSwitchMs(page, 'all');
    const heapBeforeMb = await heapMb(page);
    const scroll = await fastScroll(page);
    const heapAfterMb = await heapMb(page);
    return {
      firstRowsMs,
      viewSwitchMs: median(switches),
      scroll,
      heapBeforeMb,
      heapAfterMb,
    };
  } finally {
    await browser.close();
    await app.stop();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

export async function benchTimelineUi(sizes: readonly number[] = [1_000, 100_000]): Promise<void> {
  const results = new Map<number, RunFigures>();
  for (const size of sizes) results.set(size, await measure(size));
  const base = results.get(sizes[0]!)!;
  console.log(`timeline in Chromium (browser mode), fast scroll for ${SCROLL_MS / 1000} s:`);
  for (const [size, r] of results) {
    const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}x`;
    console.log(`  ${size.toLocaleString()} items`);
    console.log(
      `    first rows after load ${r.firstRowsMs.toFixed(0)} ms (${ratio(r.firstRowsMs, base.firstRowsMs)}), view switch to first rows (median of ${SWITCHES}) ${r.viewSwitchMs.toFixed(1)} ms (${ratio(r.viewSwitchMs, base.viewSwitchMs)})`,
    );
    console.log(
      `    scroll ${r.scroll.fps.toFixed(1)} fps over ${r.scroll.frames} frames (${ratio(r.scroll.fps, base.scroll.fps)}), longest frame ${r.scroll.longestFrameMs.toFixed(1)} ms, frames over 50 ms ${r.scroll.slowFrames}, ${r.scroll.rowsInDom} rows in the DOM, ${Math.round(r.scroll.scrolledPx / 1000)}k px scrolled`,
    );
    console.log(
      `    JS heap ${r.heapBeforeMb.toFixed(1)} MB before, ${r.heapAfterMb.toFixed(1)} MB after the scroll (${ratio(r.heapAfterMb, r.heapBeforeMb)})`,
    );
  }
}
