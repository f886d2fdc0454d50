// Handlers of the RSE requests: adding an account, spaces and following, reading a post
// with its comments, and writing posts and comments through the account's connector.
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../../../shared/contract';
import type { Account, RsePostDetail } from '../../../shared/domain';
import type { CoreContext } from '../core-context';
import {
  findAccountByName,
  getAccount,
  insertAccount,
  secretKeyFor,
  type StoredRseAccount,
} from '../db/accounts';
import { sourceThread } from '../db/conversions';
import {
  getRseItem,
  listComments,
  markPostRead,
  refreshPosts,
  rowToRseItem,
  upsertRseItem,
} from '../db/rse-items';
import { clearCursor, findSpace, listSpaces, replaceSpaces, setFollowed } from '../db/rse-spaces';
import { CoreError } from '../errors';
import type { RseConnector } from '../rse/connector';
import { toCoreError } from '../rse/errors';
import { connectorFactory } from '../rse/registry';
import { connectorFor, rseEngineFor } from '../rse/rse-engine';

function requireRseAccount(ctx: CoreContext, id: string): StoredRseAccount {
  const account = getAccount(ctx.db, id);
  if (!account || account.kind === 'imap') {
    throw new CoreError('not-found', `No RSE account with id ${id}.`);
  }
  return account;
}

function requirePost(ctx: CoreContext, postId: string) {
  const row = getRseItem(ctx.db, postId);
  if (!row || row.kind !== 'post' || row.deleted) {
    throw new CoreError('not-found', `No post with id ${postId}.`);
  }
  return row;
}

/** Network calls report RseErrors; clients see CoreErrors with a stable code. */
async function remote<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toCoreError(error);
  }
}

export function rseHandlers(ctx: CoreContext) {
  const { db, writer } = ctx;
  const connector = async (accountId: string): Promise<[StoredRseAccount, RseConnector]> => {
    const account = requireRseAccount(ctx, accountId);
    return [account, await connectorFor(ctx, account)];
  };
  const refreshSpaces = async (accountId: string, rse: RseConnector) => {
    const spaces = await remote(() => rse.listSpaces());
    writer.write((deltas) => replaceSpaces(db, accountId, spaces, deltas));
  };
  const follow = async (accountId: string, spaceId: string, followed: boolean) => {
    const [account, rse] = await connector(accountId);
    const space = findSpace(db, account.id, spaceId);
    if (!space) throw new CoreError('not-found', `${account.name} has no space "${spaceId}".`);
    if (followed) await remote(async () => rse.follow?.(space.remoteId));
    else await remote(async () => rse.unfollow?.(space.remoteId));
    writer.write((deltas) => {
      setFollowed(db, account.id, space.remoteId, followed, deltas);
      // A later follow starts afresh, with the comments of the posts it reads.
      if (!followed) clearCursor(db, account.id, space.remoteId);
    });
    return { ...space, followed };
  };

  return {
    'accounts.addRse': async ({ secret, kind, name, url, user }) => {
      if (findAccountByName(db, name)) {
        throw new CoreError('conflict', `An account named "${name}" already exists.`);
      }
      const settings = { url, ...(user ? { user } : {}) };
      const rse = connectorFactory(kind)({ ...settings, secret });
      await remote(() => rse.identify());
      const account: StoredRseAccount = {
        id: randomUUID(),
        name,
        kind,
        rse: settings,
        createdAt: new Date().toISOString(),
      };
      // The secret first: an account row without its secret would be unusable.
      await ctx.secrets.set(secretKeyFor(account.id), secret);
      writer.write((deltas) => {
        insertAccount(db, account);
        deltas.add('accounts', 'insert', [account.id]);
      });
      await refreshSpaces(account.id, rse).catch((e: unknown) => ctx.log(`Spaces: ${String(e)}`));
      if (ctx.options.backgroundSync !== false) (await rseEngineFor(ctx, account)).start();
      return { ...account, status: ctx.sync.status(account.id) } as Account;
    },

    'rse.spaces': async ({ accountId, refresh }) => {
      const [account, rse] = await connector(accountId);
      if (refresh) await refreshSpaces(account.id, rse);
      return listSpaces(db, account.id);
    },

    'rse.follow': async ({ accountId, spaceId }) => follow(accountId, spaceId, true),
    'rse.unfollow': async ({ accountId, spaceId }) => follow(accountId, spaceId, false),

    'rse.getPost': async ({ postId }): Promise<RsePostDetail | null> => {
      const row = getRseItem(db, postId);
      if (!row || row.kind !== 'post' || row.deleted) return null;
      const account = requireRseAccount(ctx, row.account_id);
      const space = row.space_remote_id
        ? findSpace(db, account.id, row.space_remote_id)
        : undefined;
      const fromThreadId = sourceThread(db, row.id);
      return {
        post: rowToRseItem(row),
        spaceName: space?.name ?? null,
        network: account.kind,
        comments: listComments(db, row.id).map(rowToRseItem),
        ...(fromThreadId ? { fromThreadId } : {}),
      };
    },

    'rse.markRead': async ({ postId, read }) => {
      const row = requirePost(ctx, postId);
      writer.write((deltas) => markPostRead(db, row.id, read, deltas));
      const [, rse] = await connector(row.account_id);
      if (rse.capabilities.remoteRead && rse.markRead) {
        await remote(async () => rse.markRead?.(row.remote_id, read));
      }
      return null;
    },

    'rse.createPost': async ({ accountId, spaceId, title, bodyHtml, attachments }) => {
      const [account, rse] = await connector(accountId);
      const space = findSpace(db, account.id, spaceId);
      if (!space) throw new CoreError('not-found', `${account.name} has no space "${spaceId}".`);
      const created = await remote(() =>
        rse.createPost({
          spaceRemoteId: space.remoteId,
          ...(title && rse.capabilities.titles ? { title } : {}),
          bodyHtml,
          attachments: attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            data: Buffer.from(a.dataBase64, 'base64'),
          })),
        }),
      );
      // One's own post is read; the next sync's copy upserts onto this row.
      const id = writer.write((deltas) => {
        const stored = upsertRseItem(db, account.id, created, true, deltas)!;
        refreshPosts(db, [stored.postId]);
        return stored.id;
      });
      return rowToRseItem(getRseItem(db, String(id))!);
    },

    'rse.createComment': async ({ postId, parentId, bodyHtml }) => {
      const post = requirePost(ctx, postId);
      const parent = parentId ? getRseItem(db, parentId) : undefined;
      if (parentId && (!parent || parent.post_id !== post.id)) {
        throw new CoreError('not-found', `No comment ${parentId} on post ${postId}.`);
      }
      const [account, rse] = await connector(post.account_id);
      const created = await remote(() =>
        rse.createComment({
          postRemoteId: post.remote_id,
          ...(parent ? { parentRemoteId: parent.remote_id } : {}),
          bodyHtml,
        }),
      );
      const id = writer.write((deltas) => {
        const stored = upsertRseItem(db, account.id, created, true, deltas)!;
        refreshPosts(db, [stored.postId]);
        return stored.id;
      });
      return rowToRseItem(getRseItem(db, String(id))!);
    },
  } satisfies Partial<Handlers>;
}
