// Which failures are the disk's: a real SQLITE_FULL from SQLite (its page limit), the file
// system's codes as Node reports them, and the same errors wrapped the way imapflow and
// `cause` wrap them; anything else is not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db/connection';
import { toApiError } from './errors';
import { classifyImapError } from './mail/imap-errors';
import { statusForError } from './rse/errors';
import { storageProblem } from './storage-errors';

/** The error SQLite throws when the database may not grow any more. */
function realSqliteFull(): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-storage-'));
  const db = openDatabase(join(dir, 'full.db'));
  try {
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    db.exec('CREATE TABLE filler (x TEXT)');
    for (let i = 0; i < 100; i++) db.prepare('INSERT INTO filler VALUES (?)').run('x'.repeat(4096));
    return null;
  } catch (error) {
    return error;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Node's shape for a failed file write. */
const fsError = (code: string) =>
  Object.assign(new Error(`${code}: write failed`), { code, syscall: 'write' });

describe('storageProblem', () => {
  it('knows a full database, a full disk and a quota', () => {
    const full = realSqliteFull();
    expect((full as { code?: string }).code).toBe('SQLITE_FULL');
    expect(storageProblem(full)).toEqual({ key: 'storageFull' });
    expect(storageProblem(fsError('ENOSPC'))).toEqual({ key: 'storageFull' });
    expect(storageProblem(fsError('EDQUOT'))).toEqual({ key: 'storageFull' });
  });

  it('names the code of a disk that refused the write', () => {
    expect(
      storageProblem(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' })),
    ).toEqual({ key: 'storageFailed', params: { code: 'SQLITE_IOERR_WRITE' } });
    expect(storageProblem(fsError('EROFS'))).toEqual({
      key: 'storageFailed',
      params: { code: 'EROFS' },
    });
  });

  it('finds the cause inside wrapping errors, and nothing in other failures', () => {
    expect(storageProblem({ message: 'Command failed', _err: fsError('ENOSPC') })).toEqual({
      key: 'storageFull',
    });
    expect(storageProblem(new Error('save failed', { cause: realSqliteFull() }))).toEqual({
      key: 'storageFull',
    });
    expect(storageProblem(Object.assign(new Error('UNIQUE'), { code: 'SQLITE_CONSTRAINT' }))).toBe(
      null,
    );
    expect(storageProblem(fsError('ECONNRESET'))).toBe(null);
    expect(storageProblem('SQLITE_FULL')).toBe(null);
  });
});

describe('a full disk as clients see it', () => {
  it('is a storage problem, not an IMAP one, for the sync', () => {
    const problem = classifyImapError(realSqliteFull(), {
      host: 'imap.example.test',
      port: 993,
      tls: 'tls',
      auth: 'password',
    });
    expect(problem.code).toBe('storage');
    expect(problem.message).toBe(
      "The disk holding Passerelle's data is full: free some space. Nothing stored so far is lost.",
    );
  });

  it('is a "storage" answer with its text to a request, not "something went wrong"', () => {
    const answer = toApiError(realSqliteFull());
    expect(answer.code).toBe('storage');
    expect(answer.message).toMatch(/^The disk holding Passerelle's data is full/);
    expect(JSON.parse(answer.details!.text!)).toEqual({ key: 'storageFull' });
    expect(toApiError(new Error('boom')).code).toBe('internal');
  });

  it('pauses a network account with the same words', () => {
    const status = statusForError(realSqliteFull());
    expect(status.kind).toBe('error');
    expect(status.text).toEqual({
      key: 'syncStoragePaused',
      params: { problem: { key: 'storageFull' } },
    });
    expect(statusForError(new Error('boom')).text).toEqual({ key: 'syncUnexpected' });
  });
});
