/**
 * This console's preferences, one JSON value per key. Values are checked against the contract
 * when read, so a row written by an older build with a value no longer allowed falls back to the
 * default instead of breaking the settings page.
 */
import type { Database } from 'better-sqlite3';
import { Settings } from '../../../../shared/contract/channels.ts';
import { DEFAULT_SETTINGS } from '../../../../shared/areas/app/settings-defaults.ts';

export function createSettingsRepository(db: Database) {
  const read = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  function get(): Settings {
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const { key, value } of read.all()) {
      if (!Object.hasOwn(Settings.shape, key)) continue;
      const field = Settings.shape[key as keyof Settings].safeParse(JSON.parse(value));
      if (field.success) out[key] = field.data;
    }
    return out as Settings;
  }

  return {
    get,
    update: db.transaction((patch: Partial<Settings>): Settings => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) write.run(key, JSON.stringify(value));
      return get();
    }),
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
