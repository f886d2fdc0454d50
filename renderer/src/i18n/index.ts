// The one i18n layer of the renderer (vue-i18n, Composition API mode). Strings live in
// messages/<area>.ts, one module per area of the window, each shipping English and
// French; this file merges them under their area name, so a string is `t('area.key')`.
// Components use `useI18n()`; stores and plain modules use the exported `t`.
import { createI18n } from 'vue-i18n';
import common from './messages/common';

const areas = {
  common,
};

type Areas = typeof areas;
export type MessageSchema = { [A in keyof Areas]: Areas[A]['en'] };
export const SUPPORTED_LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

function messagesFor(locale: Locale): MessageSchema {
  const out: Record<string, unknown> = {};
  for (const [name, area] of Object.entries(areas)) out[name] = area[locale];
  return out as MessageSchema;
}

/** The first of the user's preferred languages that we ship, else English. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const match = SUPPORTED_LOCALES.find((l) => l === base);
    if (match) return match;
  }
  return 'en';
}

const initialLocale = pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages);

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale,
  fallbackLocale: 'en',
  messages: { en: messagesFor('en'), fr: messagesFor('fr') },
});

/** For stores and modules outside components; reactive to locale changes like `useI18n`. */
export const t = i18n.global.t;

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

setLocale(initialLocale);
