// `passerelle search QUERY [--json] [--limit N]`: the same search.query request the UI
// uses. The query words may be given as one quoted argument or as several.
import type { SearchHit } from '../../shared/requests/search';
import { integerOption, parseCommand, UsageError } from './args';
import type { CommandContext } from './commands';

function describeHit(hit: SearchHit): string {
  const from = hit.from ? hit.from.name || hit.from.address : '(unknown sender)';
  const clip = hit.hasAttachments ? ' [attachment]' : '';
  return `${hit.unread ? '*' : ' '} ${hit.date}  ${hit.mailbox}  ${from}  ${hit.subject}${clip}`;
}

export async function searchCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseCommand(argv, {
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('search takes a query, for example: search from:ada budget');
  const result = await (
    await ctx.core()
  ).handlers['search.query']({ query, limit: integerOption(values, 'limit', 50) });
  if (values.json) ctx.out(JSON.stringify(result.items, null, 2));
  else if (result.items.length === 0) ctx.out('No messages match.');
  else for (const hit of result.items) ctx.out(describeHit(hit));
}
