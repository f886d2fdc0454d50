// The main views as people see them, compared with the reference screenshots kept in
// test/e2e/screenshots/ (see test/harness/screenshots.ts): the first-run welcome, the
// inbox with a conversation open in light and dark, the keyboard help, and the window in
// French. The mail is dated in 2025 so every date shows in full and never drifts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../harness/app-server';
import { useBrowser, type TestPage } from '../harness/browser';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { expectScreenshot } from '../harness/screenshots';
import { addDovecotAccount } from './flows';

const browser = useBrowser();
let dovecot: DovecotServer;
let app: AppServer;

const MAIL = [
  {
    subject: 'Quarterly budget review',
    from: 'Claire Martin <claire@example.test>',
    date: '2025-03-10T09:15:00Z',
    text: 'Hello team,\n\nThe figures for Q1 are attached. Can we go through them on Thursday?\n\nClaire',
  },
  {
    subject: 'Re: Quarterly budget review',
    from: 'Paul Durand <paul@example.test>',
    date: '2025-03-10T11:40:00Z',
    text: 'Thursday works for me. I will bring the travel costs.\n\n> The figures for Q1 are attached.',
    replyTo: 0,
  },
  {
    subject: 'Team offsite in Lyon',
    from: 'Inès Moreau <ines@example.test>',
    date: '2025-03-11T08:05:00Z',
    text: 'The venue is booked for the 3rd of April. Please tell me about dietary needs.',
  },
  {
    subject: 'Invoice 2025-042',
    from: 'Billing <billing@example.test>',
    date: '2025-03-12T16:30:00Z',
    text: 'Please find invoice 2025-042 for March.',
  },
] as const;

beforeAll(async () => {
  dovecot = await startDovecot();
  const ids = MAIL.map((_, i) => `<visual-${i}@example.test>`);
  for (const [i, mail] of MAIL.entries()) {
    const parent = 'replyTo' in mail ? ids[mail.replyTo] : undefined;
    await dovecot.deliver(
      buildMessage({
        subject: mail.subject,
        from: mail.from,
        date: new Date(mail.date),
        text: mail.text,
        messageId: ids[i],
        ...(parent ? { inReplyTo: parent, references: [parent] } : {}),
      }),
    );
  }
  app = await startAppServer();
});

afterAll(async () => {
  await app?.stop();
  await dovecot?.stop();
});

/** The inbox once the account is online and every thread is listed. */
async function inboxReady({ page }: TestPage): Promise<void> {
  const subjects = () => page.getByTestId('row-subject').allInnerTexts();
  await expect.poll(subjects, { timeout: 30_000 }).toHaveLength(3);
  await expect
    .poll(() => page.locator('[data-status]').first().getAttribute('data-status'), {
      timeout: 30_000,
    })
    .toBe('online');
  // The sidebar fills in after the timeline.
  await expect.poll(() => page.getByTestId('folder').count(), { timeout: 30_000 }).toBe(6);
}

async function openBudgetThread({ page }: TestPage): Promise<void> {
  await page.getByTestId('row-subject').filter({ hasText: 'Quarterly budget review' }).click();
  await expect.poll(() => page.getByTestId('message').count(), { timeout: 10_000 }).toBe(2);
  // Opening it read its two messages: two unread are left, in the other threads.
  await expect
    .poll(() => page.getByTestId('account-unread').first().innerText(), { timeout: 30_000 })
    .toBe('2');
}

describe('reference screenshots of the main views', () => {
  it('the first-run welcome', async () => {
    const fresh = await startAppServer();
    try {
      const opened = await browser.newPage();
      await opened.page.goto(fresh.url);
      await opened.page.getByTestId('empty-state').waitFor();
      await expectScreenshot(opened.page, 'welcome');
      expect(opened.errors).toEqual([]);
    } finally {
      await fresh.stop();
    }
  });

  it('the inbox with a conversation open, light, with the keyboard help over it', async () => {
    const opened = await browser.newPage({ colorScheme: 'light', timezoneId: 'UTC' });
    await opened.page.goto(app.url);
    await addDovecotAccount(opened.page, dovecot);
    await inboxReady(opened);
    await openBudgetThread(opened);
    await expectScreenshot(opened.page, 'inbox-light');

    await opened.page.keyboard.press('Escape');
    await opened.page.getByTestId('timeline').focus();
    await opened.page.keyboard.press('?');
    await opened.page.getByTestId('help-overlay').waitFor();
    await expectScreenshot(opened.page, 'keyboard-help');
    expect(opened.errors).toEqual([]);
  });

  it('the inbox in dark mode', async () => {
    const opened = await browser.newPage({ colorScheme: 'dark', timezoneId: 'UTC' });
    await opened.page.goto(app.url);
    await inboxReady(opened);
    await openBudgetThread(opened);
    await expectScreenshot(opened.page, 'inbox-dark');
    expect(opened.errors).toEqual([]);
  });

  it('the inbox in French', async () => {
    const opened = await browser.newPage({
      colorScheme: 'light',
      locale: 'fr-FR',
      timezoneId: 'UTC',
    });
    await opened.page.goto(app.url);
    await inboxReady(opened);
    await openBudgetThread(opened);
    expect(await opened.page.locator('html').getAttribute('lang')).toBe('fr');
    await expectScreenshot(opened.page, 'inbox-french');
    expect(opened.errors).toEqual([]);
  });
});
