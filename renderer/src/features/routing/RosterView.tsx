/**
 * The week roster: each agent's shifts and time off per day of a local week, and for supervisors
 * and admins the means to plan it: place a shift from a template on a day, move one (dragged with
 * the pointer, moved with the keyboard, or in its edit dialog) to another time, day or agent,
 * stretch its end, remove one, add a template. A shift that overlaps the agent's time off is
 * marked as a conflict; a move onto another of the agent's shifts, over 16 hours or into their
 * time off is not made and the reason is said (docs/routing.md, "In the console").
 */
import { useRef, useState, type FormEvent, type KeyboardEvent, type PointerEvent } from 'react';
import type { User } from '../../../../shared/domain/records.ts';
import { canManageRouting } from '../../../../shared/domain/permissions.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import {
  overlaps,
  shiftFromTemplate,
  type Interval,
  type Shift,
  type ShiftSwap,
  type ShiftTemplate,
  type TimeOff,
} from '../../../../shared/routing/records.ts';
import { moveShift, resizeShift, shiftRefusal } from '../../../../shared/routing/shift-moves.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
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
export const clock = (at: number) => `${pad(new Date(at).getHours())}:${pad(new Date(at).getMinutes())}`;

const DAY_MINUTES = 24 * 60;
/** The step a shift moves or stretches by, with the keyboard and the pointer alike. */
const STEP_MINUTES = 15;
const snap = (minutes: number) => Math.round(minutes / STEP_MINUTES) * STEP_MINUTES;

type RosterAgent = { user: User; shifts: Shift[]; timeOff: TimeOff[] };

/** A shift being moved or stretched: where it was, and where it would land. */
interface Draft {
  original: Shift;
  fromUserId: string;
  userId: string;
  shift: Shift;
  via: 'keyboard' | 'pointer';
}

/** A pointer drag under way: where it began, in which cell, and what it changes. */
interface PointerDrag {
  kind: 'move' | 'resize';
  pointerId: number;
  x: number;
  /** The share of the origin cell's width, hence of its day, the pointer was at. */
  dayShare: number;
  cellWidth: number;
}

/** The same time of day `days` local days later (a Date keeps clock changes right). */
function shiftDays(shift: Shift, days: number): Shift {
  return moveShift(shift, localDay(shift.start, days) + (shift.start - localDay(shift.start)));
}

/** The roster cell under a point: the table's cells carry their agent and day. */
function cellAt(table: HTMLElement | null, x: number, y: number): { userId: string; day: number; rect: DOMRect } | null {
  for (const cell of table?.querySelectorAll<HTMLElement>('[data-roster-cell]') ?? []) {
    const rect = cell.getBoundingClientRect();
    if (x >= rect.left && x < rect.right && y >= rect.top && y < rect.bottom)
      return { userId: cell.dataset.user ?? '', day: Number(cell.dataset.day), rect };
  }
  return null;
}

