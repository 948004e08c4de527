/**
 * The week roster: each agent's shifts and time off per day of a local week, and for supervisors
 * and admins the means to plan it: place a shift from a template on a day, remove one, add a
 * template. A shift that overlaps the agent's time off is marked as a conflict; a shift the
 * mutators refuse (overlapping another of the agent's, over 16 hours) is not placed and the reason
 * is said.
 */
import { useState, type FormEvent } from 'react';
import { canManageRouting } from '../../../../shared/domain/permissions.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { overlaps, shiftFromTemplate, type Shift, type ShiftTemplate, type TimeOff } from '../../../../shared/routing/records.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { CoverageHeatmap } from './CoverageHeatmap.tsx';

/** Local midnight `days` days after the local midnight of `at` (a Date keeps clock changes right). */
export function localDay(at: number, days = 0): number {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() + days);
  return d.getTime();
}

/** Local Monday 00:00 of the week holding `at`. */
export function localWeekStart(at: number): number {
  const day = new Date(localDay(at)).getDay(); // 0: Sunday
  return localDay(at, -((day + 6) % 7));
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (at: number) => `${pad(new Date(at).getHours())}:${pad(new Date(at).getMinutes())}`;

export function RosterView({ now }: { now: () => number }) {
  const api = useApi();
  const { t, f, l } = useI18n();
  const { user: me } = useSession();
  const [week, setWeek] = useState(() => localWeekStart(now()));
  const [error, setError] = useState<string | null>(null);
  const days = Array.from({ length: 7 }, (_, i) => localDay(week, i));
  const end = localDay(week, 7);
  const roster = useQuery(`routing.roster:${week}`, (a) => a.routing.roster({ from: week, to: end }), ['routing', 'user']);
  const plans = !!me && canManageRouting({ id: me.id, tenantId: me.tenantId, role: me.role, teamIds: me.teamIds });

  const change = (p: Promise<unknown>) => {
    setError(null);
    p.catch((err: unknown) => setError(t('roster.refused', { reason: l.error(asAppError(err).code) })));
  };
  const place = (userId: string, teamId: string, template: ShiftTemplate, day: number) =>
    change(
      runMutation(api, 'shift.put', { userId, shift: { id: uuidv7(), teamId, ...shiftFromTemplate(template, day) }, previousStart: null }),
    );

  return (
    <section className="page roster" aria-labelledby="roster-title">
      <header className="page-header">
        <h1 id="roster-title">{t('roster.title')}</h1>
        <div className="roster-nav">
          <button type="button" className="button button-small" onClick={() => setWeek(localDay(week, -7))}>
            {t('roster.previous')}
          </button>
          <span aria-live="polite">{t('roster.week', { from: f.date(week), to: f.date(localDay(week, 6)) })}</span>
          <button type="button" className="button button-small" onClick={() => setWeek(localDay(week, 7))}>
            {t('roster.next')}
          </button>
        </div>
      </header>
      <FormError>{error}</FormError>
      {roster.status === 'loading' && <Loading />}
      {roster.status === 'error' && <ErrorState error={roster.error} onRetry={roster.reload} />}
      {roster.status === 'ready' && (
        <>
          <div className="roster-scroll">
            <table className="roster-table">
              <caption className="visually-hidden">{t('roster.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('roster.agent')}</th>
                  {days.map((d) => (
                    <th key={d} scope="col">
                      {f.date(d)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {roster.data.agents.map(({ user, shifts, timeOff }) => (
                  <tr key={user.id}>
                    <th scope="row">{user.name}</th>
                    {days.map((day, i) => (
                      <td key={day}>
                        <DayCell
                          day={day}
                          next={days[i + 1] ?? end}
                          shifts={shifts}
                          timeOff={timeOff}
                          teamName={(id) => roster.data.teams.find((t) => t.id === id)?.name ?? ''}
                          onRemove={
                            plans
                              ? (s) => change(runMutation(api, 'shift.remove', { userId: user.id, shiftId: s.id, start: s.start }))
                              : null
                          }
                        />
                        {plans && user.teamIds[0] && roster.data.templates.some((tp) => tp.active) && (
                          <select
                            className="roster-add"
                            value=""
                            aria-label={t('roster.add', { name: user.name, day: f.date(day) })}
                            onChange={(e) => {
                              const template = roster.data.templates.find((tp) => tp.id === e.target.value);
                              if (template) place(user.id, user.teamIds[0]!, template, day);
                            }}
                          >
                            <option value="">{t('roster.addShort')}</option>
                            {roster.data.templates
                              .filter((tp) => tp.active)
                              .map((tp) => (
                                <option key={tp.id} value={tp.id}>
                                  {tp.name} {tp.start}
                                </option>
                              ))}
                          </select>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {plans && <CoverageHeatmap weekOf={week} teams={roster.data.teams} />}
          {plans && (
            <TimeOffForm
              agents={roster.data.agents.map((a) => a.user)}
              onSave={(args) => change(runMutation(api, 'timeOff.upsert', args))}
            />
          )}
          {plans && <TemplateForm onSave={(args) => change(runMutation(api, 'shiftTemplate.upsert', args))} />}
        </>
      )}
    </section>
  );
}

function DayCell(props: {
  day: number;
  next: number;
  shifts: readonly Shift[];
  timeOff: readonly TimeOff[];
  teamName: (id: string) => string;
  onRemove: ((s: Shift) => void) | null;
}) {
  const { t } = useI18n();
  const day = { start: props.day, end: props.next };
  const starting = props.shifts.filter((s) => s.start >= props.day && s.start < props.next);
  const off = props.timeOff.filter((o) => overlaps(o, day));
  return (
    <ul className="roster-cell">
      {off.map((o) => (
        <li key={o.id} className="roster-off">
          {t(`roster.off.${o.kind}`)}
        </li>
      ))}
      {starting.map((s) => {
        const conflict = props.timeOff.some((o) => overlaps(o, s));
        const label = t('roster.shift', { start: clock(s.start), end: clock(s.end), team: props.teamName(s.teamId) });
        return (
          <li key={s.id} className={conflict ? 'roster-shift roster-conflict' : 'roster-shift'}>
            {label}
            {conflict && <strong> {t('roster.conflict')}</strong>}
            {props.onRemove && (
              <button
                type="button"
                className="icon-button"
                aria-label={t('roster.remove', { shift: label })}
                onClick={() => props.onRemove?.(s)}
              >
                ×
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function TemplateForm({
  onSave,
}: {
  onSave: (args: {
    id: string;
    name: string;
    start: string;
    minutes: number;
    breaks: { offsetMinutes: number; minutes: number }[];
  }) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [start, setStart] = useState('09:00');
  const [hours, setHours] = useState('8');
  const [breakAfter, setBreakAfter] = useState('4');
  const [breakMinutes, setBreakMinutes] = useState('30');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const breakLength = Number(breakMinutes);
    onSave({
      id: uuidv7(),
      name,
      start,
      minutes: Math.round(Number(hours) * 60),
      breaks: breakLength > 0 ? [{ offsetMinutes: Math.round(Number(breakAfter) * 60), minutes: breakLength }] : [],
    });
  };
  return (
    <form className="panel roster-template" onSubmit={submit} aria-labelledby="template-title">
      <h2 id="template-title" className="panel-title">
        {t('roster.newTemplate')}
      </h2>
      <label className="routing-check">
        {t('roster.templateName')} <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="routing-check">
        {t('roster.templateStart')} <input type="time" required value={start} onChange={(e) => setStart(e.target.value)} />
      </label>
      <label className="routing-check">
        {t('roster.templateHours')}{' '}
        <input type="number" className="routing-number" step="0.5" value={hours} onChange={(e) => setHours(e.target.value)} />
      </label>
      <label className="routing-check">
        {t('roster.breakAfter')}{' '}
        <input type="number" className="routing-number" step="0.5" value={breakAfter} onChange={(e) => setBreakAfter(e.target.value)} />
      </label>
      <label className="routing-check">
        {t('roster.breakMinutes')}{' '}
        <input type="number" className="routing-number" value={breakMinutes} onChange={(e) => setBreakMinutes(e.target.value)} />
      </label>
      <button type="submit" className="button button-small">
        {t('roster.saveTemplate')}
      </button>
    </form>
  );
}

/** 'YYYY-MM-DD' of a date input as local midnight. */
const dayOf = (value: string) => {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
};

function TimeOffForm(props: {
  agents: readonly { id: string; name: string }[];
  onSave: (args: { id: string; userId: string; start: number; end: number; kind: 'leave' | 'sickness'; note: string }) => void;
}) {
  const { t } = useI18n();
  const [userId, setUserId] = useState(props.agents[0]?.id ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<'leave' | 'sickness'>('leave');
  if (!props.agents.length) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Whole local days, the last one included.
    props.onSave({ id: uuidv7(), userId, start: dayOf(from), end: localDay(dayOf(to), 1), kind, note: '' });
  };
  return (
    <form className="panel roster-template" onSubmit={submit} aria-labelledby="time-off-title">
      <h2 id="time-off-title" className="panel-title">
        {t('roster.newTimeOff')}
      </h2>
      <label className="routing-check">
        {t('roster.agent')}{' '}
        <select value={userId} onChange={(e) => setUserId(e.target.value)}>
          {props.agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label className="routing-check">
        {t('roster.offFrom')} <input type="date" required value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label className="routing-check">
        {t('roster.offTo')} <input type="date" required value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <label className="routing-check">
        {t('roster.offKind')}{' '}
        <select value={kind} onChange={(e) => setKind(e.target.value === 'sickness' ? 'sickness' : 'leave')}>
          <option value="leave">{t('roster.off.leave')}</option>
          <option value="sickness">{t('roster.off.sickness')}</option>
        </select>
      </label>
      <button type="submit" className="button button-small">
        {t('roster.saveTimeOff')}
      </button>
    </form>
  );
}
