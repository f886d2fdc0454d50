// The core as the integration specs drive it: in-process, CLI mode, no background sync
// (each spec syncs when it wants), secrets in the profile's file, logs dropped. And the
// `accounts.addImap` parameters for a test Dovecot, the same in every spec.
import { createCore } from '../../electron/core/core';
import type { CoreOptions } from '../../electron/core/core-types';
import { FileSecretStore } from '../../electron/core/secrets/secret-store';
import type { AddImapAccountParams } from '../../shared/requests/core';
import type { DovecotServer } from './dovecot';

export function openTestCore(
  profileDir: string,
  options: Pick<CoreOptions, 'storeWorker' | 'log' | 'fetch'> = {},
): ReturnType<typeof createCore> {
  return createCore({
    profileDir,
    mode: 'cli',
    backgroundSync: false,
    secrets: new FileSecretStore(profileDir),
    log: () => undefined,
    ...options,
  });
}

/** The test Dovecot as the account "Work" (plain IMAP on loopback), plus any extras. */
export function dovecotAccount(
  dovecot: Pick<DovecotServer, 'host' | 'port' | 'user' | 'password'>,
  extra: Partial<AddImapAccountParams> = {},
): AddImapAccountParams {
  return {
    name: 'Work',
    host: dovecot.host,
    port: dovecot.port,
    tls: 'none',
    user: dovecot.user,
    password: dovecot.password,
    ...extra,
  };
}
