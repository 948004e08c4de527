/**
 * Settings, "Routing" (supervisors and admins, whom routingRule.set and user.setRoutingProfile
 * allow): each team's rule, changed at once, and each agent's routing profile (the languages they
 * answer in, their skills, how many tickets of each channel they carry at once), saved per agent.
 * Refusals (a capacity below zero, a team gone meanwhile) are shown with their reason.
 */
import { useState } from 'react';
import { AWAY_AFTER_MINUTES } from '../../../../shared/areas/app/settings-defaults.ts';
import { CHANNELS, LOCALES, type Channel, type Locale } from '../../../../shared/domain/enums.ts';
import { canManageRouting } from '../../../../shared/domain/permissions.ts';
import type { User } from '../../../../shared/domain/records.ts';
import { ROUTING_MODES, type RoutingMode } from '../../../../shared/routing/decide.ts';
import type { RoutingRuleFields, RoutingRuleRecord } from '../../../../shared/routing/records.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { useSettings } from '../../settings/SettingsProvider.tsx';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { FormError } from '../../ui/FormError.tsx';

/** The idle times offered before away (minutes); 0: never. */
const AWAY_CHOICES = [0, 5, 10, 15, 30, 60] as const;

/** Everyone's own preference: how long without input before they are set away. */
export function PresencePreferences() {
  const { t, l } = useI18n();
  const { settings, update } = useSettings();
  const [error, setError] = useState<string | null>(null);
  const value = settings.awayAfterMinutes ?? AWAY_AFTER_MINUTES;
  const save = (awayAfterMinutes: number) => {
    setError(null);
    update({ awayAfterMinutes }).catch((err: unknown) => setError(t('routing.saveFailed', { reason: l.error(asAppError(err).code) })));
  };
  return (
    <section className="panel" aria-labelledby="presence-title">
      <h2 id="presence-title" className="panel-title">
        {t('agentPresence.title')}
      </h2>
      <div className="field">
        <label className="field-label" htmlFor="away-after">
          {t('agentPresence.awayAfter')}
        </label>
        <select id="away-after" value={value} onChange={(e) => save(Number(e.target.value))}>
          {AWAY_CHOICES.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? t('agentPresence.awayAfter.never') : t('agentPresence.awayAfter.value', { count: m })}
            </option>
          ))}
        </select>
      </div>
      <p className="muted">{t('agentPresence.awayAfter.hint')}</p>
      <FormError>{error}</FormError>
    </section>
  );
}

const defaultRule = (teamId: string): RoutingRuleFields => ({
  teamId,
  mode: 'round_robin',
  matchLanguage: true,
  matchSkills: false,
  takeBackWhenOffline: false,
  enabled: false,
  nextTierTeamId: null,
});

