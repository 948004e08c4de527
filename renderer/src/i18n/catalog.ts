/**
 * Catalog types and the translator. English is the reference: every catalog is a Catalog, so the
 * compiler refuses a missing or an extra key (messages.ts has the shape of a message).
 */
import type { Locale } from '../../../shared/domain/enums.ts';
import { en } from './en.ts';
import type { Messages } from './messages.ts';
import { zhCN } from './zh-CN.ts';

export type MessageKey = keyof typeof en;
export type Catalog = Messages<typeof en>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const CATALOGS: Record<Locale, Catalog> = { en, 'zh-CN': zhCN };

/** A key of the catalogs (English is the reference): for names that come from outside, as a mutation's. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

export function createTranslate(locale: Locale): Translate {
  const catalog = CATALOGS[locale];
  // Made on first need: the first Intl object of a page loads locale data (tens of milliseconds),
  // which should not stand between the page's first render and its first request.
  let plurals: Intl.PluralRules | undefined;
  let numbers: Intl.NumberFormat | undefined;
  return (key, params) => {
    const message = catalog[key];
    let text: string;
    if (typeof message === 'string') text = message;
    else {
      const count = Number(params?.count ?? 0);
      text = message[(plurals ??= new Intl.PluralRules(locale)).select(count)] ?? message.other;
    }
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? (numbers ??= new Intl.NumberFormat(locale)).format(value) : value;
    });
  };
}

/** The locale to use for a 'system' preference: Chinese for any zh* language, otherwise English. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  const first = languages[0]?.toLowerCase() ?? 'en';
  return first.startsWith('zh') ? 'zh-CN' : 'en';
}
