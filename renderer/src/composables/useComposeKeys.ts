// Compose keys: r reply, a reply all, f forward (on the open thread's last message; on
// an RSE post r comments and f forwards it by email), Ctrl/Cmd+N a new message and
// Ctrl/Cmd+Shift+N a new RSE post. Its own listener, registered for the component's
// lifetime, until the app's key handling lives in one place.
import { onBeforeUnmount, onMounted } from 'vue';
import { useComposerStore } from '../stores/composer';
import { useReaderStore } from '../stores/reader';

const RSE_PREFIX = 'rse-post:';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

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

export function useComposeKeys(): void {
  const composer = useComposerStore();
  const onKeydown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'n') {
      event.preventDefault();
      void (event.shiftKey ? composer.openPost() : composer.openNew());
      return;
    }
    if (mod || isTyping(event.target) || composer.open) return;
    if (document.querySelector('dialog[open]')) return;
    const how =
      event.key === 'r'
        ? 'reply'
        : event.key === 'a'
          ? 'replyAll'
          : event.key === 'f'
            ? 'forward'
            : null;
    if (!how) return;
    event.preventDefault();
    void composeFromReader(how);
  };
  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
