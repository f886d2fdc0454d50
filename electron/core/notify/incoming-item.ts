// The neutral shape every source (mail, RSE) hands to the notification policy. Sources
// translate their rows into this; the policy and the coalescer never see a table.

/** Why the item might interest the user; the policy decides whether it does. */
export type Relevance =
  | 'inbox' // new mail in an account's inbox
  | 'followed-space' // a new post in a space I follow
  | 'my-post' // a comment on a post I wrote
  | 'followed-post' // a comment on a post I converted or follow
  | 'other'; // anything else (another folder, an unfollowed space)

export interface IncomingItem {
  /** Stable across restarts and re-downloads (a Message-ID, a network's post id). */
  key: string;
  /** The timeline item to open on click, e.g. `mail-thread:12`. */
  itemId: string;
  kind: 'mail' | 'rse-post' | 'rse-comment';
  accountId: string;
  /** The source whose mode applies: the mail account id, or `space:<id>` for an RSE space. */
  sourceId: string;
  /** Shown in summaries: "5 new in Work", "5 new in #design". */
  sourceName: string;
  /** Neutral thread key for muting: `mail:<thread id>`, `rse:<post id>`. */
  threadKey: string | null;
  /** The local thread id when the item is mail (Mark read acts on it). */
  threadId?: string;
  relevance: Relevance;
  mentionsMe: boolean;
  unread: boolean;
  junk: boolean;
  title: string;
  body: string;
}
