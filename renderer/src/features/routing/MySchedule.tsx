/**
 * "My schedule": the signed-in person's shifts this week and next, day by day, with their breaks
 * and time off, and their shift swaps (docs/routing.md, "In the console"): offer a shift to a
 * colleague, accept a shift offered (giving one back or none) or decline it, withdraw an offer.
 * A shift offered that would overlap one of theirs, or fall in their time off, is not accepted and
 * the reason is said.
 */
import { useState } from 'react';
import { uuidv7 } from '../../../../shared/ids.ts';
import { OPEN_SWAP_STATUSES, overlaps, type Shift, type ShiftSwap } from '../../../../shared/routing/records.ts';
import { shiftRefusal } from '../../../../shared/routing/shift-moves.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { clock, localDay, localWeekStart } from './RosterView.tsx';

type NamedSwap = ShiftSwap & { fromName: string; toName: string };

export function MySchedule({ now }: { now: () => number }) {
  const api = useApi();
  const { t, f, l } = useI18n();
  const { user: me } = useSession();
  const [from] = useState(() => localWeekStart(now()));
  const to = localDay(from, 14);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const data = useQuery(`routing.mySchedule:${from}`, (a) => a.routing.mySchedule({ from, to }), ['routing', 'user']);
  const days = Array.from({ length: 14 }, (_, i) => localDay(from, i));

  const run = (p: Promise<unknown>, done: string) => {
    setError(null);
    p.then(
      () => setStatus(done),
      (err: unknown) => setError(t('mySchedule.refused', { reason: l.error(asAppError(err).code) })),
    );
  };

  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;
  const { shifts, timeOff, swaps, colleagues, teams } = data.data;
  const teamName = (id: string) => teams.find((tm) => tm.id === id)?.name ?? '';
  const label = (s: Pick<Shift, 'start' | 'end' | 'teamId'>) =>
    t('roster.shift', { start: clock(s.start), end: clock(s.end), team: teamName(s.teamId) });
  const when = (s: Pick<Shift, 'start' | 'end' | 'teamId'>) => `${f.date(s.start)} ${label(s)}`;
  const open = (s: NamedSwap) => OPEN_SWAP_STATUSES.includes(s.status);
  const offeredOf = (shiftId: string) => swaps.find((s) => open(s) && s.shift.id === shiftId);

  const accept = (swap: NamedSwap, back: Shift | null) => {
    // My roster as I hold it: the shift offered lands among my shifts, less the one I give back.
    const refusal = shiftRefusal(swap.shift, {
      teamIds: me?.teamIds ?? [],
      shifts: shifts.filter((s) => s.id !== back?.id),
      timeOff,
    });
    if (refusal) return setError(t(`roster.refuse.${refusal}`, { name: me?.name ?? '' }));
    run(
      runMutation(api, 'swap.accept', { id: swap.id, returnShiftId: back?.id ?? null, returnShiftStart: back?.start ?? null }),
      t('mySchedule.accepted'),
    );
  };

  return (
    <section className="page my-schedule" aria-labelledby="my-schedule-title">
      <header className="page-header">
        <h1 id="my-schedule-title">{t('mySchedule.title')}</h1>
        <span className="muted">{t('roster.week', { from: f.date(from), to: f.date(localDay(from, 13)) })}</span>
      </header>
      <FormError>{error}</FormError>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      <section className="panel" aria-labelledby="my-swaps-title">
        <h2 id="my-swaps-title" className="panel-title">
          {t('mySchedule.swaps')}
        </h2>
        {swaps.length === 0 && <p className="muted">{t('mySchedule.noSwaps')}</p>}
        <ul className="swap-list">
          {swaps.map((swap) => (
            <SwapItem
              key={swap.id}
              swap={swap}
              myId={me?.id ?? ''}
              what={when}
              myShifts={shifts.filter((s) => s.start > now() && s.teamId === swap.teamId && !offeredOf(s.id))}
              onAccept={(back) => accept(swap, back)}
              onCancel={(done) => run(runMutation(api, 'swap.cancel', { id: swap.id }), done)}
            />
          ))}
        </ul>
      </section>
      <ol className="schedule-days">
        {days.map((day, i) => {
          const span = { start: day, end: days[i + 1] ?? to };
          const starting = shifts.filter((s) => s.start >= span.start && s.start < span.end);
          const off = timeOff.filter((o) => overlaps(o, span));
          return (
            <li key={day} className={day === localDay(now()) ? 'schedule-day schedule-today' : 'schedule-day'}>
              <h2 className="schedule-date">{f.weekdayDate(day)}</h2>
              {starting.length === 0 && off.length === 0 && <p className="muted">{t('mySchedule.free')}</p>}
              <ul className="roster-cell">
                {off.map((o) => (
                  <li key={o.id} className="roster-off">
                    {t(`roster.off.${o.kind}`)}
                  </li>
                ))}
                {starting.map((s) => (
                  <li key={s.id} className="roster-shift schedule-shift">
                    <span>
                      {label(s)}
                      {s.breaks.map((b) => (
                        <span key={b.start} className="muted">
                          {' '}
                          {t('mySchedule.break', { start: clock(b.start), end: clock(b.end) })}
                        </span>
                      ))}
                    </span>
                    {offeredOf(s.id) ? (
                      <span className="chip">{t('mySchedule.swapPending')}</span>
                    ) : (
                      s.start > now() && (
                        <OfferForm
                          shiftLabel={when(s)}
                          colleagues={colleagues.filter((c) => c.teamIds.includes(s.teamId))}
                          onOffer={(toUserId) =>
                            run(
                              runMutation(api, 'swap.offer', { id: uuidv7(), shiftId: s.id, shiftStart: s.start, toUserId }),
                              t('mySchedule.offered'),
                            )
                          }
                        />
                      )
                    )}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function OfferForm(props: { shiftLabel: string; colleagues: readonly { id: string; name: string }[]; onOffer(toUserId: string): void }) {
  const { t } = useI18n();
  const [to, setTo] = useState('');
  if (!props.colleagues.length) return null;
  return (
    <span className="swap-offer">
      <select value={to} aria-label={t('mySchedule.offerTo', { shift: props.shiftLabel })} onChange={(e) => setTo(e.target.value)}>
        <option value="">{t('mySchedule.colleague')}</option>
        {props.colleagues.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button-small"
        disabled={!to}
        aria-label={t('mySchedule.offerShift', { shift: props.shiftLabel })}
        onClick={() => props.onOffer(to)}
      >
        {t('mySchedule.offer')}
      </button>
    </span>
  );
}

/** One swap as one of its two agents sees it, with what they may do next. */
function SwapItem(props: {
  swap: NamedSwap;
  myId: string;
  what: (s: Shift) => string;
  myShifts: readonly Shift[];
  onAccept(back: Shift | null): void;
  onCancel(done: string): void;
}) {
  const { t } = useI18n();
  const { swap } = props;
  const [back, setBack] = useState('');
  const incoming = swap.toUserId === props.myId;
  const text = incoming
    ? t('mySchedule.offeredToMe', { name: swap.fromName, shift: props.what(swap.shift) })
    : t('mySchedule.offeredByMe', { name: swap.toName, shift: props.what(swap.shift) });
  return (
    <li className="swap-item">
      <span>
        {text}
        {swap.returnShift && <> {t('mySchedule.inReturn', { shift: props.what(swap.returnShift) })}</>}{' '}
        <span className={`chip swap-${swap.status}`}>{t(`swap.status.${swap.status}`)}</span>
      </span>
      {incoming && swap.status === 'offered' && (
        <span className="swap-actions">
          <select value={back} aria-label={t('mySchedule.giveBack')} onChange={(e) => setBack(e.target.value)}>
            <option value="">{t('mySchedule.giveNothing')}</option>
            {props.myShifts.map((s) => (
              <option key={s.id} value={s.id}>
                {props.what(s)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => props.onAccept(props.myShifts.find((s) => s.id === back) ?? null)}
          >
            {t('mySchedule.accept')}
          </button>
          <button type="button" className="button button-small" onClick={() => props.onCancel(t('mySchedule.declined'))}>
            {t('mySchedule.decline')}
          </button>
        </span>
      )}
      {!incoming && OPEN_SWAP_STATUSES.includes(swap.status) && (
        <button type="button" className="button button-small" onClick={() => props.onCancel(t('mySchedule.withdrawn'))}>
          {t('mySchedule.withdraw')}
        </button>
      )}
    </li>
  );
}
