// The keyboard map (Gmail-compatible). One table of keys: the help overlay and the command
// palette are built from it, so a key added here (convert, reply…) shows up in both.
// Keys are matched on KeyboardEvent.key, so Shift+i arrives as 'I' and # as '#'; a binding
// with `mod` wants Ctrl (Cmd on macOS) held, and Shift then uppercases its key ('N').
import { onBeforeUnmount, onMounted } from 'vue';
import { t } from '../i18n';
import { useReaderStore } from '../stores/reader';
import { useTimelineStore } from '../stores/timeline';
import { useListActionsStore } from '../stores/list-actions';
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
  /** Needs Ctrl/Cmd held; such a key also works while typing in a field. */
  mod?: boolean;
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Enter on a button or link belongs to that control, not to the timeline. */
function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a, summary') !== null;
}

type KeyPress = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey'>;

/** The key a press stands for in the table: with Ctrl/Cmd, Shift decides the case. */
function keyOf(event: KeyPress, mod: boolean): string {
  if (!mod || event.key.length !== 1) return event.key;
  return event.shiftKey ? event.key.toUpperCase() : event.key.toLowerCase();
}

/** Extra bindings other features register (convert with c, reply with r…). */
const extensions: KeyBinding[] = [];
/**
 * Adds keys to the table. Registering a label again replaces its binding (a module may
 * run twice, e.g. after a hot reload), so each key is listed once.
 */
export function registerTriageKeys(...bindings: KeyBinding[]): void {
  for (const binding of bindings) {
    const index = extensions.findIndex((b) => b.label === binding.label);
    if (index >= 0) extensions[index] = binding;
    else extensions.push(binding);
  }
}

/** Every key of the table: triage's own, then those features registered. */
export function triageBindings(reveal: () => void = () => {}): KeyBinding[] {
  return [...ownBindings(reveal), ...extensions];
}

function ownBindings(reveal: () => void): KeyBinding[] {
  const timeline = useTimelineStore();
  const reader = useReaderStore();
  const triage = useTriageStore();
  const listActions = useListActionsStore();
  const ui = useUiStore();
  const move = (step: number) => () => {
    timeline.move(step);
    reveal();
  };
  const open = () => {
    const item = timeline.selected;
    if (item) void reader.open(item.threadId);
  };
  // Descriptions are read when the table is built (the ? overlay, the palette), so they
  // follow the language the window is in.
  return [
    { keys: ['j'], label: 'j', description: t('triage.keys.next'), run: move(1) },
    { keys: ['k'], label: 'k', description: t('triage.keys.previous'), run: move(-1) },
    { keys: ['o', 'Enter'], label: 'o / Enter', description: t('triage.keys.open'), run: open },
    { keys: ['u'], label: 'u', description: t('triage.keys.back'), run: () => reader.close() },
    {
      keys: ['e'],
      label: 'e',
      description: t('triage.keys.archive'),
      run: () => void triage.act('archive'),
    },
    {
      keys: ['#'],
      label: '#',
      description: t('triage.keys.trash'),
      run: () => listActions.trashOrDelete(),
    },
    {
      keys: ['s'],
      label: 's',
      description: t('triage.keys.flag'),
      run: () => void triage.toggleFlag(),
    },
    {
      keys: ['I'],
      label: 'Shift+i',
      description: t('triage.keys.read'),
      run: () => void triage.act('read'),
    },
    {
      keys: ['U'],
      label: 'Shift+u',
      description: t('triage.keys.unread'),
      run: () => void triage.act('unread'),
    },
    {
      keys: ['!'],
      label: '!',
      description: t('triage.keys.junk'),
      run: () => void listActions.toggleJunk(),
    },
    {
      keys: ['v'],
      label: 'v',
      description: t('triage.keys.move'),
      run: () => listActions.startMove(),
    },
    { keys: ['m'], label: 'm', description: t('triage.keys.mute'), run: () => void triage.mute() },
    { keys: ['b'], label: 'b', description: t('triage.keys.snooze'), run: () => ui.open('snooze') },
    {
      keys: ['x'],
      label: 'x',
      description: t('triage.keys.select'),
      run: () => triage.toggleCheck(),
    },
    { keys: ['/'], label: '/', description: t('triage.keys.search'), run: () => ui.focusSearch() },
    {
      keys: ['z'],
      label: 'z',
      description: t('triage.keys.undo'),
      run: () => void triage.undoLast(),
    },
    { keys: ['?'], label: '?', description: t('triage.keys.help'), run: () => ui.open('help') },
  ];
}

/** The binding a key press triggers, if any (plain keys and Ctrl/Cmd keys apart). */
export function findBinding(bindings: KeyBinding[], event: KeyPress): KeyBinding | undefined {
  const mod = event.ctrlKey || event.metaKey;
  const key = keyOf(event, mod);
  return bindings.find((b) => !!b.mod === mod && b.keys.includes(key));
}

/** Installs the window's key handler; `enabled` says when the timeline is on screen. */
export function useTriageKeys(enabled: () => boolean, reveal: () => void): void {
  const ui = useUiStore();
  const own = ownBindings(reveal);
  // Extensions are read at each key press: a feature may register after this runs.
  const bindings = () => [...own, ...extensions];

  function onKeydown(event: KeyboardEvent) {
    if (event.defaultPrevented || event.altKey) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      ui.open(ui.overlay === 'palette' ? null : 'palette');
      return;
    }
    if (document.querySelector('dialog[open]') || ui.overlay) return;
    if (!mod && isTyping(event.target)) return;
    if (!enabled()) return;
    if (event.key === 'Enter' && isActivatable(event.target)) return;
    const binding = findBinding(bindings(), event);
    if (!binding) return;
    event.preventDefault();
    binding.run();
  }

  onMounted(() => window.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown));
}
