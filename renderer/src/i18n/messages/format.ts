import { defineMessages } from '../define';

// Words of the display helpers (util/format.ts); dates and numbers come from Intl.
export default defineMessages({
  en: {
    unknownSender: '(unknown sender)',
    size: {
      bytes: '{n} B',
      kilobytes: '{n} KB',
      megabytes: '{n} MB',
    },
  },
  fr: {
    unknownSender: '(expéditeur inconnu)',
    size: {
      bytes: '{n} o',
      kilobytes: '{n} Ko',
      megabytes: '{n} Mo',
    },
  },
});
