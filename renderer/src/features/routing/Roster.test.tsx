import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { shiftWeekId, utcWeekStart, type Shift, type ShiftTemplate } from '../../../../shared/routing/records.ts';
import { defaultAssumptions } from '../../../../shared/staffing/defaults.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import * as fx from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { localDay, localWeekStart } from './RosterView.tsx';

const supervisor = { ...fx.me, role: 'supervisor' as const };
const HOUR = 3_600_000;
const early: ShiftTemplate = {
  id: fx.id('template', 'early'),
  tenantId: fx.TENANT_ID,
  version: 1,
  createdAt: 1,
  updatedAt: 1,
  name: 'Early',
  start: '07:00',
  minutes: 480,
  breaks: [{ offsetMinutes: 240, minutes: 30 }],
  active: true,
};

function planning(user: typeof fx.me = supervisor, overrides: Parameters<typeof createFakeApi>[0] = {}) {
  const fake = createFakeApi(overrides, { user });
  fake.backend.tx.put('user', user);
  fake.backend.tx.put('user', fx.omar);
  fake.backend.tx.put('team', fx.team);
  fake.backend.tx.put('shift_template', early);
  return fake;
}

describe('week roster', () => {
  it('computes local days across the week', () => {
    const monday = localWeekStart(fx.NOW);
    expect(new Date(monday).getDay()).toBe(1);
    expect(new Date(localDay(monday, 6)).getDay()).toBe(0);
    expect(monday <= fx.NOW && fx.NOW < localDay(monday, 7)).toBe(true);
  });

  it('lets a supervisor place a shift from a template, and refuses one overlapping it with nothing placed', async () => {
    const user = userEvent.setup();
    const fake = planning();
    renderApp('#/roster', fake);
    const monday = localWeekStart(Date.now());
    const row = (await screen.findByRole('rowheader', { name: fx.omar.name })).closest('tr') as HTMLElement;
    const addOn = (day: number) => within(row).getAllByRole('combobox')[day]!;
    await user.selectOptions(addOn(0), 'Early 07:00');
    const week = () => fake.backend.tx.get('shift_week', shiftWeekId(fx.omar.id, utcWeekStart(monday + 7 * HOUR)));
    await waitFor(() => expect(week()?.shifts).toHaveLength(1));
    expect(week()!.shifts[0]).toMatchObject({ start: monday + 7 * HOUR, end: monday + 15 * HOUR, teamId: fx.team.id });
    expect(await within(row).findByText(/^07:00–15:00/)).toBeInTheDocument();

    // The same template again on the same day overlaps the shift just placed.
    await user.selectOptions(addOn(0), 'Early 07:00');
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Not changed/);
    expect(week()?.shifts).toHaveLength(1);

    await user.click(within(row).getByRole('button', { name: /^Remove shift 07:00–15:00/ }));
    await waitFor(() => expect(week()?.shifts).toEqual([]));
  });

  it('lets a supervisor book time off over whole local days, the last one included', async () => {
    const user = userEvent.setup();
    const fake = planning();
    renderApp('#/roster', fake);
    const form = await screen.findByRole('form', { name: 'Time off' });
    const monday = localWeekStart(Date.now());
    const iso = (at: number) => {
      const d = new Date(at);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Agent' }), fx.omar.name);
    await user.type(within(form).getByLabelText('From'), iso(monday));
    await user.type(within(form).getByLabelText('To (included)'), iso(localDay(monday, 1)));
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Kind' }), 'Sick');
    await user.click(within(form).getByRole('button', { name: 'Add time off' }));
    await waitFor(() =>
      expect(fake.backend.tx.all('time_off')).toEqual([
        expect.objectContaining({ userId: fx.omar.id, start: monday, end: localDay(monday, 2), kind: 'sickness' }),
      ]),
    );
    const row = screen.getByRole('rowheader', { name: fx.omar.name }).closest('tr') as HTMLElement;
    expect(await within(row).findAllByText('Sick')).toHaveLength(2);
  });

  it('marks a shift that falls in the agent’s time off as a conflict, and offers agents no planning', async () => {
    const fake = planning(fx.me);
    const monday = localWeekStart(Date.now());
    const start = monday + 9 * HOUR;
    fake.backend.tx.put('shift_week', {
      id: shiftWeekId(fx.omar.id, utcWeekStart(start)),
      tenantId: fx.TENANT_ID,
      version: 1,
      createdAt: 1,
      updatedAt: 1,
      userId: fx.omar.id,
      weekStart: utcWeekStart(start),
      shifts: [{ id: fx.id('shift'), teamId: fx.team.id, start, end: start + 8 * HOUR, breaks: [] }],
    });
    fake.backend.tx.put('time_off', {
      id: fx.id('leave'),
      tenantId: fx.TENANT_ID,
      version: 1,
      createdAt: 1,
      updatedAt: 1,
      userId: fx.omar.id,
      start: monday,
      end: localDay(monday, 1),
      kind: 'leave',
      note: '',
    });
    renderApp('#/roster', fake);
    const row = (await screen.findByRole('rowheader', { name: fx.omar.name })).closest('tr') as HTMLElement;
    expect(await within(row).findByText('Leave')).toBeInTheDocument();
    expect(within(row).getByText(/^09:00–17:00/)).toHaveTextContent('conflicts with time off');
    expect(within(row).queryAllByRole('combobox')).toEqual([]);
    expect(screen.queryByRole('heading', { name: 'New shift template' })).toBeNull();
  });
});

