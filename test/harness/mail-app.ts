// Browser mode on a profile with mail, for the end-to-end specs that read and send: a
// throwaway Dovecot and SMTP server (delivering into that Dovecot), the mail accounts added
// the way the CLI adds them, mail delivered before the app starts, and one stop for all.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CLI,
  imapAccountArgs,
  smtpAccountArgs,
  startAppServer,
  type AppServer,
} from './app-server';
import { startDovecot, type DovecotServer } from './dovecot';
import { startSmtp, type SmtpTestServer } from './smtp';

export interface MailApp {
  dovecot: DovecotServer;
  smtp: SmtpTestServer;
  profile: string;
  /** The running app; replaced by restart(). */
  app: AppServer;
  /** Stops the app and serves the same profile again (a restart of the core). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMailApp(options: {
  /** Mail accounts on the test Dovecot, each with the SMTP server and this From. */
  accounts: { name: string; from?: string }[];
  /** Mail in the inbox before the app first syncs. */
  deliver?: (dovecot: DovecotServer) => Promise<unknown>;
}): Promise<MailApp> {
  const dovecot = await startDovecot();
  const smtp = await startSmtp(dovecot);
  const profile = mkdtempSync(join(tmpdir(), 'passerelle-mail-e2e-'));
  for (const account of options.accounts) {
    execFileSync(
      process.execPath,
      [
        CLI,
        '--profile',
        profile,
        ...imapAccountArgs(account.name, dovecot, 'PW'),
        ...smtpAccountArgs(smtp, account.from),
      ],
      { env: { ...process.env, PW: dovecot.password } },
    );
  }
  await options.deliver?.(dovecot);
  const mail: MailApp = {
    dovecot,
    smtp,
    profile,
    app: await startAppServer({ profileDir: profile }),
    async restart() {
      await mail.app.stop();
      mail.app = await startAppServer({ profileDir: profile });
    },
    async stop() {
      await mail.app.stop();
      await smtp.stop();
      await dovecot.stop();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return mail;
}
