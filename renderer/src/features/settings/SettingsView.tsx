/** Preferences (theme, language, density), applied at once and saved by Core; and about this install. */
import { useState } from 'react';
import type { Settings } from '../../../../shared/contract/channels.ts';
import { LocalePreference, ThemePreference } from '../../../../shared/areas/app/channels.ts';
import { HISTORY_MONTH_CHOICES } from '../../../../shared/domain/history-window.ts';
import { useQuery, asAppError } from '../../api/use-query.ts';
import type { MessageKey } from '../../i18n/catalog.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSettings } from '../../settings/SettingsProvider.tsx';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { NotificationSetting } from '../notifications/NotificationSetting.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { ServiceLevels } from './ServiceLevels.tsx';
import { PresencePreferences, RoutingSettings } from '../routing/RoutingSettings.tsx';
import { ComplaintCategories } from '../complaints/ComplaintCategories.tsx';

const DENSITIES = ['comfortable', 'compact'] as const satisfies readonly Settings['density'][];
/** The undo windows offered (seconds); 0 turns undo off. */
const UNDO_SECONDS = [0, 5, 10, 20, 30] as const;

export function SettingsView() {
  const { t, l, f } = useI18n();
  const { settings, update } = useSettings();
  const [saveError, setSaveError] = useState<string | null>(null);
  const info = useQuery('app.info', (api) => api.app.info({}), ['ticket', 'message', 'account', 'contact']);

  const save = (patch: Partial<Settings>) => {
    setSaveError(null);
    update(patch).catch((err: unknown) => setSaveError(t('settings.saveFailed', { reason: l.error(asAppError(err).code) })));
  };

  return (
    <section className="page settings" aria-labelledby="settings-title">
      <header className="page-header">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </header>
      <section className="panel" aria-labelledby="appearance-title">
        <h2 id="appearance-title" className="panel-title">
          {t('settings.appearance')}
        </h2>
        <Choice
          legend={t('settings.theme')}
          name="theme"
          value={settings.theme}
          options={ThemePreference.options.map((v) => ({ value: v, label: t(`settings.theme.${v}`) }))}
          onChange={(theme) => save({ theme: ThemePreference.parse(theme) })}
        />
        <Choice
          legend={t('settings.language')}
          name="locale"
          value={settings.locale}
          options={LocalePreference.options.map((v) => ({
            value: v,
            label: t(`settings.locale.${v}`),
            lang: v === 'system' ? undefined : v,
          }))}
          onChange={(locale) => save({ locale: LocalePreference.parse(locale) })}
        />
        <Choice
          legend={t('settings.density')}
          name="density"
          value={settings.density}
          options={DENSITIES.map((v) => ({ value: v, label: t(`settings.density.${v}`) }))}
          onChange={(density) => save({ density: density === 'compact' ? 'compact' : 'comfortable' })}
        />
        <FormError>{saveError}</FormError>
      </section>
      <section className="panel" aria-labelledby="undo-title">
        <h2 id="undo-title" className="panel-title">
          {t('settings.undo')}
        </h2>
        <Choice
          legend={t('settings.undoSeconds')}
          name="undoSeconds"
          value={String(settings.undoSeconds)}
          options={UNDO_SECONDS.map((v) => ({
            value: String(v),
            label: v === 0 ? t('settings.undoSeconds.off') : t('settings.undoSeconds.value', { count: v }),
          }))}
          onChange={(seconds) => save({ undoSeconds: Number(seconds) })}
        />
        <p className="muted">{t('settings.undoSeconds.hint')}</p>
      </section>
      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title" className="panel-title">
          {t('settings.history')}
        </h2>
        <Choice
          legend={t('settings.historyMonths')}
          name="historyMonths"
          value={String(settings.historyMonths ?? 'all')}
          options={[
            { value: 'all', label: t('settings.historyMonths.all') },
            ...HISTORY_MONTH_CHOICES.map((v) => ({ value: String(v), label: t('settings.historyMonths.value', { count: v }) })),
          ]}
          onChange={(months) => save({ historyMonths: months === 'all' ? null : Number(months) })}
        />
        <p className="muted">{t('settings.historyMonths.hint')}</p>
      </section>
      <NotificationSetting transport={info.data?.transport ?? null} onChange={(notifications) => save({ notifications })} />
      <PresencePreferences />
      <ServiceLevels now={Date.now} />
      <RoutingSettings />
      <ComplaintCategories />
      <section className="panel" aria-labelledby="about-title">
        <h2 id="about-title" className="panel-title">
          {t('settings.about')}
        </h2>
        {info.status === 'loading' && <Loading />}
        {info.status === 'error' && <ErrorState error={info.error} onRetry={info.reload} />}
        {info.status === 'ready' && (
          <dl className="props">
            <dt>{t('settings.version')}</dt>
            <dd>
              {info.data.name} {info.data.version}
            </dd>
            <dt>{t('settings.transport')}</dt>
            <dd>{t(`settings.transport.${info.data.transport}`)}</dd>
            <dt>{t('settings.platform')}</dt>
            <dd>{info.data.platform}</dd>
            <dt>{t('settings.schemaVersion')}</dt>
            <dd>{f.number(info.data.schemaVersion)}</dd>
            <dt>{t('settings.database')}</dt>
            <dd className="break-all">
              <code>{info.data.databasePath}</code>
            </dd>
            <dt>{t('settings.records')}</dt>
            <dd>
              <ul className="counts">
                {(['tickets', 'messages', 'accounts', 'contacts'] as const).map((k) => (
                  <li key={k}>
                    <span className="muted">{t(`settings.count.${k}` satisfies MessageKey)}</span> {f.number(info.data.counts[k])}
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
        )}
      </section>
    </section>
  );
}

function Choice(props: {
  legend: string;
  name: string;
  value: string;
  options: { value: string; label: string; lang?: string | undefined }[];
  onChange(value: string): void;
}) {
  return (
    <fieldset className="choice">
      <legend>{props.legend}</legend>
      <div className="segmented">
        {props.options.map((o) => (
          <label key={o.value} className="segment" lang={o.lang}>
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
