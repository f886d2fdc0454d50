// How connector failures reach clients: a permission refusal (HTTP 403) keeps its own
// code, distinct from the network being unreachable and from refused credentials.
import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors';
import { RseError, statusForError, toCoreError } from './errors';
import { classifyStatus } from './http';

const codeOf = (error: unknown) => (toCoreError(error) as CoreError).code;

describe('toCoreError', () => {
  it('gives HTTP 403 the forbidden code, keeping the message', () => {
    const forbidden = toCoreError(classifyStatus(403, 'POST /wp/v2/posts'));
    expect(forbidden).toBeInstanceOf(CoreError);
    expect(forbidden).toMatchObject({
      code: 'forbidden',
      message: 'POST /wp/v2/posts: not allowed for this user.',
    });
  });

  it('keeps the other kinds apart', () => {
    expect(codeOf(classifyStatus(401, 'GET /me'))).toBe('auth-failed');
    expect(codeOf(classifyStatus(404, 'GET /x'))).toBe('not-found');
    expect(codeOf(classifyStatus(422, 'POST /x'))).toBe('invalid-params');
    expect(codeOf(classifyStatus(503, 'GET /x'))).toBe('unavailable');
    expect(codeOf(new RseError('offline', 'x: no answer.'))).toBe('unavailable');
    const other = new Error('not an RseError');
    expect(toCoreError(other)).toBe(other);
  });

  it('leaves a sync refused for lack of rights in error, with the refusal as its message', () => {
    expect(statusForError(classifyStatus(403, 'GET /wp/v2/posts'))).toEqual({
      kind: 'error',
      message: 'GET /wp/v2/posts: not allowed for this user.',
    });
  });
});
