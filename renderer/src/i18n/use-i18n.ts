import { useMemo } from 'react';
import { useSettings } from '../settings/SettingsProvider.tsx';
import { createTranslate } from './catalog.ts';
import { createFormatters } from './format.ts';
import { labels } from './labels.ts';

/** The translator, formatters and enum labels for the person's current locale. */
export function useI18n() {
  const { locale } = useSettings();
  return useMemo(() => {
    const t = createTranslate(locale);
    return { locale, t, f: createFormatters(locale), l: labels(t) };
  }, [locale]);
}
