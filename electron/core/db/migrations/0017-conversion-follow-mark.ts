// Follow mode adds the emails that reach a converted thread later. "Later" was the Date
// header compared with the conversion's time, which misses a reply written a moment
// before the conversion but delivered after it (or sent by a clock running behind), and
// same-second replies. What matters is arrival: message rows are numbered as they are
// stored, so the conversion remembers the highest row id it saw. Older conversions keep
// the date test (the column stays NULL for them).
import type { Migration } from './migration';

export const migration0017: Migration = {
  version: 17,
  name: 'conversion-follow-mark',
  up: `
    ALTER TABLE conversions ADD COLUMN last_message_row_id INTEGER;
  `,
};
