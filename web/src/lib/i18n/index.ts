import { getContext, setContext } from 'svelte';
import { type MessageKey, vi } from './vi/index.ts';

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

type Catalogue = Readonly<Record<MessageKey, string>>;

// Vietnamese, the default and the source of truth, ships with every page. English is loaded only
// for a page shown in English (decision 19): the two together were a third of what a phone
// downloads for any page.
const catalogues: { vi: Catalogue; en?: Catalogue } = { vi };

/**
 * Makes `locale`'s messages available to `translate`. The root layout's load awaits it, on the
 * server and in the browser before the page hydrates; the server loads English once at start.
 */
export async function loadLocale(locale: Locale): Promise<void> {
  if (locale === 'en' && !catalogues.en) catalogues.en = (await import('./en/index.ts')).en;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

/** The message for `key` in `locale`, with `{param}` placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  // Only before loadLocale: never for a rendered page (the root layout's load waits for it).
  const template = (catalogues[locale] ?? catalogues.vi)[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
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
