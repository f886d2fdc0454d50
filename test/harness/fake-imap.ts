// A tiny scripted IMAP server on loopback for hostile-server tests: answers just enough
// of RFC 3501 (greeting, CAPABILITY, LOGIN, LIST, SELECT, SEARCH, FETCH, LOGOUT) for
// imapflow to sync one mailbox, and lets a test replace any answer with a broken one.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type Reply = (tag: string, line: string) => string | Buffer | 'close' | 'silence';

export interface FakeImapScript {
  /** The greeting; 'silence' sends nothing, a Buffer is sent as is. */
  greeting?: string | Buffer | 'silence';
  /** Answers by command name (upper case, "UID FETCH" for UID commands). */
  replies?: Partial<Record<string, Reply>>;
}

export interface FakeImapServer {
  port: number;
  /** Every command line received, for assertions and failure messages. */
  received: string[];
  stop(): Promise<void>;
}

const MESSAGE =
  'From: Fake <fake@example.test>\r\nTo: alice@example.test\r\nSubject: hello\r\n' +
  'Message-ID: <fake-1@example.test>\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n\r\nhello body\r\n';

export const ENVELOPE =
  '("Mon, 1 Jan 2024 00:00:00 +0000" "hello" (("Fake" NIL "fake" "example.test")) ' +
  '(("Fake" NIL "fake" "example.test")) (("Fake" NIL "fake" "example.test")) ' +
  '((NIL NIL "alice" "example.test")) NIL NIL NIL "<fake-1@example.test>")';

/** A well-formed answer to each command a sync sends. */
export const DEFAULT_REPLIES: Record<string, Reply> = {
  CAPABILITY: (tag) => `* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done\r\n`,
  LOGIN: (tag) => `${tag} OK [CAPABILITY IMAP4rev1] logged in\r\n`,
  LIST: (tag) => `* LIST (\\HasNoChildren) "/" "INBOX"\r\n${tag} OK done\r\n`,
  LSUB: (tag) => `* LSUB (\\HasNoChildren) "/" "INBOX"\r\n${tag} OK done\r\n`,
  SELECT: (tag) =>
    `* FLAGS (\\Seen \\Answered)\r\n* 1 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] ok\r\n` +
    `* OK [UIDNEXT 2] ok\r\n${tag} OK [READ-WRITE] selected\r\n`,
  EXAMINE: (tag) =>
    `* FLAGS (\\Seen)\r\n* 1 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n${tag} OK [READ-ONLY] ok\r\n`,
  'UID SEARCH': (tag) => `* SEARCH 1\r\n${tag} OK done\r\n`,
  SEARCH: (tag) => `* SEARCH 1\r\n${tag} OK done\r\n`,
  FETCH: (tag, line) => fetchReply(tag, line),
  'UID FETCH': (tag, line) => fetchReply(tag, line),
  LOGOUT: (tag) => `* BYE bye\r\n${tag} OK done\r\n`,
};

export function fetchReply(tag: string, line: string): string {
  const body = /BODY(\.PEEK)?\[\]/i.test(line)
    ? ` BODY[] {${Buffer.byteLength(MESSAGE)}}\r\n${MESSAGE}`
    : ` ENVELOPE ${ENVELOPE} BODY[HEADER.FIELDS (REFERENCES IN-REPLY-TO)] {2}\r\n\r\n`;
  return (
    `* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE ${MESSAGE.length} ` +
    `INTERNALDATE "01-Jan-2024 00:00:00 +0000"${body})\r\n${tag} OK done\r\n`
  );
}

function commandOf(line: string): { tag: string; name: string } {
  const [tag = '*', first = '', second = ''] = line.split(' ');
  const name = first.toUpperCase() === 'UID' ? `UID ${second.toUpperCase()}` : first.toUpperCase();
  return { tag, name };
}

export async function startFakeImap(script: FakeImapScript = {}): Promise<FakeImapServer> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const greeting = script.greeting ?? '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake ready\r\n';
    if (greeting !== 'silence') socket.write(greeting);
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      let end: number;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        received.push(line);
        const { tag, name } = commandOf(line);
        const reply =
          script.replies?.[name] ?? DEFAULT_REPLIES[name] ?? ((t) => `${t} OK done\r\n`);
        const answer = reply(tag, line);
        if (answer === 'close') socket.end();
        else if (answer !== 'silence' && !socket.destroyed) socket.write(answer);
        if (name === 'LOGOUT') socket.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
