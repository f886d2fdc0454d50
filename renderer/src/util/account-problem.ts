// What the add-account forms and the settings dialog say when the core refuses a
// connection: a headline from the core's error code, its message as it is (it names the
// host and the exact step), and how to fix it for that network.
import type { AccountStatus, AccountStatusKind, RseNetwork } from '../../../shared/domain';

export type AccountKind = 'imap' | RseNetwork;

export interface AccountProblem {
  title: string;
  detail: string;
  fix?: string;
}

export const NETWORK_LABELS: Record<AccountKind, string> = {
  imap: 'Mail (IMAP)',
  wordpress: 'WordPress',
  mattermost: 'Mattermost',
  zulip: 'Zulip',
  discourse: 'Discourse',
  mastodon: 'Mastodon',
  feed: 'Feed (RSS, Atom)',
};

/** Where each network hands out the secret Passerelle needs. */
const CREDENTIAL_FIX: Record<AccountKind, string> = {
  imap: 'Check the user name and password; some providers want an app password instead of your usual one.',
  wordpress:
    'Check the user name and the application password (not your login password). WordPress: Users → Profile → Application Passwords.',
  mattermost:
    'Check the personal access token. Mattermost: Profile → Security → Personal Access Tokens (an administrator may have to allow them).',
  zulip: 'Check the email and the API key. Zulip: Personal settings → Account & privacy → API key.',
  discourse:
    'Check the API key, and for an admin key the user name it acts as. Discourse: Admin → API → Keys.',
  mastodon:
    'Check the access token. Mastodon: Preferences → Development → New application, with read and write scopes.',
  feed: 'Check the user name and password, or the token, that this feed asks for.',
};

const PERMISSION_FIX: Partial<Record<AccountKind, string>> = {
  wordpress: 'The user needs a role that can read the REST API (Author or above to post).',
  mattermost: 'Ask an administrator to let this user read the team’s channels.',
};

const REACH_FIX =
  'Check the address (with https://) and that this computer can reach it; some sites are only reachable through a VPN.';

/**
 * The core reports a refused permission and an overloaded server as `unavailable` too; its
 * message tells them apart (electron/core/rse/http.ts), and the headline should not say
 * "could not reach" to someone whose site answered.
 */
function refine(code: string, message: string): string {
  if (code !== 'unavailable') return code;
  if (/not allowed/i.test(message)) return 'permission';
  if (/rate limited/i.test(message)) return 'rate-limited';
  if (/server failed|not JSON|not a list|unexpected/i.test(message)) return 'server';
  return code;
}

export function describeProblem(kind: AccountKind, code: string, message: string): AccountProblem {
  const site = kind === 'imap' ? 'mail server' : 'site';
  const detail = message;
  switch (refine(code, message)) {
    case 'auth-failed':
      return {
        title: `The ${site} refused these credentials.`,
        detail,
        fix: CREDENTIAL_FIX[kind],
      };
    case 'tls':
      return {
        title: 'The secure connection failed.',
        detail,
        fix: 'Check the port and security setting, and that the server’s certificate is valid.',
      };
    case 'unavailable':
      return { title: `Could not reach the ${site}.`, detail, fix: REACH_FIX };
    case 'permission':
      return {
        title: 'Signed in, but this user is not allowed to read it.',
        detail,
        fix: PERMISSION_FIX[kind] ?? 'Ask an administrator for access, or use another account.',
      };
    case 'rate-limited':
      return {
        title: `The ${site} is limiting requests.`,
        detail,
        fix: 'Wait a minute, then try again.',
      };
    case 'server':
      return {
        title: `The ${site} answered with an error.`,
        detail,
        fix: 'Try again later; if it persists, the site’s administrator will find the cause in its logs.',
      };
    case 'not-found':
      return {
        title:
          kind === 'feed'
            ? 'No feed at this address.'
            : `This address does not look like a ${NETWORK_LABELS[kind]} ${site}.`,
        detail,
        fix:
          kind === 'feed'
            ? 'Give the address of the feed itself, or of a page that links to one.'
            : 'Check the address: use the site’s home page, without a path.',
      };
    case 'invalid-params':
      return { title: 'Some fields are not valid.', detail };
    case 'conflict':
      return { title: 'That name is already taken.', detail, fix: 'Choose another account name.' };
    default:
      return { title: 'Could not add the account.', detail };
  }
}

const STATUS_LABELS: Record<AccountStatusKind, string> = {
  idle: 'Idle',
  syncing: 'Syncing…',
  online: 'Up to date',
  offline: 'Offline',
  'auth-failed': 'Sign-in failed',
  error: 'Error',
};

export interface StatusDescription {
  /** The state as the sidebar shows it: "Offline: no answer." */
  text: string;
  /** What the user can do about it, when anything. */
  fix?: string;
}

/** An account's state for people; a paused account says so whatever its last status. */
export function describeStatus(status: AccountStatus, paused = false): StatusDescription {
  if (paused) return { text: 'Paused', fix: 'Not syncing until you resume it.' };
  const label = STATUS_LABELS[status.kind];
  const text = status.message ? `${label}: ${status.message}` : label;
  if (status.kind === 'auth-failed')
    return {
      text,
      fix: 'If the password or token changed, remove the account and add it again with the new one.',
    };
  if (status.kind === 'offline')
    return { text, fix: 'Passerelle keeps retrying; check your network or VPN.' };
  return { text };
}
