// A mail account's identity (shared/domain.ts MailIdentity: the display name in From and
// the signature), JSON beside the connection settings; NULL until the user sets one.
import type { Migration } from './migration';

export const migration0019: Migration = {
  version: 19,
  name: 'identities',
  up: `
    ALTER TABLE accounts ADD COLUMN identity TEXT;
  `,
};
