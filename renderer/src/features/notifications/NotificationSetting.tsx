/**
 * The Settings page's switch for desktop notifications. Turning it on in a browser is also where
 * the browser's permission is asked for (a click, as browsers require); if the browser blocks them
 * or has none, the page says so, since the switch alone would then change nothing.
 */
import { useId, useState } from 'react';
import type { z } from 'zod';
import type { AppInfo } from '../../../../shared/contract/channels.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSettings } from '../../settings/SettingsProvider.tsx';
import { askPermission, permission, showsOwnNotifications, type Permission } from './browser-notifications.ts';

export function NotificationSetting({
  transport,
  onChange,
}: {
  /** Null until app.info answers. */
  transport: z.infer<typeof AppInfo>['transport'] | null;
  onChange(enabled: boolean): void;
}) {
  const { t } = useI18n();
  const { settings } = useSettings();
  const id = useId();
  const [browser, setBrowser] = useState<Permission>(permission);
  const inBrowser = transport !== null && showsOwnNotifications(transport);

  const toggle = (enabled: boolean) => {
    onChange(enabled);
    if (enabled && inBrowser && browser === 'default') void askPermission().then(setBrowser);
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {t('notifications.title')}
      </h2>
      <label className="field-inline">
        <input type="checkbox" checked={settings.notifications} onChange={(e) => toggle(e.target.checked)} />
        {t('notifications.setting')}
      </label>
      {inBrowser && settings.notifications && browser === 'denied' && <p className="field-notice">{t('notifications.blocked')}</p>}
      {inBrowser && settings.notifications && browser === 'unsupported' && <p className="field-notice">{t('notifications.unsupported')}</p>}
    </section>
  );
}