describe('coverage heatmap', () => {
  it('shows scheduled against required agents per hour, under-staffed hours marked in words, in English and Chinese', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const cells = Array.from({ length: 168 }, (_, hourOfWeek) =>
        hourOfWeek === 9
          ? { hourOfWeek, required: 3, scheduled: 1.5, understaffed: true }
          : hourOfWeek === 10
            ? { hourOfWeek, required: 2, scheduled: 2, understaffed: false }
            : { hourOfWeek, required: 0, scheduled: 0, understaffed: false },
      );
      const fake = planning(supervisor, {
        'routing.coverage': ({ teamId, weekOf }) => ({
          weekStart: weekOf,
          timeZone: 'Asia/Shanghai',
          weeksObserved: 8,
          assumptions: defaultAssumptions(teamId),
          custom: false,
          cells,
        }),
        'settings.get': () => ({ theme: 'dark', locale, density: 'comfortable', notifications: true, undoSeconds: 5 }),
      });
      const { unmount } = renderApp('#/roster', fake);
      const caption = locale === 'en' ? 'Agents scheduled against agents required, per hour of the week' : '每周各小时已排班客服与所需客服';
      const table = await screen.findByRole('table', { name: caption });
      const monday = within(table).getAllByRole('row')[1]!;
      const cellsOfMonday = within(monday).getAllByRole('cell');
      expect(cellsOfMonday[9]).toHaveTextContent(locale === 'en' ? '1.5/3 under-staffed' : '1.5/3 人手不足');
      expect(cellsOfMonday[10]).toHaveTextContent(/^2\/2$/);
      expect(screen.getByText(locale === 'en' ? /Under-staffed hours: 1\./ : /人手不足的小时数：1。/)).toBeInTheDocument();
      unmount();
    }
  });
});

