// Exactly once, whatever the moment of a kill -9: a thread split into a post and replies
// is converted by the real CLI against a real Dovecot and a real WordPress, and the
// process is killed (SIGKILL) right after WordPress created the post, then right after it
// created each reply, before the CLI could record them. Restarted each time, the outbox
// finds every item by its marker instead of posting it again. Follow mode is held to the
// same: a later email becomes one comment even when the process dies just after creating it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversionInfo } from '../../shared/requests/convert';
import { CLI, imapAccountArgs, wordpressAccountArgs } from '../harness/app-server';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { openProfileDbReadonly } from '../harness/profile-db';
import { startWordPress, type WordPressServer } from '../harness/wordpress';

const run = promisify(execFile);
const CRASHING_CLI = join(import.meta.dirname, 'convert-crash-cli.mjs');
let dovecot: DovecotServer;
let wp: WordPressServer;
let profile: string;
let categoryId: number;

interface Outcome {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

async function exec(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, {
      env: { ...process.env, MAIL_PW: dovecot.password, WP_PW: wp.appPassword, ...env },
      timeout: 90_000,
    });
    return { code: 0, signal: null, stdout, stderr };
  } catch (error) {
    const e = error as {
      code: number | null;
      signal: string | null;
      stdout: string;
      stderr: string;
    };
    return { code: e.code, signal: e.signal, stdout: e.stdout, stderr: e.stderr };
  }
}

const cli = (...args: string[]) => exec([CLI, '--profile', profile, ...args]);
const crashing = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  exec([CRASHING_CLI, '--profile', profile, ...args], env);

interface StoredPost {
  id: number;
  content: { raw: string };
}
interface StoredComment {
  id: number;
  post: number;
  content: { raw: string };
}
const posts = () =>
  wp.rest<StoredPost[]>('GET', `/wp/v2/posts?categories=${categoryId}&context=edit`);
const comments = (post: number) =>
  wp.rest<StoredComment[]>(
    'GET',
    `/wp/v2/comments?post=${post}&context=edit&status=all&orderby=id&order=asc&per_page=100`,
  );
const markerOf = (c: StoredComment) => /<!-- (passerelle\w+) -->/u.exec(c.content.raw)?.[1];

function conversionRow(): Record<string, unknown> {
  const db = openProfileDbReadonly(profile);
  try {
    return db.prepare('SELECT * FROM conversions ORDER BY id LIMIT 1').get() as Record<
      string,
      unknown
    >;
  } finally {
    db.close();
  }
}

async function conversions(): Promise<ConversionInfo[]> {
  const listed = await cli('conversions', '--json');
  expect(listed.code, listed.stderr).toBe(0);
  return JSON.parse(listed.stdout) as ConversionInfo[];
}

const paragraph = (who: string, n: number) =>
  `${who} writes paragraph ${n}: ` + 'the quarterly numbers need another look. '.repeat(8);

