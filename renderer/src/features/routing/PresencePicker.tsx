/**
 * The person's presence in the top bar: online, away, on break or offline, which routing reads
 * (docs/routing.md). Set by hand here; set away after the idle time of the settings (no keyboard
 * or pointer input meanwhile) and back online at the next input, but only when it was the idle
 * time that set it away: someone who chose "away" or "on break" stays so until they choose again.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { AWAY_AFTER_MINUTES } from '../../../../shared/areas/app/settings-defaults.ts';
import { PRESENCES, type Presence } from '../../../../shared/routing/decide.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { useSettings } from '../../settings/SettingsProvider.tsx';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

export function PresencePicker() {
  const api = useApi();
  const { t, l } = useI18n();
  const { user: me } = useSession();
  const { settings } = useSettings();
  const mine = useQuery('routing.myPresence', (a) => a.routing.myPresence({}), ['routing']);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const status: Presence = mine.status === 'ready' ? (mine.data.presence?.status ?? 'offline') : 'offline';

  const set = useCallback(
    (next: Presence) => {
      if (!me) return;
      setError(null);
      runMutation(api, 'presence.set', { userId: me.id, status: next }).catch((err: unknown) =>
        setError(t('agentPresence.saveFailed', { reason: l.error(asAppError(err).code) })),
      );
    },
    [api, me, t, l],
  );
  useIdleAway(status, (settings.awayAfterMinutes ?? AWAY_AFTER_MINUTES) * 60_000, set);

  // A click anywhere else closes the choices, as menus do.
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (!me) return null;
  return (
    <div
      ref={rootRef}
      className={`presence-picker presence-is-${status}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      {/* A button that opens buttons rather than a <select>: the top bar is on every screen, and
          a native list's options would join every list of options a screen shows. */}
      <button
        ref={buttonRef}
        type="button"
        className="connection"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="presence-dot" aria-hidden="true" />
        <span className="visually-hidden">{t('agentPresence.label')}: </span>
        {t(`agentPresence.${status}`)}
      </button>
      {open && (
        <div id={menuId} className="presence-menu" role="group" aria-label={t('agentPresence.label')}>
          {PRESENCES.map((p) => (
            <button
              key={p}
              type="button"
              className={`menu-item presence-is-${p}`}
              aria-pressed={p === status}
              onClick={() => {
                setOpen(false);
                buttonRef.current?.focus();
                if (p !== status) set(p);
              }}
            >
              <span className="presence-dot" aria-hidden="true" /> {t(`agentPresence.${p}`)}
            </button>
          ))}
        </div>
      )}
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** Away after `idleMs` without input while online (0: never); online again at the next input if idleness set it away. */
export function useIdleAway(status: Presence, idleMs: number, set: (next: Presence) => void): void {
  const idleSetAway = useRef(false);
  useEffect(() => {
    if (status !== 'away') idleSetAway.current = false;
    if (idleMs <= 0 || (status !== 'online' && !(status === 'away' && idleSetAway.current))) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        idleSetAway.current = true;
        set('away');
      }, idleMs);
    };
    const onInput = () => {
      if (status === 'away') {
        idleSetAway.current = false;
        set('online');
      } else arm();
    };
    if (status === 'online') arm();
    for (const e of INPUT_EVENTS) window.addEventListener(e, onInput, { passive: true });
    return () => {
      if (timer) clearTimeout(timer);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, onInput);
    };
  }, [status, idleMs, set]);
}
