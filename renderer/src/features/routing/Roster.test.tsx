import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { shiftWeekId, utcWeekStart, type ShiftTemplate } from '../../../../shared/routing/records.ts';
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
      }),
    );
    expect(await screen.findByRole('form', { name: 'Staffing assumptions (this team’s own)' })).toBeInTheDocument();
  });
});
