// What the add-account forms and the settings dialog say when the core refuses a
// connection: a headline from the core's error code, its message as it is (it names the
// host and the exact step), and how to fix it for that network. Strings come from the
// accountSettings area of the i18n layer, read at call time so they follow the language.
import type { AccountStatus, AccountStatusKind, RseNetwork } from '../../../shared/domain';
import { t } from '../i18n';
import { translateCoreText } from './core-text';

export type AccountKind = 'imap' | RseNetwork;

export interface AccountProblem {
  title: string;
  detail: string;
  fix?: string;
}

/** Network names are brands; only the two descriptive labels are translated (getters). */
export const NETWORK_LABELS: Record<AccountKind, string> = {
  get imap() {
    return t('accountSettings.networks.imap');
  },
  wordpress: 'WordPress',
  mattermost: 'Mattermost',
  zulip: 'Zulip',
  discourse: 'Discourse',
  mastodon: 'Mastodon',
  get feed() {
    return t('accountSettings.networks.feed');
  },
};

/**
 * Cores from before the 'forbidden' code reported a refused permission and an overloaded
 * server as `unavailable` too; their message tells them apart (electron/core/rse/http.ts),
 * and the headline should not say "could not reach" to someone whose site answered.
 */
function refine(code: string, message: string): string {
  if (code === 'permission') return 'forbidden';
  if (code !== 'unavailable') return code;
  if (/not allowed/i.test(message)) return 'forbidden';
  if (/rate limited/i.test(message)) return 'rate-limited';
  if (/server failed|not JSON|not a list|unexpected/i.test(message)) return 'server';
  return code;
}

/** What to change when a signed-in user is refused (HTTP 403) on this network. */
export function permissionFix(kind: AccountKind): string {
  return t(`accountSettings.permissionFix.${kind}`);
}

export function describeProblem(kind: AccountKind, code: string, message: string): AccountProblem {
  const mail = kind === 'imap';
  const detail = message;
  const p = (key: string) => t(`accountSettings.problem.${key}`);
  switch (refine(code, message)) {
    case 'auth-failed':
      return {
        title: p(mail ? 'authTitleMail' : 'authTitleSite'),
        detail,
        fix: t(`accountSettings.credentialFix.${kind}`),
      };
    case 'tls':
      return { title: p('tlsTitle'), detail, fix: p('tlsFix') };
    case 'unavailable':
      return { title: p(mail ? 'reachTitleMail' : 'reachTitleSite'), detail, fix: p('reachFix') };
    case 'forbidden':
      return { title: p('forbiddenTitle'), detail, fix: permissionFix(kind) };
    case 'rate-limited':
      return { title: p(mail ? 'rateTitleMail' : 'rateTitleSite'), detail, fix: p('rateFix') };
    case 'server':
      return {
        title: p(mail ? 'serverTitleMail' : 'serverTitleSite'),
        detail,
        fix: p('serverFix'),
      };
    case 'not-found':
      return kind === 'feed'
        ? { title: p('noFeed'), detail, fix: p('noFeedFix') }
        : {
            title: t('accountSettings.problem.notNetwork', { network: NETWORK_LABELS[kind] }),
            detail,
            fix: p('notNetworkFix'),
          };
    case 'invalid-params':
      return { title: p('invalid'), detail };
    case 'conflict':
      return { title: p('conflict'), detail, fix: p('conflictFix') };
    case 'storage':
      return { title: p('storageTitle'), detail, fix: p('storageFix') };
    default:
      return { title: p('generic'), detail };
  }
}

const STATUS_KEYS: Record<AccountStatusKind, string> = {
  idle: 'idle',
  syncing: 'syncing',
  online: 'online',
  offline: 'offline',
  'auth-failed': 'authFailed',
  error: 'error',
};

export interface StatusDescription {
  /** The state as the sidebar shows it: "Offline: no answer." */
  text: string;
  /** What the user can do about it, when anything. */
  fix?: string;
}

/**
 * An account's state for people; a paused account says so whatever its last status. With
 * the account's kind, a sync refused for lack of rights (the core's "not allowed" status
 * message) says which role or scope to ask for.
 */
export function describeStatus(
  status: AccountStatus,
  paused = false,
  kind?: AccountKind,
): StatusDescription {
  const s = (key: string) => t(`accountSettings.status.${key}`);
  if (paused) return { text: s('paused'), fix: s('pausedFix') };
  const label = s(STATUS_KEYS[status.kind]);
  // The core's reason in the user's language when it sent its key, else as written.
  const message = status.message ? translateCoreText(status.text, status.message) : '';
  const text = message ? t('accountSettings.status.withMessage', { label, message }) : label;
  if (status.kind === 'auth-failed') return { text, fix: s('authFailedFix') };
  if (status.kind === 'offline') return { text, fix: s('offlineFix') };
  if (status.kind === 'error' && status.text?.key === 'syncStoragePaused') {
    return { text, fix: s('storageFix') };
  }
  if (status.kind === 'error' && kind && /not allowed/i.test(status.message ?? '')) {
    return { text, fix: permissionFix(kind) };
  }
  return { text };
}
