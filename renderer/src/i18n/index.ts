// The one i18n layer of the renderer (vue-i18n, Composition API mode). Strings live in
// messages/<area>.ts, one module per area of the window, each shipping English and
// French; this file merges them under their area name, so a string is `t('area.key')`.
// Components use `useI18n()`; stores and plain modules use the exported `t`.
import { createI18n } from 'vue-i18n';
import { typesetFrench, typesetTree } from './typeset';
import accounts from './messages/accounts';
import accountImap from './messages/account-imap';
import common from './messages/common';
import accountSettings from './messages/account-settings';
import timeline from './messages/timeline';
import composer from './messages/composer';
import connection from './messages/connection';
import convert from './messages/convert';
import coreText from './messages/core-text';
import format from './messages/format';
import layout from './messages/layout';
import reading from './messages/reading';
import search from './messages/search';
import sidebar from './messages/sidebar';
import triage from './messages/triage';
import welcome from './messages/welcome';
import mentions from './messages/mentions';
import outbox from './messages/outbox';

const areas = {
  mentions,
  common,
  accountSettings,
  timeline,
  composer,
  accounts,
  accountImap,
  connection,
  convert,
  coreText,
  format,
  layout,
  outbox,
  reading,
  search,
  sidebar,
  triage,
  welcome,
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

/**
 * French counts 0 and 1 as singular ("0 message"); vue-i18n's default rule is English's.
 * Messages give two forms (`one | many`) or three (`none | one | many`).
 */
function frenchPlural(choice: number, choicesLength: number): number {
  const singular = Math.abs(choice) < 2;
  if (choicesLength === 3) return choice === 0 ? 0 : singular ? 1 : 2;
  if (choicesLength === 2) return singular ? 0 : 1;
  return 0;
}

const initialLocale = pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages);

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale,
  fallbackLocale: 'en',
  // French is typeset as it loads: authors may type plain spaces before : ; ? ! (typeset.ts).
  messages: { en: messagesFor('en'), fr: typesetTree(messagesFor('fr'), typesetFrench) },
  pluralRules: { fr: frenchPlural },
});

/** For stores and modules outside components; reactive to locale changes like `useI18n`. */
export const t = i18n.global.t;

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

setLocale(initialLocale);
