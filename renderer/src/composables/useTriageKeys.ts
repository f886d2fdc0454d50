// The keyboard map (Gmail-compatible). One table of keys: the help overlay and the command
// palette are built from it, so a key added here (convert, reply…) shows up in both.
// Keys are matched on KeyboardEvent.key, so Shift+i arrives as 'I' and # as '#'.
import { onBeforeUnmount, onMounted } from 'vue';
import { useReaderStore } from '../stores/reader';
import { useTimelineStore } from '../stores/timeline';
import { useTriageStore } from '../stores/triage';
import { useUiStore } from '../stores/ui';

export interface KeyBinding {
  /** KeyboardEvent.key values that trigger it. */
  keys: string[];
  /** How the help overlay writes it. */
  label: string;
  description: string;
  run: () => void;
  /** Listed in the command palette (all are, unless false). */
  palette?: boolean;
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Enter on a button or link belongs to that control, not to the timeline. */
function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a, summary') !== null;
}

/** Extra bindings other features register (convert with c, reply with r…). */
const extensions: KeyBinding[] = [];
export function registerTriageKeys(...bindings: KeyBinding[]): void {
  extensions.push(...bindings);
}

export function triageBindings(reveal: () => void = () => {}): KeyBinding[] {
  const timeline = useTimelineStore();
  const reader = useReaderStore();
  const triage = useTriageStore();
  const ui = useUiStore();
  const move = (step: number) => () => {
    timeline.move(step);
    reveal();
  };
  const open = () => {
    const item = timeline.selected;
    if (item) void reader.open(item.threadId);
  };
  return [
    { keys: ['j'], label: 'j', description: 'Next conversation', run: move(1) },
    { keys: ['k'], label: 'k', description: 'Previous conversation', run: move(-1) },
    { keys: ['o', 'Enter'], label: 'o / Enter', description: 'Open', run: open },
    { keys: ['u'], label: 'u', description: 'Back to the list', run: () => reader.close() },
    { keys: ['e'], label: 'e', description: 'Archive', run: () => void triage.act('archive') },
    { keys: ['#'], label: '#', description: 'Move to Trash', run: () => void triage.act('trash') },
    { keys: ['s'], label: 's', description: 'Flag / unflag', run: () => void triage.toggleFlag() },
    { keys: ['I'], label: 'Shift+i', description: 'Mark read', run: () => void triage.act('read') },
    {
      keys: ['U'],
      label: 'Shift+u',
      description: 'Mark unread',
      run: () => void triage.act('unread'),
    },
    { keys: ['m'], label: 'm', description: 'Mute conversation', run: () => void triage.mute() },
    { keys: ['b'], label: 'b', description: 'Snooze…', run: () => ui.open('snooze') },
    { keys: ['x'], label: 'x', description: 'Select / deselect', run: () => triage.toggleCheck() },
    { keys: ['/'], label: '/', description: 'Search', run: () => ui.focusSearch() },
    {
      keys: ['z'],
      label: 'z',
      description: 'Undo the last action',
      run: () => void triage.undoLast(),
    },
    { keys: ['?'], label: '?', description: 'Keyboard shortcuts', run: () => ui.open('help') },
    ...extensions,
  ];
}

/** Installs the window's key handler; `enabled` says when the timeline is on screen. */
export function useTriageKeys(enabled: () => boolean, reveal: () => void): void {
  const ui = useUiStore();
  const bindings = triageBindings(reveal);

  function onKeydown(event: KeyboardEvent) {
    if (event.defaultPrevented || event.altKey) return;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      ui.open(ui.overlay === 'palette' ? null : 'palette');
      return;
    }
    if (event.ctrlKey || event.metaKey) return;
    if (isTyping(event.target) || document.querySelector('dialog[open]') || ui.overlay) return;
    if (!enabled()) return;
    if (event.key === 'Enter' && isActivatable(event.target)) return;
    const binding = bindings.find((b) => b.keys.includes(event.key));
    if (!binding) return;
    event.preventDefault();
    binding.run();
  }

  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
