// The unread badge of browser mode: a count in the tab title and a favicon with a dot,
// so a pinned tab tells the user there is news without switching to it.

const MAX_SHOWN = 99;

/** "(3) Passerelle"; the bare title when nothing is unread. */
export function titleWithBadge(base: string, count: number): string {
  if (count <= 0) return base;
  return `(${count > MAX_SHOWN ? `${MAX_SHOWN}+` : count}) ${base}`;
}

/** A 32 px favicon: the app's blue disc, with an orange dot when something is unread. */
export function faviconDataUrl(doc: Document, count: number): string | null {
  const canvas = doc.createElement('canvas');
  canvas.width = canvas.height = 32;
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.fillStyle = '#2f6fdf';
  g.beginPath();
  g.arc(16, 16, 14, 0, Math.PI * 2);
  g.fill();
  if (count > 0) {
    g.fillStyle = '#ff9500';
    g.beginPath();
    g.arc(25, 7, 7, 0, Math.PI * 2);
    g.fill();
  }
  return canvas.toDataURL('image/png');
}

export function applyBadge(doc: Document, base: string, count: number): void {
  doc.title = titleWithBadge(base, count);
  const href = faviconDataUrl(doc, count);
  if (!href) return;
  let link = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = doc.createElement('link');
    link.rel = 'icon';
    doc.head.appendChild(link);
  }
  link.href = href;
}
