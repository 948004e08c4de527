/**
 * Desktop notifications on the renderer's side. In a browser it shows Core's `notification.show`
 * with the browser's notifications, and the first time one arrives before the browser allowed
 * them, it offers (once, politely, never by itself) to turn them on. In the desktop app it only
 * opens the record of a notification main showed and the person clicked (`notification.opened`).
 */
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/context.tsx';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSettings } from '../../settings/SettingsProvider.tsx';
import { navigate } from '../../shell/router.ts';
import { askPermission, notAsking, permission, routeOf, showInBrowser, wasAsked } from './browser-notifications.ts';

export function NotificationCenter() {
  const api = useApi();
  const { t } = useI18n();
  const { settings } = useSettings();
  const [offer, setOffer] = useState(false);
  // Read by the event listener, which is not re-made when the setting changes.
  const enabled = useRef(settings.notifications);
  useEffect(() => {
    enabled.current = settings.notifications;
  }, [settings.notifications]);

  useEffect(() => api.on('notification.opened', ({ kind, target }) => navigate(routeOf(kind, target))), [api]);

  // Only the web host delivers notification.show to the page: in the desktop app main shows the
  // system's notification and keeps the event to itself (electron/main/index.ts).
  useEffect(() => {
    return api.on('notification.show', (payload) => {
      if (!enabled.current) return;
      const now = permission();
      if (now === 'granted') showInBrowser(payload, navigate);
      else if (now === 'default' && !wasAsked()) setOffer(true);
    });
  }, [api]);

  if (!offer) return null;
  return (
    <section className="notice notification-offer" aria-label={t('notifications.title')}>
      <p>{t('notifications.ask')}</p>
      <button
        type="button"
        className="button button-primary"
        onClick={() => {
          setOffer(false);
          void askPermission();
        }}
      >
        {t('notifications.allow')}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => {
          setOffer(false);
          notAsking();
        }}
      >
        {t('notifications.notNow')}
      </button>
    </section>
  );
}
