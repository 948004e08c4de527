/**
 * Loads the settings from Core, keeps them current (`settings.changed`, OS language and colour
 * scheme changes) and applies them to the document: `<html lang>` and `<html data-theme>`.
 */
import { createContext, use, useCallback, useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Settings } from '../../../shared/contract/channels.ts';
import { useApi } from '../api/context.tsx';
import { createSettingsStore, effectiveLocale, effectiveTheme, type SettingsStore } from './settings-store.ts';

const SettingsContext = createContext<SettingsStore | null>(null);
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function SettingsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [store] = useState(() =>
    createSettingsStore({ systemLanguages: navigator.languages, systemDark: window.matchMedia(DARK_QUERY).matches }),
  );

  useEffect(() => {
    let live = true;
    api.settings.get({}).then(
      (settings) => live && store.getState().setSettings(settings),
      // Unreadable settings leave the defaults (follow the system) in place; views show their own errors.
      () => undefined,
    );
    const off = api.on('settings.changed', (settings) => store.getState().setSettings(settings));
    return () => {
      live = false;
      off();
    };
  }, [api, store]);

  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const onScheme = (e: MediaQueryListEvent) => store.getState().setSystem({ systemDark: e.matches });
    const onLanguage = () => store.getState().setSystem({ systemLanguages: navigator.languages });
    media.addEventListener('change', onScheme);
    window.addEventListener('languagechange', onLanguage);
    return () => {
      media.removeEventListener('change', onScheme);
      window.removeEventListener('languagechange', onLanguage);
    };
  }, [store]);

  const locale = useStore(store, effectiveLocale);
  const theme = useStore(store, effectiveTheme);
  const density = useStore(store, (s) => s.settings.density);
  // A layout effect: every layout effect of a commit runs before any child's effect, so a child that
  // reads the theme's tokens when the theme changes (the trend chart's canvas colours) reads the new
  // ones. With a plain effect the parent's ran last, and a chart drawn in dark used light greys.
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    root.dataset.theme = theme;
    root.dataset.density = density;
  }, [locale, theme, density]);

  return <SettingsContext value={store}>{children}</SettingsContext>;
}

function useSettingsStore(): SettingsStore {
  const store = use(SettingsContext);
  if (!store) throw new Error('settings hooks outside <SettingsProvider>');
  return store;
}

export function useSettings() {
  const store = useSettingsStore();
  const api = useApi();
  const settings = useStore(store, (s) => s.settings);
  const locale = useStore(store, effectiveLocale);
  const theme = useStore(store, effectiveTheme);

  /** Applies at once, then keeps what Core saved; if Core refuses, the previous settings return. */
  const update = useCallback(
    async (patch: Partial<Settings>) => {
      const before = store.getState().settings;
      store.getState().setSettings({ ...before, ...patch });
      try {
        store.getState().setSettings(await api.settings.update(patch));
      } catch (err) {
        store.getState().setSettings(before);
        throw err;
      }
    },
    [api, store],
  );

  return { settings, locale, theme, update };
}
