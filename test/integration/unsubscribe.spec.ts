// Unsubscribing as a message's List-Unsubscribe offers, against real servers: Dovecot holds
// the newsletters, an HTTPS server on loopback (a certificate of the test's own authority)
// takes RFC 8058 one-click POSTs, and a real SMTP server receives the mailto: requests.
import { createServer, type Server } from 'node:https';
import { request } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-types';
import type { UnsubscribeResult } from '../../shared/requests/mail-actions';
import { buildMessage, startDovecot, type DovecotServer } from '../harness/dovecot';
import { startSmtp, type SmtpTestServer } from '../harness/smtp';
import { dovecotAccount, openTestCore } from '../harness/test-core';
import { makeTestCertificates } from '../harness/tls-certs';

let dovecot: DovecotServer;
let smtp: SmtpTestServer;
let https: Server;
let base: string;
let profile: string;
let core: Core;
/** What the HTTPS server received, and the status it answers with. */
const posts: { method: string; url: string; type: string; cookie?: string; body: string }[] = [];
let answer = 200;

/** fetch for the core, over node:https trusting the test's authority: a real TLS request. */
function fetchTrusting(ca: string): typeof fetch {
  return ((input: string | URL, init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const req = request(
        String(input),
        { method: init?.method, headers: init?.headers as Record<string, string>, ca },
        (res) => {
          res.resume();
          res.on('end', () => resolve(new Response(null, { status: res.statusCode })));
        },
      );
      req.on('error', reject);
      req.end(init?.body as string | undefined);
    })) as typeof fetch;
}

beforeAll(async () => {
  const certs = await makeTestCertificates();
  https = createServer({ cert: certs.server.certPem, key: certs.server.keyPem }, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      posts.push({
        method: req.method ?? '',
        url: req.url ?? '',
        type: req.headers['content-type'] ?? '',
        cookie: req.headers.cookie,
        body,
      });
      res.writeHead(answer, answer === 302 ? { location: '/elsewhere' } : {}).end();
    });
  });
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;

  dovecot = await startDovecot();
  smtp = await startSmtp(dovecot);
  const letter = (subject: string, headers: string[]) =>
    dovecot.deliver(buildMessage({ subject, from: 'News <news@news.example>', headers }));
  await letter('Weekly news', [
    'List-Id: Weekly news <weekly.news.example>',
    `List-Unsubscribe: <mailto:leave@news.example?subject=bye>,\r\n <${base}/u/42>`,
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
  ]);
  await letter('Daily digest', [
    'List-Unsubscribe: <mailto:leave@digest.example?subject=Remove%20me>',
  ]);
  await letter('Promotions', [`List-Unsubscribe: <${base}/page>`]);
  await letter('A note from Bob', []);

  profile = mkdtempSync(join(tmpdir(), 'passerelle-unsubscribe-'));
  core = await openTestCore(profile, { fetch: fetchTrusting(certs.caPem) });
  const account = await core.handlers['accounts.addImap'](
    dovecotAccount(dovecot, {
      smtp: { host: smtp.host, port: smtp.port, tls: 'none', from: 'alice@example.test' },
    }),
  );
  await core.handlers['sync.now']({ accountId: account.id });
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await smtp?.stop();
  await dovecot?.stop();
  https?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** The stored message of that subject, as the reading pane gets it. */
async function message(subject: string) {
  const thread = (await core.handlers['threads.list']({})).find((t) => t.subject === subject)!;
  return (await core.handlers['threads.get']({ threadId: thread.id }))!.messages[0]!;
}

async function unsubscribe(subject: string): Promise<UnsubscribeResult> {
  const outcome = await core.dispatch('mail.unsubscribe', {
    messageId: (await message(subject)).id,
  });
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value as UnsubscribeResult;
}

describe('mail.unsubscribe', () => {
  it('tells the reading pane how each message can be left', async () => {
    expect((await message('Weekly news')).unsubscribe).toEqual({
      web: `${base}/u/42`,
      mailto: 'mailto:leave@news.example?subject=bye',
      oneClick: true,
    });
    expect((await message('Promotions')).unsubscribe).toEqual({
      web: `${base}/page`,
      oneClick: false,
    });
    expect((await message('A note from Bob')).unsubscribe).toBeUndefined();
  });

  it('posts the one-click request (RFC 8058) rather than write, and says a refusal', async () => {
    const before = smtp.received.length;
    expect(await unsubscribe('Weekly news')).toEqual({
      via: 'one-click',
      host: new URL(base).host,
    });
    expect(posts).toEqual([
      {
        method: 'POST',
        url: '/u/42',
        type: 'application/x-www-form-urlencoded',
        cookie: undefined,
        body: 'List-Unsubscribe=One-Click',
      },
    ]);
    expect(smtp.received.length).toBe(before);
    // A redirect is not followed (it would carry the POST elsewhere): it is a refusal.
    answer = 302;
    await expect(unsubscribe('Weekly news')).rejects.toThrow(
      /unavailable: .*refused the request \(HTTP 302\)/,
    );
    expect(posts.map((p) => p.url)).toEqual(['/u/42', '/u/42']);
    answer = 200;
  });

  it('sends the message a mailto: asks for, from the account it came to', async () => {
    const result = await unsubscribe('Daily digest');
    expect(result).toMatchObject({ via: 'mail', to: 'leave@digest.example' });
    const sent = await smtp.mailTo('leave@digest.example');
    expect(sent.from).toBe('alice@example.test');
    expect(sent.raw).toMatch(/^Subject: Remove me\r$/m);
  });

  it('hands a page back for the window to open, and refuses a message with no way out', async () => {
    expect(await unsubscribe('Promotions')).toEqual({ via: 'page', url: `${base}/page` });
    await expect(unsubscribe('A note from Bob')).rejects.toThrow(
      /invalid-params: This message offers no way to unsubscribe/,
    );
    expect(posts.map((p) => p.url)).not.toContain('/page');
  });
});