beforeAll(async () => {
  [dovecot, wp] = await Promise.all([startDovecot(), startWordPress()]);
  categoryId = await wp.createCategory('Finance');
  const hour = 3_600_000;
  const base = Date.now() - 10 * hour;
  const people = ['Bob <bob@example.test>', 'Carol <carol@example.test>', 'Dan <dan@example.test>'];
  for (const [i, from] of people.entries()) {
    await dovecot.deliver(
      buildMessage({
        messageId: `<split-${i}@example.test>`,
        from,
        subject: i === 0 ? 'Quarterly review' : 'Re: Quarterly review',
        date: new Date(base + i * hour),
        ...(i > 0 ? { inReplyTo: `<split-${i - 1}@example.test>` } : {}),
        references: Array.from({ length: i }, (_, j) => `<split-${j}@example.test>`),
        text: [paragraph(from.split(' ')[0]!, 1), paragraph(from.split(' ')[0]!, 2)].join('\n\n'),
      }),
    );
  }
  profile = mkdtempSync(join(tmpdir(), 'passerelle-convert-kill-'));
  for (const args of [
    imapAccountArgs('Work', dovecot, 'MAIL_PW'),
    wordpressAccountArgs('Intranet', wp, 'WP_PW'),
    ['follow', 'Intranet:Finance'],
    ['sync', '--once'],
  ]) {
    const done = await cli(...args);
    expect(done.code, done.stderr).toBe(0);
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([dovecot?.stop(), wp?.stop()]);
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('a conversion killed at each step', () => {
  it('posts the post and each reply exactly once', async () => {
    const threads = JSON.parse((await cli('threads', '--json')).stdout) as {
      id: string;
      subject: string;
    }[];
    const threadId = threads.find((t) => t.subject === 'Quarterly review')!.id;

    // 1. Killed right after WordPress created the post.
    const first = await crashing(
      { CRASH_AFTER: 'post', SPLIT_AT: '900' },
      'convert',
      threadId,
      '--to',
      'Intranet:Finance',
    );
    expect(first.signal).toBe('SIGKILL');
    expect(await posts()).toHaveLength(1);
    // Read from the file: any CLI command would start the outbox and resume the task.
    expect(conversionRow()).toMatchObject({ state: 'posting', post_remote_id: null });

    // 2. and 3. Restarted, then killed right after WordPress created the next reply.
    for (const expected of [1, 2]) {
      const resumed = await crashing({ CRASH_AFTER: 'comment' }, 'tasks', 'wait');
      expect(resumed.signal, JSON.stringify(resumed)).toBe('SIGKILL');
      const [post] = await posts();
      expect((await comments(post!.id)).length).toBe(expected);
      // Recorded: the post (found by its marker), and the replies before the one killed.
      expect(conversionRow()).toMatchObject({ post_remote_id: String(post!.id) });
      expect(JSON.parse(conversionRow().reply_remote_ids as string)).toHaveLength(expected - 1);
    }

    // 4. Restarted for good: the rest is posted, nothing twice.
    const finished = await cli('tasks', 'wait', '--json');
    expect(finished.code, finished.stderr).toBe(0);
    const stored = await posts();
    expect(stored).toHaveLength(1);
    const [done] = await conversions();
    expect(done).toMatchObject({ state: 'posted', postRemoteId: String(stored[0]!.id) });
    const replies = await comments(stored[0]!.id);
    // The plan had more parts than the two replies made before the kills.
    expect(replies.length).toBeGreaterThan(2);
    expect(done!.replyRemoteIds).toEqual(replies.map((c) => String(c.id)));
    const markers = replies.map(markerOf);
    expect(new Set(markers).size).toBe(replies.length);
    const rootMarker = markerOf({ ...stored[0]!, post: 0 });
    expect(markers.every((m) => m?.startsWith(`${rootMarker}part`))).toBe(true);
    // Every paragraph of the thread is there, once.
    const all = [stored[0]!.content.raw, ...replies.map((c) => c.content.raw)].join('\n');
    for (const who of ['Bob', 'Carol', 'Dan']) {
      for (const n of [1, 2]) {
        expect(all.split(`${who} writes paragraph ${n}:`)).toHaveLength(2);
      }
    }
  }, 300_000);

  it('adds a later email to the post once, though killed after creating its comment', async () => {
    const [post] = await posts();
    const before = await comments(post!.id);
    await dovecot.deliver(
      buildMessage({
        messageId: '<split-late@example.test>',
        from: 'Erin <erin@example.test>',
        subject: 'Re: Quarterly review',
        inReplyTo: '<split-2@example.test>',
        references: ['<split-0@example.test>', '<split-1@example.test>', '<split-2@example.test>'],
        text: 'Late to the party: the numbers are fine by me.',
      }),
    );
    // Whichever process runs the follow-up (the sync that saw the email, or the next one),
    // it is killed right after WordPress created the comment.
    const synced = await crashing({ CRASH_AFTER: 'comment' }, 'sync', '--once');
    const resumed = await crashing({ CRASH_AFTER: 'comment' }, 'tasks', 'wait');
    expect([synced.signal, resumed.signal].filter((s) => s === 'SIGKILL')).toHaveLength(1);
    const finished = await cli('tasks', 'wait', '--json');
    expect(finished.code, finished.stderr).toBe(0);

    const after = await comments(post!.id);
    const added = after.filter((c) => !before.some((b) => b.id === c.id));
    expect(added).toHaveLength(1);
    expect(added[0]!.content.raw).toContain('Late to the party');
    expect(markerOf(added[0]!)).toMatch(/follow/u);
    const [done] = await conversions();
    expect(done!.messageIds).toContain('<split-late@example.test>');
    expect(done!.replyRemoteIds).toContain(String(added[0]!.id));
    expect(done!.newMessageIds).toEqual([]);
  }, 300_000);

  it('offers later emails from the CLI when follow mode is "offered", and adds them on request', async () => {
    const set = await cli('conversions', 'options', '--follow', 'offered', '--json');
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ follow: 'offered', replyAll: false, archive: false });
    const [post] = await posts();
    const before = await comments(post!.id);
    await dovecot.deliver(
      buildMessage({
        messageId: '<split-later@example.test>',
        from: 'Frank <frank@example.test>',
        subject: 'Re: Quarterly review',
        inReplyTo: '<split-late@example.test>',
        references: ['<split-0@example.test>', '<split-late@example.test>'],
        text: 'One more thing: the travel budget.',
      }),
    );
    expect((await cli('sync', '--once')).code).toBe(0);
    const [offered] = await conversions();
    expect(offered!.newMessageIds).toEqual(['<split-later@example.test>']);
    expect(await comments(post!.id)).toHaveLength(before.length);

    const followed = await cli('conversions', 'follow', offered!.id, '--json');
    expect(followed.code, followed.stderr).toBe(0);
    const done = JSON.parse(followed.stdout) as ConversionInfo;
    expect(done.newMessageIds).toEqual([]);
    const after = await comments(post!.id);
    expect(after).toHaveLength(before.length + 1);
    expect(after[after.length - 1]!.content.raw).toContain('the travel budget');
    expect(done.replyRemoteIds).toContain(String(after[after.length - 1]!.id));
  }, 300_000);
});
