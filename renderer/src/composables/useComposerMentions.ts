// The composer's @mention autocomplete: active for RSE comments and posts, asking the
// directory of the account the comment or post goes to. The editor is whatever the
// composer shows, reached through `editor` (see mention-adapters.ts).
import { storeToRefs } from 'pinia';
import { useClient } from '../api/client';
import { useComposerStore } from '../stores/composer';
import type { MentionTextAdapter } from './mention-adapters';
import { useMentionAutocomplete } from './useMentionAutocomplete';

export function useComposerMentions(editor: () => MentionTextAdapter | null) {
  const client = useClient();
  const { mode, rseTarget } = storeToRefs(useComposerStore());
  /** A comment names its post; the post's account is asked once. */
  const accountOfPost = new Map<string, Promise<string | null>>();

  async function accountId(): Promise<string | null> {
    if (rseTarget.value.accountId) return rseTarget.value.accountId;
    const postId = rseTarget.value.postId;
    if (!postId) return null;
    if (!accountOfPost.has(postId)) {
      accountOfPost.set(
        postId,
        client.invoke('rse.getPost', { postId }).then((d) => d?.post.accountId ?? null),
      );
    }
    return accountOfPost.get(postId)!;
  }

  return useMentionAutocomplete({
    adapter: editor,
    search: (query) => {
      if (mode.value !== 'rse-comment' && mode.value !== 'rse-post') return null;
      return accountId().then((id) =>
        id ? client.invoke('rse.users.search', { accountId: id, query }) : [],
      );
    },
  });
}
