import { getContext, setContext } from 'svelte';
import type { MessageKey } from './vi/index.ts';

export type { MessageKey };
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';
/** The cookie the language switch sets; read by hooks.server.ts. */
export const LOCALE_COOKIE = 'lang';

export type MessageParams = Record<string, string | number>;
/** A message not yet translated: what server code (form actions, loads) hands to a page. */
export type Message = { key: MessageKey; params?: MessageParams };
export type Translate = (key: MessageKey, params?: MessageParams) => string;

type Messages = Readonly<Partial<Record<MessageKey, string>>>;

/**
 * The route groups, each with its own catalogue: a page downloads only its reader's language and
 * only its group's words (decision 25). The storefront's (the chrome of every page, and the
 * buyer's pages) is loaded by the root layout; each other group's layout loads its own on top.
 */
export const GROUPS = ['storefront', 'seller', 'coop', 'operator'] as const;
export type Group = (typeof GROUPS)[number];

// One import() per group and language, written out so the bundler makes one file of each.
const loaders: Record<Group, Record<Locale, () => Promise<{ messages: Messages }>>> = {
  storefront: { vi: () => import('./vi/group-storefront.ts'), en: () => import('./en/group-storefront.ts') },
  seller: { vi: () => import('./vi/group-seller.ts'), en: () => import('./en/group-seller.ts') },
  coop: { vi: () => import('./vi/group-coop.ts'), en: () => import('./en/group-coop.ts') },
  operator: { vi: () => import('./vi/group-operator.ts'), en: () => import('./en/group-operator.ts') },
};

// The words loaded so far, per language. Catalogues never change, so on the server one copy
// serves every request (the server loads every group at start, see hooks.server.ts).
const loaded: Record<Locale, Partial<Record<MessageKey, string>>> = { vi: {}, en: {} };
const loadedGroups = new Set<`${Locale}:${Group}`>();

/**
 * Makes `group`'s words in `locale` available to `translate`. A layout's load awaits it, on the
 * server and in the browser before the page hydrates or a navigation renders.
 */
export async function loadMessages(locale: Locale, group: Group): Promise<void> {
  if (loadedGroups.has(`${locale}:${group}`)) return;
  const { messages } = await loaders[group][locale]();
  Object.assign(loaded[locale], messages);
  loadedGroups.add(`${locale}:${group}`);
}

/** Every group in both languages: the server, before its first request (error pages included). */
export async function loadAllMessages(): Promise<void> {
  await Promise.all(LOCALES.flatMap((locale) => GROUPS.map((group) => loadMessages(locale, group))));
}

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

/** The message for `key` in `locale`, with `{param}` placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  // A key outside the loaded groups shows as itself: the i18n test keeps every key a group's
  // files use in that group's catalogues, so a rendered page never meets one.
  const template = loaded[locale][key] ?? key;
  if (!params) return template;
  // `{unit:n}`: the unit agreeing with the count `n` ("2 litres"). Only English has plurals here;
  // a Vietnamese template writes `{unit}`.
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (whole, name: string, countName: string | undefined) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = String(params[name]);
    if (!countName || locale !== 'en') return value;
    const count = Number(String(params[countName] ?? '').replace(/[^\d]/g, ''));
    return count === 1 ? value : englishPlural(value);
  });
}

/**
 * The English plural of a unit's name: "litre" → "litres", "bunch" → "bunches", "500 g pack" →
 * "500 g packs", "piece (fruit)" → "pieces (fruit)". Symbols (kg, g) have none.
 */
export function englishPlural(unit: string): string {
  const match = /^(.*?)([A-Za-z]+)(\s*\(.*\))?$/.exec(unit);
  if (!match) return unit;
  const [, before = '', word = '', after = ''] = match;
  if (/^(kg|g|mg|ml|l)$/i.test(word)) return unit;
  const plural = /(s|x|z|ch|sh)$/.test(word)
    ? `${word}es`
    : /[^aeiou]y$/.test(word)
      ? `${word.slice(0, -1)}ies`
      : `${word}s`;
  return `${before}${plural}${after}`;
}

const CONTEXT = Symbol('i18n');
type I18nContext = { readonly locale: Locale };

/**
 * Called once by the root layout. The context holds a getter, not a value: the locale comes from
 * page data, so a component reading it after a navigation sees the current one. (Module state
 * would be shared between the requests of every visitor during server rendering.)
 */
export function provideI18n(context: I18nContext): void {
  setContext(CONTEXT, context);
}

/** `const t = useT()` during component initialisation; then `t('nav.home')` in markup. */
export function useT(): Translate {
  const context = getContext<I18nContext | undefined>(CONTEXT);
  return (key, params) => translate(context?.locale ?? DEFAULT_LOCALE, key, params);
}