describe('staffing assumptions', () => {
  it('starts from the defaults, saves the team’s own, and refuses a service level of 100% saving nothing', async () => {
    const user = userEvent.setup();
    const fake = planning();
    renderApp('#/roster', fake);
    const form = await screen.findByRole('form', { name: /^Staffing assumptions/ });
    expect(form).toHaveAccessibleName('Staffing assumptions (the defaults, until you save)');
    const field = (name: string | RegExp) => within(form).getByRole('spinbutton', { name });
    expect(field('Average handle time of Chat in seconds')).toHaveValue(360);
    expect(field(/% answered/)).toHaveValue(80);

    await user.clear(field(/% answered/));
    await user.type(field(/% answered/), '100');
    await user.click(within(form).getByRole('button', { name: 'Save assumptions' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(/^Not saved/);
    expect(fake.backend.tx.all('staffing_assumption')).toEqual([]);

    await user.clear(field(/% answered/));
    await user.type(field(/% answered/), '90');
    await user.clear(field('Average handle time of Chat in seconds'));
    await user.type(field('Average handle time of Chat in seconds'), '240');
    await user.clear(field('Average handle time of Phone in seconds'));
    await user.clear(field(/weeks/));
    await user.type(field(/weeks/), '4');
    await user.click(within(form).getByRole('button', { name: 'Save assumptions' }));
    await waitFor(() =>
      expect(fake.backend.tx.get('staffing_assumption', fx.team.id)).toMatchObject({
        teamId: fx.team.id,
        ahtSeconds: { email: 600, web_form: 600, social: 480, walk_in: 600, chat: 240 },
        serviceLevel: 0.9,
        answerSeconds: 60,
        occupancyTarget: 0.85,
        forecastWeeks: 4,
        swapsNeedApproval: true,
      }),
    );
    expect(await screen.findByRole('form', { name: 'Staffing assumptions (this team’s own)' })).toBeInTheDocument();
  });
});

describe('moving shifts on the roster', () => {
  const ana = { ...fx.omar, id: fx.id('user', 'ana'), name: 'Ana Costa', email: 'ana@example.com' };
  /** Omar's Monday 07:00–15:00 shift with a break at 11:00, Ana besides him, both in the team. */
  function withShift() {
    const fake = planning();
    fake.backend.tx.put('user', ana);
    const monday = localWeekStart(Date.now());
    const start = monday + 7 * HOUR;
    const shift = {
      id: fx.id('shift', 'omar'),
      teamId: fx.team.id,
      start,
      end: start + 8 * HOUR,
      breaks: [{ start: start + 4 * HOUR, end: start + 4.5 * HOUR }],
    };
    putShifts(fake, fx.omar.id, [shift]);
    return { fake, monday, shift };
  }
  function putShifts(fake: ReturnType<typeof planning>, userId: string, shifts: Shift[]) {
    const weekStart = utcWeekStart(shifts[0]!.start);
    fake.backend.tx.put('shift_week', {
      id: shiftWeekId(userId, weekStart),
      tenantId: fx.TENANT_ID,
      version: 1,
      createdAt: 1,
      updatedAt: 1,
      userId,
      weekStart,
      shifts,
    });
  }
  const shiftsOf = (fake: ReturnType<typeof planning>, userId: string) =>
    fake.backend.tx
      .all('shift_week')
      .filter((w) => w.userId === userId)
      .flatMap((w) => w.shifts);
  const handle = () => screen.findByRole('button', { name: /^Shift 07:00–15:00 Billing support of Omar Haddad/ });

  it('moves a shift with the keyboard: 15 minutes, a day, its end, saved with Enter and its break moved along', async () => {
    const user = userEvent.setup();
    const { fake, monday, shift } = withShift();
    renderApp('#/roster', fake);
    (await handle()).focus();
    await user.keyboard('{Enter}');
    expect(await handle()).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('{ArrowRight}{ArrowRight}{PageDown}{Shift>}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{/Shift}');
    // Nothing is saved until Enter.
    expect(shiftsOf(fake, fx.omar.id)).toEqual([shift]);
    await user.keyboard('{Enter}');
    const tuesday = localDay(monday, 1);
    await waitFor(() =>
      expect(shiftsOf(fake, fx.omar.id)).toEqual([
        {
          ...shift,
          start: tuesday + 7.5 * HOUR,
          end: tuesday + 16.5 * HOUR,
          breaks: [{ start: tuesday + 11.5 * HOUR, end: tuesday + 12 * HOUR }],
        },
      ]),
    );
    expect(screen.getByText(/^Moved to .*07:30–16:30 Billing support, Omar Haddad\.$/)).toBeInTheDocument();
  });

  it('leaves a shift where it was on Escape, and refuses a move onto another agent’s shift or time off, saying why', async () => {
    const user = userEvent.setup();
    const { fake, monday, shift } = withShift();
    putShifts(fake, ana.id, [
      { id: fx.id('shift', 'ana'), teamId: fx.team.id, start: monday + 14 * HOUR, end: monday + 22 * HOUR, breaks: [] },
    ]);
    fake.backend.tx.put('time_off', {
      id: fx.id('ana off'),
      tenantId: fx.TENANT_ID,
      version: 1,
      createdAt: 1,
      updatedAt: 1,
      userId: ana.id,
      start: localDay(monday, 1),
      end: localDay(monday, 2),
      kind: 'sickness',
      note: '',
    });
    renderApp('#/roster', fake);
    (await handle()).focus();
    await user.keyboard('{Enter}{ArrowRight}{Escape}');
    expect(await handle()).toHaveAttribute('aria-pressed', 'false');
    expect(shiftsOf(fake, fx.omar.id)).toEqual([shift]);

    // Ana's row is above Omar's (by name): onto her Monday 14:00 shift.
    await user.keyboard('{Enter}{ArrowUp}{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Not changed: Ana Costa already has a shift then.');
    // Onto her sick day.
    (await handle()).focus();
    await user.keyboard('{Enter}{ArrowUp}{PageDown}{Enter}');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Not changed: Ana Costa is on leave or sick then.'));
    // Over 16 hours.
    (await handle()).focus();
    await user.keyboard(`{Enter}{Shift>}${'{ArrowRight}'.repeat(33)}{/Shift}{Enter}`);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Not changed: a shift lasts at most 16 hours.'));
    expect(shiftsOf(fake, fx.omar.id)).toEqual([shift]);
    expect(shiftsOf(fake, ana.id)).toHaveLength(1);
  });

  it('drags a shift with the pointer to another agent, day and time, and drags its end', async () => {
    const { fake, monday, shift } = withShift();
    // No layout in the test DOM: each cell is 144 px wide (10 minutes a pixel) and 60 px high.
    const spy = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const cell = this.closest<HTMLElement>('[data-roster-cell]');
      if (!cell) return new DOMRect(0, 0, 0, 0);
      const row = [...cell.closest('tbody')!.children].indexOf(cell.closest('tr')!);
      const column = [...cell.closest('tr')!.children].indexOf(cell) - 1;
      return new DOMRect(100 + column * 144, 50 + row * 60, 144, 60);
    });
    try {
      renderApp('#/roster', fake);
      const omarsMonday = { x: 100 + 50, y: 50 + 60 + 30 };
      fireEvent.pointerDown(await handle(), { pointerId: 1, button: 0, clientX: omarsMonday.x, clientY: omarsMonday.y });
      // To Ana's row (above) on Wednesday, 18 px (3 hours) further right in the day.
      fireEvent.pointerMove(await handle(), { pointerId: 1, clientX: omarsMonday.x + 2 * 144 + 18, clientY: omarsMonday.y - 60 });
      fireEvent.pointerUp(await handle(), { pointerId: 1, clientX: omarsMonday.x + 2 * 144 + 18, clientY: omarsMonday.y - 60 });
      const wednesday = localDay(monday, 2);
      await waitFor(() =>
        expect(shiftsOf(fake, ana.id).map((s) => [s.id, s.start, s.end])).toEqual([
          [shift.id, wednesday + 10 * HOUR, wednesday + 18 * HOUR],
        ]),
      );
      expect(shiftsOf(fake, fx.omar.id)).toEqual([]);

      // Its right edge 9 px (1.5 hours) to the left: it ends at 16:30.
      const moved = await screen.findByRole('button', { name: /^Shift 10:00–18:00 Billing support of Ana Costa/ });
      const edge = moved.querySelector('[data-resize]')!;
      const anasWednesday = { x: 100 + 2 * 144 + 120, y: 50 + 30 };
      fireEvent.pointerDown(edge, { pointerId: 2, button: 0, clientX: anasWednesday.x, clientY: anasWednesday.y });
      fireEvent.pointerMove(moved, { pointerId: 2, clientX: anasWednesday.x - 9, clientY: anasWednesday.y });
      fireEvent.pointerUp(moved, { pointerId: 2, clientX: anasWednesday.x - 9, clientY: anasWednesday.y });
      await waitFor(() => expect(shiftsOf(fake, ana.id).map((s) => s.end)).toEqual([wednesday + 16.5 * HOUR]));
    } finally {
      spy.mockRestore();
    }
  });

  it('moves a shift in its edit dialog, and keeps the dialog open with the reason when refused', async () => {
    const user = userEvent.setup();
    const { fake, monday, shift } = withShift();
    renderApp('#/roster', fake);
    await user.click(await screen.findByRole('button', { name: 'Edit shift 07:00–15:00 Billing support' }));
    const dialog = await screen.findByRole('dialog', { name: 'Shift 07:00–15:00 Billing support of Omar Haddad' });
    await user.clear(within(dialog).getByLabelText('Ends at'));
    await user.type(within(dialog).getByLabelText('Ends at'), '23:15');
    await user.click(within(dialog).getByRole('button', { name: 'Save shift' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Not changed: a shift lasts at most 16 hours.');
    expect(shiftsOf(fake, fx.omar.id)).toEqual([shift]);

    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Agent' }), 'Ana Costa');
    await user.clear(within(dialog).getByLabelText('Starts at'));
    await user.type(within(dialog).getByLabelText('Starts at'), '22:00');
    await user.clear(within(dialog).getByLabelText('Ends at'));
    await user.type(within(dialog).getByLabelText('Ends at'), '06:00');
    await user.click(within(dialog).getByRole('button', { name: 'Save shift' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // A night shift: it ends the next morning; the break keeps its place four hours in.
    expect(shiftsOf(fake, ana.id)).toEqual([
      {
        ...shift,
        start: monday + 22 * HOUR,
        end: localDay(monday, 1) + 6 * HOUR,
        breaks: [{ start: monday + 26 * HOUR, end: monday + 26.5 * HOUR }],
      },
    ]);
    expect(shiftsOf(fake, fx.omar.id)).toEqual([]);
  });
});

describe('shift swaps and my schedule', () => {
  const nextTuesday = () => localDay(localWeekStart(Date.now()), 8);
  const meisShift = (): Shift => ({
    id: fx.id('shift', 'mei'),
    teamId: fx.team.id,
    start: nextTuesday() + 9 * HOUR,
    end: nextTuesday() + 17 * HOUR,
    breaks: [{ start: nextTuesday() + 13 * HOUR, end: nextTuesday() + 13.5 * HOUR }],
  });
  function week(userId: string, shifts: Shift[]) {
    const weekStart = utcWeekStart(shifts[0]!.start);
    return {
      id: shiftWeekId(userId, weekStart),
      tenantId: fx.TENANT_ID,
      version: 1,
      createdAt: 1,
      updatedAt: 1,
      userId,
      weekStart,
      shifts,
    };
  }
  /** A console of `user` holding what another console's backend holds. */
  function consoleOf(user: typeof fx.me, from?: ReturnType<typeof createFakeApi>) {
    const fake = createFakeApi({}, { user });
    for (const entity of ['team', 'user', 'shift_week', 'shift_swap', 'time_off'] as const)
      for (const row of from?.backend.tx.all(entity) ?? []) fake.backend.tx.put(entity, row as never);
    if (!from) {
      fake.backend.tx.put('team', fx.team);
      for (const u of [fx.me, fx.omar]) fake.backend.tx.put('user', u);
      fake.backend.tx.put('shift_week', week(fx.me.id, [meisShift()]));
    }
    return fake;
  }

  it('shows an agent their two weeks with breaks, and takes a swap from offer to approval with each step shown', async () => {
    const user = userEvent.setup();
    // Mei offers her Tuesday shift to Omar.
    const mei = consoleOf(fx.me);
    const first = renderApp('#/my-schedule', mei);
    expect(await screen.findByRole('heading', { name: 'My schedule', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('09:00–17:00 Billing support')).toBeInTheDocument();
    expect(screen.getByText('break 13:00–13:30')).toBeInTheDocument();
    expect(screen.getAllByText('No shift')).toHaveLength(13);
    await user.selectOptions(screen.getByRole('combobox', { name: /^Offer .* 09:00–17:00 Billing support to$/ }), fx.omar.name);
    await user.click(screen.getByRole('button', { name: /^Offer .* 09:00–17:00 Billing support$/ }));
    await waitFor(() =>
      expect(mei.backend.tx.all('shift_swap')).toEqual([expect.objectContaining({ status: 'offered', toUserId: fx.omar.id })]),
    );
    expect(await screen.findByText(/^You offered Omar Haddad .* 09:00–17:00 Billing support\./)).toBeInTheDocument();
    expect(screen.getByText('waiting for the colleague')).toBeInTheDocument();
    first.unmount();

    // Omar accepts, giving nothing back.
    const omar = consoleOf(fx.omar, mei);
    const second = renderApp('#/my-schedule', omar);
    expect(await screen.findByText(/^Mei Lin offers you .* 09:00–17:00 Billing support\./)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(omar.backend.tx.all('shift_swap')[0]?.status).toBe('accepted'));
    expect(await screen.findByText('waiting for a supervisor')).toBeInTheDocument();
    second.unmount();

    // The supervisor sees it on the roster of next week, and approves: the shift is Omar's.
    const boss = consoleOf(supervisor, omar);
    renderApp('#/roster', boss);
    await user.click(await screen.findByRole('button', { name: 'Next week' }));
    const swaps = await screen.findByRole('region', { name: 'Shift swaps' });
    expect(swaps).toHaveTextContent(/Mei Lin gives Omar Haddad .* 09:00–17:00 Billing support/);
    const meisRow = screen.getByRole('rowheader', { name: fx.me.name }).closest('tr') as HTMLElement;
    expect(within(meisRow).getByText(/^09:00–17:00/)).toHaveTextContent('swap pending');
    await user.click(within(swaps).getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(boss.backend.tx.get('shift_week', shiftWeekId(fx.omar.id, utcWeekStart(meisShift().start)))?.shifts).toEqual([meisShift()]),
    );
    expect(boss.backend.tx.get('shift_week', shiftWeekId(fx.me.id, utcWeekStart(meisShift().start)))?.shifts).toEqual([]);
    expect(boss.backend.tx.all('shift_swap')[0]).toMatchObject({ status: 'approved', decidedBy: supervisor.id });
  });

  it('refuses to accept a shift that overlaps one of the colleague’s own, saying why and saving nothing', async () => {
    const user = userEvent.setup();
    const mei = consoleOf(fx.me);
    mei.backend.tx.put('shift_swap', {
      id: fx.id('swap'),
      tenantId: fx.TENANT_ID,
      version: 1,
      createdAt: 1,
      updatedAt: 1,
      teamId: fx.team.id,
      fromUserId: fx.me.id,
      toUserId: fx.omar.id,
      shift: meisShift(),
      returnShift: null,
      status: 'offered',
      decidedBy: null,
      decidedAt: null,
    });
    const omar = consoleOf(fx.omar, mei);
    const late = {
      id: fx.id('shift', 'omar'),
      teamId: fx.team.id,
      start: nextTuesday() + 15 * HOUR,
      end: nextTuesday() + 23 * HOUR,
      breaks: [],
    };
    omar.backend.tx.put('shift_week', week(fx.omar.id, [late]));
    renderApp('#/my-schedule', omar);
    await user.click(await screen.findByRole('button', { name: 'Accept' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not changed: Omar Haddad already has a shift then.');
    expect(omar.backend.tx.all('shift_swap')[0]?.status).toBe('offered');
    // Giving that shift back in return makes room for it.
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Give back in return' }),
      screen.getByRole('option', { name: /15:00–23:00/ }),
    );
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(omar.backend.tx.all('shift_swap')[0]).toMatchObject({ status: 'accepted', returnShift: late }));
  });
});
