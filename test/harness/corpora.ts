// The public MIME corpus, read in place from ../shared (never copied into the repo).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MIME_CORPUS = join(repoRoot, '..', 'shared', 'corpora', 'mime');

/** Its messages (.eml, .msg, .raw, in every folder) up to `maxBytes`; none without ../shared. */
export function mimeCorpusFiles(maxBytes = Infinity, dir = MIME_CORPUS): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return mimeCorpusFiles(maxBytes, path);
    return /\.(eml|msg|raw)$/.test(name) && statSync(path).size < maxBytes ? [path] : [];
  });
}

/** The corpus's calendar invitation (Google Calendar's), as the core reads it (readInvite). */
export const CORPUS_INVITATION = {
  file: join(MIME_CORPUS, 'postal-mime', 'calendar-event.eml'),
  read: {
    method: 'REQUEST',
    summary: 'Test event ⏰',
    // 11:00 in Europe/Tallinn, summer time (UTC+3), as its VTIMEZONE defines.
    start: '2024-04-11T08:00:00.000Z',
    end: '2024-04-11T09:00:00.000Z',
    allDay: false,
    location: null,
    organizer: { name: 'Andris Reinman', address: 'andris@postalsys.com' },
    attendees: 2,
    recurring: false,
    cancelled: false,
  },
};
