// A write that failed because of the disk, not the server or the request: a full disk
// (SQLITE_FULL, ENOSPC, a quota), or a disk that refuses writes (read-only, I/O errors).
// They are told apart so the user reads "the disk is full" instead of a server error or
// "something went wrong", and so the sync says it waits for space instead of blaming the
// connection. Nothing is lost by such a failure: SQLite rolls the transaction back, the
// sync's checkpoint stays where it was, and files are written to a temporary name first.
import { coreText, type CoreText } from '../../shared/core-text';

/** Error codes that mean "no space left": SQLite's own, and the file system's. */
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
/** Codes of a disk that would not write (SQLite's extended codes start with these). */
const WRITE_FAILED_PREFIXES = [
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'EROFS',
  'EIO',
];

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  // Errors wrap others (imapflow's `_err`, `cause`): a few levels are enough.
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause ?? (e as { _err?: unknown })._err;
  }
  return codes;
}

/** The storage problem behind `error` as a text for people, or null when it is not one. */
export function storageProblem(error: unknown): CoreText | null {
  const codes = codesOf(error);
  if (codes.some((code) => FULL_CODES.has(code))) return coreText('storageFull');
  const failed = codes.find((code) => WRITE_FAILED_PREFIXES.some((p) => code.startsWith(p)));
  return failed ? coreText('storageFailed', { code: failed }) : null;
}
