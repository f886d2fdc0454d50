// Handlers of the search requests: the query is parsed here, at the core's edge, so the
// SQL layer only sees a structured query.
import type { Handlers } from '../../../shared/contract';
import { parseSearchQuery } from '../../../shared/search-query';
import type { CoreContext } from '../core-context';
// RSE posts are searched beside mail and merged by date (db/rse-search.ts).
import { searchAll } from '../db/rse-search';

export function searchHandlers(ctx: CoreContext) {
  return {
    'search.query': async ({ query, limit, before }) =>
      searchAll(ctx.db, parseSearchQuery(query), { limit, before }),
  } satisfies Partial<Handlers>;
}
