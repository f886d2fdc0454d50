// Window state that is not data: which overlay is open, pane widths and density (kept
// in localStorage so they survive a restart), and a request to focus the search box.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

export type Overlay = 'help' | 'palette' | 'snooze' | 'move' | 'delete' | 'settings' | null;
export type Density = 'comfortable' | 'compact';

const KEY = 'passerelle.layout';
export const PANE_LIMITS = { sidebar: [168, 320], list: [280, 560] } as const;

interface Layout {
  sidebar: number;
  list: number;
  density: Density;
}

function readLayout(): Layout {
  const fallback: Layout = { sidebar: 216, list: 360, density: 'comfortable' };
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    return raw ? { ...fallback, ...(JSON.parse(raw) as Partial<Layout>) } : fallback;
  } catch {
    return fallback;
  }
}

const clamp = (n: number, [min, max]: readonly [number, number]) =>
  Math.round(Math.min(max, Math.max(min, n)));

export const useUiStore = defineStore('ui', () => {
  const initial = readLayout();
  const overlay = ref<Overlay>(null);
  const sidebarWidth = ref(clamp(initial.sidebar, PANE_LIMITS.sidebar));
  const listWidth = ref(clamp(initial.list, PANE_LIMITS.list));
  const density = ref<Density>(initial.density === 'compact' ? 'compact' : 'comfortable');
  /** Bumped to ask the search box to take the focus (/). */
  const searchFocus = ref(0);

  watch([sidebarWidth, listWidth, density], () => {
    const layout: Layout = {
      sidebar: sidebarWidth.value,
      list: listWidth.value,
      density: density.value,
    };
    try {
      globalThis.localStorage?.setItem(KEY, JSON.stringify(layout));
    } catch {
      // Storage can be full or disabled; the layout then lasts for this session only.
    }
  });

  function resize(pane: 'sidebar' | 'list', width: number) {
    if (pane === 'sidebar') sidebarWidth.value = clamp(width, PANE_LIMITS.sidebar);
    else listWidth.value = clamp(width, PANE_LIMITS.list);
  }

  function open(which: Overlay) {
    overlay.value = which;
  }

  function toggleDensity() {
    density.value = density.value === 'compact' ? 'comfortable' : 'compact';
  }

  return {
    overlay,
    sidebarWidth,
    listWidth,
    density,
    searchFocus,
    resize,
    open,
    toggleDensity,
    focusSearch: () => searchFocus.value++,
  };
});
