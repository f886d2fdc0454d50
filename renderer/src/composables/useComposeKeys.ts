// Compose keys: r reply, a reply all, f forward (on the open thread's last message; on
// an RSE post r comments and f forwards it by email), Ctrl/Cmd+N a new message and
// Ctrl/Cmd+Shift+N a new RSE post. They live in the triage key table (one handler, and
// the ? overlay and the command palette list them); c / Shift+C stay convert's.
import { t } from '../i18n';
import { registerTriageKeys, type KeyBinding } from './useTriageKeys';
import { useComposerStore } from '../stores/composer';
import { useReaderStore } from '../stores/reader';

const RSE_PREFIX = 'rse-post:';

/** What r/a/f act on: the last message of the open thread, or the open RSE post. */
export function composeFromReader(how: 'reply' | 'replyAll' | 'forward'): Promise<void> | void {
  const reader = useReaderStore();
  const composer = useComposerStore();
  const id = reader.threadId;
  if (!id) return;
  if (id.startsWith(RSE_PREFIX)) {
    const postId = id.slice(RSE_PREFIX.length);
    return how === 'forward' ? composer.openForwardPost(postId) : composer.openComment(postId);
  }
  const last = reader.thread?.messages.at(-1);
  if (last) return composer.openReply(last.id, how);
}

/** r/a/f leave a message being written alone; focus the composer to go on with it. */
function answer(how: 'reply' | 'replyAll' | 'forward'): () => void {
  return () => {
    if (!useComposerStore().open) void composeFromReader(how);
  };
}

// Descriptions are getters: read in the window's language when the overlay lists them.
export const composeBindings: KeyBinding[] = [
  {
    keys: ['r'],
    label: 'r',
    get description() {
      return t('triage.keys.reply');
    },
    run: answer('reply'),
  },
  {
    keys: ['a'],
    label: 'a',
    get description() {
      return t('triage.keys.replyAll');
    },
    run: answer('replyAll'),
  },
  {
    keys: ['f'],
    label: 'f',
    get description() {
      return t('triage.keys.forward');
    },
    run: answer('forward'),
  },
  {
    keys: ['n'],
    mod: true,
    label: 'Ctrl/⌘+N',
    get description() {
      return t('triage.keys.newMessage');
    },
    run: () => void useComposerStore().openNew(),
  },
  {
    keys: ['N'],
    mod: true,
    label: 'Ctrl/⌘+⇧N',
    get description() {
      return t('triage.keys.newPost');
    },
    run: () => void useComposerStore().openPost(),
  },
];

registerTriageKeys(...composeBindings);

/**
 * Kept for the window's setup: the compose keys are in the triage table as soon as this
 * module is loaded, and useTriageKeys' handler runs them; there is no listener of its own.
 */
export function useComposeKeys(): void {
  registerTriageKeys(...composeBindings);
}
