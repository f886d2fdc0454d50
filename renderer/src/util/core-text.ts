// Texts the core wrote (connection errors, conversion problems) in the user's language:
// the core sends a key and parameters next to its English message (shared/core-text.ts),
// and the coreText area of the i18n layer translates the key. A key this window does not
// know (a newer core) shows the core's English message instead of a raw key.
import { i18n, t } from '../i18n';

export interface CoreTextLike {
  key: string;
  params?: Record<string, unknown>;
}

function isCoreText(value: unknown): value is CoreTextLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { key?: unknown }).key === 'string'
  );
}

/** The text in the current language, or null when a key (or a nested one) is unknown. */
function translate(text: CoreTextLike): string | null {
  const path = `coreText.${text.key}`;
  if (!i18n.global.te(path, 'en')) return null;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(text.params ?? {})) {
    const nested = isCoreText(value) ? translate(value) : String(value);
    if (nested === null) return null;
    params[name] = nested;
  }
  return t(path, params);
}

export function translateCoreText(text: unknown, fallback: string): string {
  return (isCoreText(text) && translate(text)) || fallback;
}
