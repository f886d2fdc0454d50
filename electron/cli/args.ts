// Argument parsing for the CLI: global options first, then the command words.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommand<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function requireOption(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required.`);
  return value;
}

export function integerOption(
  values: Record<string, unknown>,
  name: string,
  fallback?: number,
): number {
  const value = values[name];
  if (value === undefined && fallback !== undefined) return fallback;
  const number = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(number)) {
    throw new UsageError(`--${name} takes a whole number.`);
  }
  return number;
}

export const USAGE = `Usage: passerelle [--profile DIR] <command>

Accounts
  account add imap --name N --host H --port P --tls none|starttls|tls --user U --password-env VAR
                   [--smtp-host H --smtp-port P --smtp-tls none|starttls|tls] [--smtp-user U] [--from ADDR]
                   [--trust-cert SHA256] [--ca-file PEM]   a certificate / CA you confirmed, this account only
                   [--auth xoauth2 --token-env VAR [--oauth-token-command CMD]]   OAuth2 access token;
                   CMD prints a fresh one when the server rejects it
  account add wordpress --name N --url URL --user U --password-env VAR
  account add mattermost|zulip|discourse|mastodon --name N --url URL [--user U] --token-env VAR
  account add feed --name N --url URL [--user U --password-env VAR | --token-env VAR]
  account list [--json]
  account remove NAME
  account rename ID|NAME NEW_NAME
  account password ID|NAME [--password-file F]   the new password or token: first line of F, else stdin
  account identity ID|NAME [--from-name NAME] [--signature-file F|- | --no-signature] [--json]
                                         your name in From, and the signature under new mail
  account folders ID|NAME [--sync PATH=on|off|default]... [--window DAYS|all] [--json]
                                         which folders sync, and how far back new mail is fetched
  account trust-cert NAME SHA256   accept that exact certificate for this account (it failed checks)
  spaces --account NAME [--json]   an RSE account's spaces; * marks followed ones
  follow NAME:SPACE                read a space (id or name) into the timeline
  unfollow NAME:SPACE

Sync and read
  sync --once [--account NAME]     catch up once, then exit
  sync [--notify]                  keep syncing (IDLE, polling) until Ctrl+C; --notify prints
                                   each notification as one JSON line
  timeline [--json] [--limit N] [--unread]
  threads [--json]
  search QUERY [--json] [--limit N]   words, "phrases", from: to: subject: in: is: has:
                                      before: after: source:

Act
  mark ITEM_ID read|unread|flag|unflag|archive|trash|junk|move [--folder F]
                                   ITEM_ID: mail-thread:N (timeline --json), a thread id, or message:N
  send --account N --to ADDR --subject S --body-file F [--cc ADDR] [--in-reply-to MESSAGE_ID]
  unsubscribe THREAD_ID [--json]   stop a newsletter as it offers (one-click, email, or its page)
  invite THREAD_ID [--answer yes|maybe|no] [--json]   show a calendar invitation, or answer it
  convert THREAD_ID [--account N --space S | --to N:S] [--preview] [--json]   post a thread
                   [--reply-all] [--archive]   tell the participants the link by mail; archive it
  conversions [--json] | conversions retry ID | conversions follow ID   add a thread's new emails
  conversions options [--follow on|offered|off] [--reply-all on|off] [--archive on|off]
  tasks [--json] [--failed] | tasks retry ID | tasks undo ID | tasks wait   the outbox

Notifications
  notify settings|unread           show notification settings / the unread count
  notify dnd --on|--off|--minutes N|--tomorrow
  notify mute|unmute THREAD_ID     silence one thread (ids from: threads --json)
  notify source ACCOUNT all|mentions|none

Browser mode
  serve [--host 127.0.0.1] [--port N]   prints the URL with its token

The profile is --profile DIR, else $PASSERELLE_HOME, else the desktop app's profile.
Passwords and tokens are read from the environment variable named by --password-env or
--token-env, never from the command line.`;
