// Files taken out of a TNEF part (winmail.dat, mail/tnef.ts) are listed one row each; they
// share the part's IMAP section, and this column says which file of the part a row is.
import type { Migration } from './migration';

export const migration0018: Migration = {
  version: 18,
  name: 'tnef-files',
  up: `
    ALTER TABLE attachments ADD COLUMN tnef_index INTEGER; -- NULL: the part itself
  `,
};
