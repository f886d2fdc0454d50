// Certificate exceptions the user confirmed: pinned by fingerprint, for one account only.
import type { Handlers } from '../../../shared/contract';
import type { Account, ImapSettings } from '../../../shared/domain';
import type { CoreContext } from '../core-context';
import { secretKeyFor, updateImapSettings } from '../db/accounts';
import { CoreError } from '../errors';
import { normalizeFingerprint } from '../mail/tls-trust';
import { testConnection } from '../mail/test-connection';
import { engineFor, requireAccount } from './foundation';
import { connectionProblemError, tokenSourceFor } from './imap-credentials';

export function accountSecurityHandlers(ctx: CoreContext) {
  return {
    'accounts.trustCertificate': async ({ accountId, fingerprint }) => {
      const account = requireAccount(ctx, accountId);
      if (account.kind !== 'imap') {
        throw new CoreError('invalid-params', 'Only mail (IMAP) accounts have certificates.');
      }
      const pin = normalizeFingerprint(fingerprint);
      if (!pin) throw new CoreError('invalid-params', 'That is not a SHA-256 fingerprint.');
      const settings: ImapSettings = { ...account.imap, trustedCertSha256: pin };
      const secret = await ctx.secrets.get(secretKeyFor(account.id));
      if (secret === undefined) {
        throw new CoreError('auth-failed', `No password is stored for ${account.name}.`);
      }
      // The exception is saved only once a connection with it works: a fingerprint that is
      // not the server's certificate is refused rather than remembered.
      const oauth = tokenSourceFor(ctx, account.id, settings);
      const problem = await testConnection(settings, secret, oauth ? { oauth } : {});
      if (problem) throw connectionProblemError(problem);
      ctx.writer.write((deltas) => {
        updateImapSettings(ctx.db, account.id, settings);
        deltas.add('accounts', 'update', [account.id]);
      });
      // Running sessions were built with the old settings: start the sync again.
      await ctx.sync.remove(account.id);
      const updated = { ...account, imap: settings };
      if (ctx.options.backgroundSync !== false) (await engineFor(ctx, updated)).start();
      return { ...updated, status: ctx.sync.status(account.id) } as Account;
    },
  } satisfies Partial<Handlers>;
}
