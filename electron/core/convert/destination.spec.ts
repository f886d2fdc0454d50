import { describe, expect, it } from 'vitest';
import {
  EMPTY_PREFERENCES,
  rememberDestination,
  resolveDestination,
  setAccountDefault,
} from './destination';

const general = { accountId: 'mm', spaceRemoteId: 'town-square' };
const finance = { accountId: 'mm', spaceRemoteId: 'finance' };
const blog = { accountId: 'wp', spaceRemoteId: '7' };
const thread = {
  threadId: 't1',
  mailAccountId: 'work',
  listId: null,
  correspondents: ['Bob@acme.example'],
};

describe('resolveDestination', () => {
  it('has nothing to offer before any conversion or default', () => {
    expect(resolveDestination(EMPTY_PREFERENCES, thread)).toBeNull();
  });

  it('prefers the thread, then the correspondent, then the account, then the last used', () => {
    let prefs = setAccountDefault(EMPTY_PREFERENCES, 'work', blog);
    prefs = rememberDestination(prefs, thread, finance);
    expect(resolveDestination(prefs, thread)).toEqual({ destination: finance, reason: 'thread' });
    const sameSender = { ...thread, threadId: 't2', correspondents: ['bob@ACME.example'] };
    expect(resolveDestination(prefs, sameSender)?.reason).toBe('correspondent');
    const stranger = { ...thread, threadId: 't3', correspondents: ['eve@other.example'] };
    expect(resolveDestination(prefs, stranger)).toEqual({ destination: blog, reason: 'account' });
    const elsewhere = { ...stranger, mailAccountId: 'home' };
    expect(resolveDestination(prefs, elsewhere)).toEqual({
      destination: finance,
      reason: 'last-used',
    });
  });

  it('follows the mailing list, not whoever wrote in it', () => {
    const listThread = { ...thread, listId: '<dev.lists.acme.example>' };
    let prefs = rememberDestination(EMPTY_PREFERENCES, thread, finance);
    prefs = rememberDestination(prefs, listThread, general);
    const next = { ...listThread, threadId: 't9', listId: 'DEV.lists.acme.example' };
    expect(resolveDestination(prefs, next)).toEqual({ destination: general, reason: 'list' });
    // Bob's direct mail still goes where Bob's mail went: the list did not overwrite it.
    expect(resolveDestination(prefs, { ...thread, threadId: 't4' })?.destination).toEqual(finance);
  });

  it('lets the list win over a remembered sender, and falls back to the sender for a new list', () => {
    const direct = rememberDestination(EMPTY_PREFERENCES, thread, finance);
    const listed = rememberDestination(
      direct,
      {
        ...thread,
        threadId: 't2',
        listId: 'dev.lists.acme.example',
        correspondents: ['eve@x.example'],
      },
      general,
    );
    // Bob writes to the list: the list's space, not Bob's.
    const bobOnList = { ...thread, threadId: 't3', listId: 'dev.lists.acme.example' };
    expect(resolveDestination(listed, bobOnList)).toEqual({ destination: general, reason: 'list' });
    // A list never converted from: Bob's space, for want of a better guess.
    const otherList = { ...bobOnList, listId: 'ops.lists.acme.example' };
    expect(resolveDestination(listed, otherList)).toEqual({
      destination: finance,
      reason: 'correspondent',
    });
    // The list conversion taught nothing about Eve.
    expect(listed.byCorrespondent).toEqual({ 'bob@acme.example': finance });
  });

  it('lets the thread win over its list, and the list over the account default', () => {
    const listThread = { ...thread, listId: 'dev.lists.acme.example', correspondents: [] };
    let prefs = setAccountDefault(EMPTY_PREFERENCES, 'work', blog);
    expect(resolveDestination(prefs, listThread)?.reason).toBe('account');
    prefs = rememberDestination(prefs, listThread, general);
    expect(resolveDestination(prefs, { ...listThread, threadId: 't5' })).toEqual({
      destination: general,
      reason: 'list',
    });
    prefs = rememberDestination(prefs, { ...listThread, threadId: 't6' }, finance);
    expect(resolveDestination(prefs, { ...listThread, threadId: 't1' })?.destination).toEqual(
      general,
    );
    expect(resolveDestination(prefs, { ...listThread, threadId: 't6' })).toEqual({
      destination: finance,
      reason: 'thread',
    });
  });

  it('clears an account default', () => {
    const prefs = setAccountDefault(
      setAccountDefault(EMPTY_PREFERENCES, 'work', blog),
      'work',
      null,
    );
    expect(prefs.byAccount).toEqual({});
  });
});
