// A real SMTP server for tests (the smtp-server package) on a free loopback port. What it
// accepts is delivered into the test Dovecot's INBOX by IMAP APPEND, the way a local MTA
// would hand it over, and kept for assertions. It can be told to refuse or to be down.
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { freePort, type DovecotServer } from './dovecot';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** When the message was accepted (Date.now()). */
  receivedAt: number;
}

export interface SmtpTestServer {
  host: '127.0.0.1';
  port: number;
  received: ReceivedMail[];
  /** The first message received for `address`, once it has arrived (bounded wait). */
  mailTo(address: string, timeoutMs?: number): Promise<ReceivedMail>;
  /** Reply to the next DATA commands with this code and text (e.g. 451 or 550); null to accept. */
  refuse(reply: { code: number; message: string } | null): void;
  stop(): Promise<void>;
}

export async function startSmtp(
  dovecot: DovecotServer,
  options: { port?: number } = {},
): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  let refusal: { code: number; message: string } | null = null;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === dovecot.user && auth.password === dovecot.password) {
        callback(null, { user: auth.username });
      } else callback(new Error('Invalid username or password'));
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusal) {
          const error = new Error(refusal.message) as Error & { responseCode: number };
          error.responseCode = refusal.code;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = session.envelope;
        received.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
          raw,
          receivedAt: Date.now(),
        });
        // Every recipient here is alice: deliver one copy to her INBOX.
        dovecot.deliver(raw).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  server.on('error', () => undefined);
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    received,
    async mailTo(address, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mail = received.find((m) => m.to.includes(address));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no mail for ${address} in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    refuse(reply) {
      refusal = reply;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
