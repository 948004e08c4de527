import { useSettings } from '../settings/SettingsProvider.tsx';
import { createTranslate, type Translate } from './catalog.ts';
import { createFormatters, type Formatters } from './format.ts';
import { labels } from './labels.ts';
import type { Locale } from '../../../shared/domain/enums.ts';

export interface I18n {
  locale: Locale;
  t: Translate;
  f: Formatters;
  l: ReturnType<typeof labels>;
}

/**
 * One translator and one set of formatters per locale for the whole page. Intl objects take
 * milliseconds each to build; made per component (every inbox row calls useI18n) they were most of
 * the first inbox render.
 */
const byLocale = new Map<Locale, I18n>();

function i18nFor(locale: Locale): I18n {
  let i18n = byLocale.get(locale);
  if (!i18n) {
    const t = createTranslate(locale);
    i18n = { locale, t, f: createFormatters(locale), l: labels(t) };
    byLocale.set(locale, i18n);
  }
  return i18n;
}

/** The translator, formatters and enum labels for the person's current locale. */
export function useI18n(): I18n {
  return i18nFor(useSettings().locale);
}
