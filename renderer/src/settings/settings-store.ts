/**
 * The person's preferences (persisted by Core) and what the system currently says (OS language,
 * dark mode), from which the effective locale and theme follow.
 */
import { createStore } from 'zustand/vanilla';
import type { Settings } from '../../../shared/contract/channels.ts';
import { DEFAULT_SETTINGS } from '../../../shared/areas/app/settings-defaults.ts';
import type { Locale } from '../../../shared/domain/enums.ts';
import { localeFromLanguages } from '../i18n/catalog.ts';

export interface SettingsState {
  settings: Settings;
  systemLanguages: readonly string[];
  systemDark: boolean;
  setSettings(settings: Settings): void;
  setSystem(system: Partial<Pick<SettingsState, 'systemLanguages' | 'systemDark'>>): void;
}

export function createSettingsStore(system: { systemLanguages: readonly string[]; systemDark: boolean }) {
  return createStore<SettingsState>()((set) => ({
    settings: DEFAULT_SETTINGS,
    ...system,
    setSettings: (settings) => set({ settings }),
    setSystem: (patch) => set(patch),
  }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

export function effectiveLocale(s: Pick<SettingsState, 'settings' | 'systemLanguages'>): Locale {
  return s.settings.locale === 'system' ? localeFromLanguages(s.systemLanguages) : s.settings.locale;
}

export function effectiveTheme(s: Pick<SettingsState, 'settings' | 'systemDark'>): 'light' | 'dark' {
  if (s.settings.theme === 'system') return s.systemDark ? 'dark' : 'light';
  return s.settings.theme;
}