export function RosterView({ now }: { now: () => number }) {
  const api = useApi();
  const { t, f, l } = useI18n();
  const { user: me } = useSession();
  const [week, setWeek] = useState(() => localWeekStart(now()));
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [editing, setEditing] = useState<{ shift: Shift; userId: string } | null>(null);
  const drag = useRef<PointerDrag | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const days = Array.from({ length: 7 }, (_, i) => localDay(week, i));
  const end = localDay(week, 7);
  const roster = useQuery(`routing.roster:${week}`, (a) => a.routing.roster({ from: week, to: end }), ['routing', 'user']);
  const plans = !!me && canManageRouting({ id: me.id, tenantId: me.tenantId, role: me.role, teamIds: me.teamIds });
  const agents: RosterAgent[] = roster.status === 'ready' ? roster.data.agents : [];
  const teamName = (id: string) => (roster.status === 'ready' ? (roster.data.teams.find((tm) => tm.id === id)?.name ?? '') : '');
  const swapping = new Set(roster.status === 'ready' ? roster.data.swaps.map((s) => s.shift.id) : []);
  const nameOf = (userId: string) => agents.find((a) => a.user.id === userId)?.user.name ?? '';
  const label = (s: Shift) => t('roster.shift', { start: clock(s.start), end: clock(s.end), team: teamName(s.teamId) });
  const where = (d: Draft) => t('roster.where', { day: f.date(d.shift.start), shift: label(d.shift), name: nameOf(d.userId) });

  const change = (p: Promise<unknown>) => {
    setError(null);
    return p.then(
      () => true,
      (err: unknown) => {
        setError(t('roster.refused', { reason: l.error(asAppError(err).code) }));
        return false;
      },
    );
  };
  const place = (userId: string, teamId: string, template: ShiftTemplate, day: number) =>
    change(
      runMutation(api, 'shift.put', { userId, shift: { id: uuidv7(), teamId, ...shiftFromTemplate(template, day) }, previousStart: null }),
    );

  /**
   * Puts a shift where a move or the edit dialog says, once the console's own check passes: the
   * reason of a refusal is said, and the shift stays where it was. Resolves to whether it was sent.
   */
  const save = (original: Shift, fromUserId: string, userId: string, shift: Shift): Promise<boolean> => {
    const owner = agents.find((a) => a.user.id === userId);
    const refusal = owner && shiftRefusal(shift, { teamIds: owner.user.teamIds, shifts: owner.shifts, timeOff: owner.timeOff });
    if (refusal) {
      setError(t(`roster.refuse.${refusal}`, { name: owner.user.name }));
      return Promise.resolve(false);
    }
    return change(
      runMutation(api, 'shift.put', {
        userId,
        shift,
        previousStart: original.start,
        ...(userId === fromUserId ? {} : { previousUserId: fromUserId }),
      }),
    );
  };
  const commit = (d: Draft) => {
    setDraft(null);
    const moved = d.userId !== d.fromUserId || d.shift.start !== d.original.start || d.shift.end !== d.original.end;
    if (!moved) return setAnnouncement(t('roster.moveCancelled'));
    void save(d.original, d.fromUserId, d.userId, d.shift).then((sent) =>
      setAnnouncement(sent ? t('roster.movedTo', { where: where(d) }) : ''),
    );
  };
  /** Approves a swap once each agent's roster on screen takes the shift they would get. */
  const approve = (swap: ShiftSwap) => {
    const leaving = [swap.shift.id, swap.returnShift?.id];
    for (const [userId, shift] of [
      [swap.toUserId, swap.shift],
      [swap.fromUserId, swap.returnShift],
    ] as const) {
      const owner = agents.find((a) => a.user.id === userId);
      if (!owner || !shift) continue;
      const others = owner.shifts.filter((s) => !leaving.includes(s.id));
      const refusal = shiftRefusal(shift, { teamIds: owner.user.teamIds, shifts: others, timeOff: owner.timeOff });
      if (refusal) return setError(t(`roster.refuse.${refusal}`, { name: owner.user.name }));
    }
    void change(runMutation(api, 'swap.approve', { id: swap.id })).then((sent) => sent && setAnnouncement(t('roster.swapApproved')));
  };
  const update = (d: Draft) => {
    setDraft(d);
    setAnnouncement(where(d));
  };

  const onShiftKey = (e: KeyboardEvent<HTMLButtonElement>, shift: Shift, userId: string) => {
    const mine = draft?.original.id === shift.id && draft.via === 'keyboard' ? draft : null;
    if (!mine) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        setError(null);
        setDraft({ original: shift, fromUserId: userId, userId, shift, via: 'keyboard' });
        setAnnouncement(t('roster.moving', { shift: label(shift) }));
      }
      return;
    }
    const row = agents.findIndex((a) => a.user.id === mine.userId);
    const minutes = STEP_MINUTES * 60_000;
    let next: Draft | null = null;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setDraft(null);
      setAnnouncement(t('roster.moveCancelled'));
      return;
    }
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      commit(mine);
      return;
    }
    const dayKey = e.key === 'PageUp' || e.key === 'PageDown' || ((e.ctrlKey || e.metaKey) && e.key.startsWith('Arrow'));
    const later = e.key === 'ArrowRight' || e.key === 'PageDown';
    if (dayKey && (later || e.key === 'ArrowLeft' || e.key === 'PageUp')) next = { ...mine, shift: shiftDays(mine.shift, later ? 1 : -1) };
    else if (e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight'))
      next = { ...mine, shift: resizeShift(mine.shift, mine.shift.end + (later ? minutes : -minutes)) };
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight')
      next = { ...mine, shift: moveShift(mine.shift, mine.shift.start + (later ? minutes : -minutes)) };
    else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const other = agents[row + (e.key === 'ArrowUp' ? -1 : 1)];
      if (other) next = { ...mine, userId: other.user.id };
    }
    if (next) {
      e.preventDefault();
      update(next);
    }
  };

  const onPointerDown = (e: PointerEvent<HTMLElement>, kind: PointerDrag['kind'], shift: Shift, userId: string) => {
    if (e.button !== 0) return;
    const cell = cellAt(table.current, e.clientX, e.clientY);
    if (!cell || cell.rect.width === 0) return;
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drag.current = {
      kind,
      pointerId: e.pointerId,
      x: e.clientX,
      dayShare: (e.clientX - cell.rect.left) / cell.rect.width,
      cellWidth: cell.rect.width,
    };
    setError(null);
    setDraft({ original: shift, fromUserId: userId, userId, shift, via: 'pointer' });
  };
  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId || !draft) return;
    const { original } = draft;
    if (d.kind === 'resize') {
      const by = snap(((e.clientX - d.x) / d.cellWidth) * DAY_MINUTES);
      setDraft({ ...draft, shift: resizeShift(original, original.end + by * 60_000) });
      return;
    }
    const cell = cellAt(table.current, e.clientX, e.clientY);
    if (!cell) return;
    // The pointer's place across the day it is over, against where it took hold of the shift.
    const by = snap(((e.clientX - cell.rect.left) / cell.rect.width - d.dayShare) * DAY_MINUTES);
    const sameTime = localDay(cell.day) + (original.start - localDay(original.start));
    setDraft({ ...draft, userId: cell.userId, shift: moveShift(original, sameTime + by * 60_000) });
  };
  const onPointerUp = (e: PointerEvent<HTMLElement>) => {
    if (!drag.current || drag.current.pointerId !== e.pointerId) return;
    drag.current = null;
    if (draft) commit(draft);
  };

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
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {plans && (
        <p id="roster-keys" className="muted roster-hint">
          {t('roster.keys')}
        </p>
      )}
      {roster.status === 'loading' && <Loading />}
      {roster.status === 'error' && <ErrorState error={roster.error} onRetry={roster.reload} />}
      {roster.status === 'ready' && (
        <>
          {plans && roster.data.swaps.length > 0 && (
            <section className="panel" aria-labelledby="roster-swaps-title">
              <h2 id="roster-swaps-title" className="panel-title">
                {t('roster.swaps')}
              </h2>
              <ul className="swap-list">
                {roster.data.swaps.map((swap) => (
                  <li key={swap.id} className="swap-item">
                    <span>
                      {t('roster.swap', {
                        from: swap.fromName,
                        to: swap.toName,
                        shift: `${f.date(swap.shift.start)} ${label(swap.shift)}`,
                      })}
                      {swap.returnShift && (
                        <> {t('roster.swapBack', { shift: `${f.date(swap.returnShift.start)} ${label(swap.returnShift)}` })}</>
                      )}{' '}
                      <span className={`chip swap-${swap.status}`}>{t(`swap.status.${swap.status}`)}</span>
                    </span>
                    <span className="swap-actions">
                      {swap.status === 'accepted' && (
                        <button type="button" className="button button-small button-primary" onClick={() => approve(swap)}>
                          {t('roster.approve')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => void change(runMutation(api, 'swap.cancel', { id: swap.id }))}
                      >
                        {t('roster.refuseSwap')}
                      </button>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <div className="roster-scroll">
            <table className="roster-table" ref={table}>
              <caption className="visually-hidden">{t('roster.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('roster.agent')}</th>
                  {days.map((d) => (
                    <th key={d} scope="col">
                      {f.weekdayDate(d)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {agents.map(({ user, shifts, timeOff }) => (
                  <tr key={user.id}>
                    <th scope="row">{user.name}</th>
                    {days.map((day, i) => (
                      <td key={day} data-roster-cell="" data-user={user.id} data-day={day}>
                        <DayCell
                          day={day}
                          next={days[i + 1] ?? end}
                          shifts={shifts}
                          timeOff={timeOff}
                          label={label}
                          draft={draft}
                          ghost={draft && draft.userId === user.id ? draft.shift : null}
                          swapping={swapping}
                          planner={
                            plans
                              ? {
                                  name: user.name,
                                  onKeyDown: (e, s) => onShiftKey(e, s, user.id),
                                  onBlur: (s) => {
                                    if (draft?.original.id === s.id && draft.via === 'keyboard') setDraft(null);
                                  },
                                  onPointerDown: (e, kind, s) => onPointerDown(e, kind, s, user.id),
                                  onPointerMove,
                                  onPointerUp,
                                  onEdit: (s) => setEditing({ shift: s, userId: user.id }),
                                  onRemove: (s) =>
                                    void change(runMutation(api, 'shift.remove', { userId: user.id, shiftId: s.id, start: s.start })),
                                }
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
                              if (template) void place(user.id, user.teamIds[0]!, template, day);
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
          {editing && (
            <ShiftDialog
              shift={editing.shift}
              userId={editing.userId}
              agents={agents.map((a) => a.user)}
              title={t('roster.editTitle', { shift: label(editing.shift), name: nameOf(editing.userId) })}
              onClose={() => setEditing(null)}
              onSave={(userId, shift) => save(editing.shift, editing.userId, userId, shift)}
              error={error}
            />
          )}
          {plans && <CoverageHeatmap weekOf={week} teams={roster.data.teams} />}
          {plans && (
            <TimeOffForm agents={agents.map((a) => a.user)} onSave={(args) => void change(runMutation(api, 'timeOff.upsert', args))} />
          )}
          {plans && <TemplateForm onSave={(args) => void change(runMutation(api, 'shiftTemplate.upsert', args))} />}
        </>
      )}
    </section>
  );
}

interface Planner {
  name: string;
  onKeyDown(e: KeyboardEvent<HTMLButtonElement>, s: Shift): void;
  onBlur(s: Shift): void;
  onPointerDown(e: PointerEvent<HTMLElement>, kind: PointerDrag['kind'], s: Shift): void;
  onPointerMove(e: PointerEvent<HTMLElement>): void;
  onPointerUp(e: PointerEvent<HTMLElement>): void;
  onEdit(s: Shift): void;
  onRemove(s: Shift): void;
}

/** Where a span lies across a day, in percent of the day: for the day's track. */
function across(day: Interval, span: Interval): { left: string; width: string } {
  const length = day.end - day.start;
  const from = Math.max(span.start, day.start);
  const to = Math.min(span.end, day.end);
  return { left: `${((from - day.start) / length) * 100}%`, width: `${(Math.max(0, to - from) / length) * 100}%` };
}

function DayCell(props: {
  day: number;
  next: number;
  shifts: readonly Shift[];
  timeOff: readonly TimeOff[];
  label: (s: Shift) => string;
  draft: Draft | null;
  /** Where the shift being moved would land, when on this agent. */
  ghost: Shift | null;
  /** Shifts offered in an open swap. */
  swapping: ReadonlySet<string>;
  planner: Planner | null;
}) {
  const { t } = useI18n();
  const { planner, draft } = props;
  const day = { start: props.day, end: props.next };
  const starting = props.shifts.filter((s) => s.start >= props.day && s.start < props.next);
  const ghost = props.ghost && props.ghost.start >= props.day && props.ghost.start < props.next ? props.ghost : null;
  const off = props.timeOff.filter((o) => overlaps(o, day));
  return (
    <>
      {/* The day's hours left to right: a shift dragged sideways moves along them. */}
      <div className="roster-track" aria-hidden="true">
        {props.shifts
          .filter((s) => overlaps(s, day) && s.id !== draft?.original.id)
          .map((s) => (
            <span key={s.id} className="roster-bar" style={across(day, s)} />
          ))}
        {ghost && <span className="roster-bar roster-bar-ghost" style={across(day, ghost)} />}
      </div>
      <ul className="roster-cell">
        {off.map((o) => (
          <li key={o.id} className="roster-off">
            {t(`roster.off.${o.kind}`)}
          </li>
        ))}
        {starting.map((s) => {
          const conflict = props.timeOff.some((o) => overlaps(o, s));
          const label = props.label(s);
          const moving = draft?.original.id === s.id;
          return (
            <li key={s.id} className={['roster-shift', conflict && 'roster-conflict', moving && 'roster-moving'].filter(Boolean).join(' ')}>
              {planner ? (
                <button
                  type="button"
                  className="roster-handle"
                  data-shift={s.id}
                  aria-label={t('roster.shiftOf', { shift: label, name: planner.name })}
                  aria-describedby="roster-keys"
                  aria-pressed={moving && draft.via === 'keyboard'}
                  onKeyDown={(e) => planner.onKeyDown(e, s)}
                  onBlur={() => planner.onBlur(s)}
                  onPointerDown={(e) => planner.onPointerDown(e, 'move', s)}
                  onPointerMove={planner.onPointerMove}
                  onPointerUp={planner.onPointerUp}
                >
                  {label}
                  {conflict && <strong> {t('roster.conflict')}</strong>}
                  {props.swapping.has(s.id) && <em className="roster-swap-mark"> {t('roster.swapPending')}</em>}
                  <span
                    className="roster-resize"
                    aria-hidden="true"
                    data-resize={s.id}
                    onPointerDown={(e) => planner.onPointerDown(e, 'resize', s)}
                  />
                </button>
              ) : (
                <span>
                  {label}
                  {conflict && <strong> {t('roster.conflict')}</strong>}
                  {props.swapping.has(s.id) && <em className="roster-swap-mark"> {t('roster.swapPending')}</em>}
                </span>
              )}
              {planner && (
                <>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('roster.edit', { shift: label })}
                    onClick={() => planner.onEdit(s)}
                  >
                    ✎
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t('roster.remove', { shift: label })}
                    onClick={() => planner.onRemove(s)}
                  >
                    ×
                  </button>
                </>
              )}
            </li>
          );
        })}
        {ghost && (
          <li className="roster-shift roster-ghost" aria-hidden="true">
            {props.label(ghost)}
          </li>
        )}
      </ul>
    </>
  );
}

/** 'HH:MM' of a time input as minutes after midnight. */
const minutesOf = (value: string) => {
  const [h, m] = value.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
const isoDay = (at: number) => {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/**
 * The accessible way to move a shift: its agent, day, start and end in a form. An end at or before
 * the start is on the next day (a night shift); the breaks move with the start.
 */
function ShiftDialog(props: {
  shift: Shift;
  userId: string;
  agents: readonly User[];
  title: string;
  error: string | null;
  onClose(): void;
  onSave(userId: string, shift: Shift): Promise<boolean>;
}) {
  const { t } = useI18n();
  const [userId, setUserId] = useState(props.userId);
  const [day, setDay] = useState(isoDay(props.shift.start));
  const [start, setStart] = useState(clock(props.shift.start));
  const [end, setEnd] = useState(clock(props.shift.end));
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const startAt = dayOf(day) + minutesOf(start) * 60_000;
    const endMinutes = minutesOf(end) > minutesOf(start) ? minutesOf(end) : minutesOf(end) + DAY_MINUTES;
    const endAt = localDay(dayOf(day), Math.floor(endMinutes / DAY_MINUTES)) + (endMinutes % DAY_MINUTES) * 60_000;
    setBusy(true);
    void props.onSave(userId, resizeShift(moveShift(props.shift, startAt), endAt)).then((sent) => {
      setBusy(false);
      if (sent) props.onClose();
    });
  };
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form className="dialog-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">{t('roster.agent')}</span>
          <AgentSelect agents={props.agents} value={userId} onChange={setUserId} />
        </label>
        <label className="field">
          <span className="field-label">{t('roster.day')}</span>
          <input type="date" required value={day} onChange={(e) => setDay(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('roster.templateStart')}</span>
          <input type="time" required step={STEP_MINUTES * 60} value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('roster.endsAt')}</span>
          <input type="time" required step={STEP_MINUTES * 60} value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
        <p className="muted">{t('roster.endsHint')}</p>
        <DialogActions error={props.error} onCancel={props.onClose} action={{ label: t('roster.saveShift'), busy }} />
      </form>
    </Dialog>
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
        {t('roster.agent')} <AgentSelect agents={props.agents} value={userId} onChange={setUserId} />
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

/** The agent a shift or a time off is for: one of the team's agents, by name. */
function AgentSelect(props: { agents: readonly { id: string; name: string }[]; value: string; onChange: (id: string) => void }) {
  return (
    <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {props.agents.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
    </select>
  );
}