export function RoutingSettings() {
  const api = useApi();
  const { t, l } = useI18n();
  const { user: me } = useSession();
  const settings = useQuery('routing.settings', (a) => a.routing.settings({}), ['routing', 'user', 'team']);
  const [error, setError] = useState<string | null>(null);
  if (!me || !canManageRouting({ id: me.id, tenantId: me.tenantId, role: me.role, teamIds: me.teamIds })) return null;

  const setRule = (rule: RoutingRuleRecord | null, teamId: string, patch: Partial<RoutingRuleFields>) => {
    const { teamId: _team, mode, matchLanguage, matchSkills, takeBackWhenOffline, enabled, nextTierTeamId } = rule ?? defaultRule(teamId);
    setError(null);
    runMutation(api, 'routingRule.set', {
      teamId,
      mode,
      matchLanguage,
      matchSkills,
      takeBackWhenOffline,
      enabled,
      nextTierTeamId,
      ...patch,
    }).catch((err: unknown) => setError(t('routing.saveFailed', { reason: l.error(asAppError(err).code) })));
  };

  return (
    <section className="panel routing-settings" aria-labelledby="routing-title">
      <h2 id="routing-title" className="panel-title">
        {t('routing.title')}
      </h2>
      {settings.status === 'loading' && <Loading />}
      {settings.status === 'error' && <ErrorState error={settings.error} onRetry={settings.reload} />}
      {settings.status === 'ready' && (
        <>
          <h3>{t('routing.rules')}</h3>
          <ul className="routing-rules">
            {settings.data.teams.map(({ id, name, rule }) => {
              const r = rule ?? defaultRule(id);
              const check = (field: 'enabled' | 'matchLanguage' | 'matchSkills' | 'takeBackWhenOffline', label: string) => (
                <label className="routing-check">
                  <input
                    type="checkbox"
                    checked={r[field]}
                    disabled={field !== 'enabled' && !r.enabled}
                    onChange={(e) => setRule(rule, id, { [field]: e.target.checked })}
                  />{' '}
                  {label}
                </label>
              );
              return (
                <li key={id}>
                  {check('enabled', t('routing.enabled', { team: name }))}
                  <label className="routing-check">
                    {t('routing.mode')}{' '}
                    <select
                      value={r.mode}
                      disabled={!r.enabled}
                      aria-label={`${t('routing.mode')} (${name})`}
                      onChange={(e) => setRule(rule, id, { mode: e.target.value as RoutingMode })}
                    >
                      {ROUTING_MODES.map((m) => (
                        <option key={m} value={m}>
                          {t(`routing.mode.${m}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {check('matchLanguage', t('routing.matchLanguage'))}
                  {check('matchSkills', t('routing.matchSkills'))}
                  {check('takeBackWhenOffline', t('routing.takeBack'))}
                  <label className="routing-check">
                    {t('routing.nextTier')}{' '}
                    <select
                      value={r.nextTierTeamId ?? ''}
                      aria-label={`${t('routing.nextTier')} (${name})`}
                      onChange={(e) => setRule(rule, id, { nextTierTeamId: e.target.value || null })}
                    >
                      <option value="">{t('routing.nextTier.none')}</option>
                      {settings.data.teams
                        .filter((other) => other.id !== id)
                        .map((other) => (
                          <option key={other.id} value={other.id}>
                            {other.name}
                          </option>
                        ))}
                    </select>
                  </label>
                </li>
              );
            })}
          </ul>
          <FormError>{error}</FormError>
          <h3>{t('routing.agents')}</h3>
          <ul className="routing-agents">
            {settings.data.agents.map(({ user, presence }) => (
              <AgentProfile key={user.id} user={user} presence={presence?.status ?? 'offline'} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function AgentProfile({ user, presence }: { user: User; presence: string }) {
  const api = useApi();
  const { t, l } = useI18n();
  const [languages, setLanguages] = useState<Locale[]>(user.languages ?? []);
  const [skills, setSkills] = useState(user.skills.join(', '));
  const [capacity, setCapacity] = useState<Partial<Record<Channel, string>>>(() =>
    Object.fromEntries(Object.entries(user.channelCapacity ?? {}).map(([c, n]) => [c, String(n)])),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const save = () => {
    setMessage(null);
    const channelCapacity = Object.fromEntries(
      Object.entries(capacity)
        .filter(([, v]) => v !== undefined && v.trim() !== '')
        .map(([c, v]) => [c, Number(v)]),
    );
    runMutation(api, 'user.setRoutingProfile', {
      userId: user.id,
      languages,
      skills: skills
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      channelCapacity,
    })
      .then(() => setMessage({ ok: true, text: t('routing.saved') }))
      .catch((err: unknown) => setMessage({ ok: false, text: t('routing.saveFailed', { reason: l.error(asAppError(err).code) }) }));
  };

  return (
    <li className="routing-agent">
      <span className="routing-agent-name">{user.name}</span>{' '}
      <span className={`presence-picker presence-is-${presence}`}>
        <span className="presence-dot" aria-hidden="true" />
        <span className="muted">{t(`agentPresence.${presence as 'online'}`)}</span>
      </span>
      <fieldset className="routing-languages">
        <legend>{t('routing.languages')}</legend>
        {LOCALES.map((loc) => (
          <label key={loc} className="routing-check">
            <input
              type="checkbox"
              checked={languages.includes(loc)}
              aria-label={t('routing.speaks', { name: user.name, language: t(`history.language.${loc}`) })}
              onChange={(e) => setLanguages((ls) => (e.target.checked ? [...ls, loc] : ls.filter((x) => x !== loc)))}
            />{' '}
            {t(`history.language.${loc}`)}
          </label>
        ))}
      </fieldset>
      <label className="routing-check">
        {t('routing.skills')}{' '}
        <input
          type="text"
          value={skills}
          aria-label={t('routing.skillsOf', { name: user.name })}
          onChange={(e) => setSkills(e.target.value)}
        />
      </label>
      <fieldset className="routing-capacity">
        <legend>{t('routing.capacity')}</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="routing-check">
            {l.channel(c)}{' '}
            <input
              type="number"
              inputMode="numeric"
              className="routing-number"
              value={capacity[c] ?? ''}
              aria-label={t('routing.capacityOf', { channel: l.channel(c), name: user.name })}
              onChange={(e) => setCapacity((cap) => ({ ...cap, [c]: e.target.value }))}
            />
          </label>
        ))}
      </fieldset>
      <button type="button" className="button button-small" onClick={save}>
        {t('routing.saveProfile', { name: user.name })}
      </button>
      {message && (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'muted' : 'field-error'}>
          {message.text}
        </span>
      )}
    </li>
  );
}
