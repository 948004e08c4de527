import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import * as fx from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { PRESENCE_REFRESH_MS } from './BoardView.tsx';

/** The fake's cache holds queue rows 1..n as Mei's open tickets, so the assign mutator can act on them. */
function withMeisTickets(n: number, leaveOut: readonly string[] = []) {
  const fake = createFakeApi();
  for (const row of fx.QUEUE.slice(1, n + 1)) {
    if (leaveOut.includes(row.id)) continue;
    const ticket: Ticket = { ...fx.ticket, id: row.id, number: row.number, subject: row.subject, status: 'open', assigneeId: fx.me.id };
    fake.backend.tx.put('ticket', ticket);
  }
  return fake;
}

const assignCalls = (fake: ReturnType<typeof createFakeApi>) =>
  fake.calls
    .filter((c) => c.channel === 'mutations.run' && (c.input as { name: string }).name === 'ticket.assign')
    .map((c) => (c.input as { args: { id: string; assigneeId: string | null; teamId: string } }).args);

/** "17:00" and "Tue 09:00" read off Date's own local fields, not through the formatters the board uses. */
const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (at: number) => `${pad(new Date(at).getHours())}:${pad(new Date(at).getMinutes())}`;
const WEEKDAYS = { en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'], zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] };

describe('the workload board', () => {
  it('shows each person’s presence as routing reads it, and where their roster puts them now, in English and Chinese', async () => {
    const [mei, omar] = fx.board.agents as [(typeof fx.board.agents)[0], (typeof fx.board.agents)[0]];
    const until = (mei.availability.shift as { until: number }).until;
    const next = (omar.availability.shift as { next: number }).next;
    const en = renderApp('#/board');
    const people = await screen.findByRole('region', { name: 'People' });
    const meiRow = within(people).getByRole('rowheader', { name: /^Mei Lin/ });
    expect(meiRow).toHaveTextContent(`Available · On shift until ${hhmm(until)}`);
    const omarRow = within(people).getByRole('rowheader', { name: new RegExp(`^${fx.omar.name}`) });
    expect(omarRow).toHaveTextContent(`On break · Off shift, next ${WEEKDAYS.en[new Date(next).getDay()]} ${hhmm(next)}`);
    en.unmount();

    renderApp(
      '#/board',
      createFakeApi({
        'settings.get': () => ({ theme: 'dark', locale: 'zh-CN', density: 'comfortable', notifications: true, undoSeconds: 5 }),
      }),
    );
    const zhPeople = await screen.findByRole('region', { name: '人员' });
    expect(within(zhPeople).getByRole('rowheader', { name: /^Mei Lin/ })).toHaveTextContent(`可接待 · 在班，至 ${hhmm(until)}`);
    expect(within(zhPeople).getByRole('rowheader', { name: new RegExp(`^${fx.omar.name}`) })).toHaveTextContent(
      `休息中 · 不在班，下一班 ${WEEKDAYS.zh[new Date(next).getDay()]}${hhmm(next)}`,
    );
  });

  it('opens a person’s at-risk tickets and reassigns five of them in bulk, one assignment per ticket', async () => {
    const user = userEvent.setup();
    const fake = withMeisTickets(5);
    renderApp('#/board', fake);
    const people = await screen.findByRole('region', { name: 'People' });
    await user.click(within(people).getByRole('button', { name: 'Mei Lin, At risk: 5, show the tickets' }));

    const list = await screen.findByRole('list', { name: 'Tickets behind the figure' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(5);
    // The reader is taken to the list the number opened.
    expect(screen.getByRole('heading', { name: /Mei Lin · At risk/ })).toHaveFocus();
    const reassign = screen.getByRole('button', { name: 'Reassign 0 tickets' });
    expect(reassign).toBeDisabled();

    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reassign to' }), fx.omar.name);
    await user.click(screen.getByRole('button', { name: 'Reassign 5 tickets' }));

    expect(await screen.findByText('5 tickets reassigned.')).toBeInTheDocument();
    const moved = fx.QUEUE.slice(1, 6).map((r) => r.id);
    expect(assignCalls(fake)).toEqual(moved.map((id) => ({ id, assigneeId: fx.omar.id, teamId: fx.team.id, base: expect.anything() })));
    for (const id of moved) expect(fake.backend.tx.get('ticket', id)?.assigneeId).toBe(fx.omar.id);
    // The batch is offered back as one undo.
    expect(await screen.findByText('Reassigned 5 tickets.')).toBeInTheDocument();
  });

  it('still says what the batch did once the board and the list are counted again without the tickets it moved', async () => {
    const user = userEvent.setup();
    let counts = 0;
    // As Core answers: each count at a new instant, the list holding only what is still Mei's.
    const fake: ReturnType<typeof createFakeApi> = createFakeApi({
      'board.workload': () => ({ ...fx.board, generatedAt: fx.board.generatedAt + ++counts }),
      'board.tickets': ({ figure }) => {
        const rows = fx.boardTickets(figure).rows.filter((r) => fake.backend.tx.get('ticket', r.id)?.assigneeId !== fx.omar.id);
        return { rows, total: rows.length };
      },
    });
    for (const row of fx.QUEUE.slice(1, 6)) {
      fake.backend.tx.put('ticket', {
        ...fx.ticket,
        id: row.id,
        number: row.number,
        subject: row.subject,
        status: 'open',
        assigneeId: fx.me.id,
      });
    }
    renderApp('#/board', fake);
    const people = await screen.findByRole('region', { name: 'People' });
    await user.click(within(people).getByRole('button', { name: 'Mei Lin, At risk: 5, show the tickets' }));
    await screen.findByRole('list', { name: 'Tickets behind the figure' });
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reassign to' }), fx.omar.name);
    await user.click(screen.getByRole('button', { name: 'Reassign 5 tickets' }));

    expect(await screen.findByText('No tickets behind this figure any more.')).toBeInTheDocument();
    expect(counts).toBeGreaterThan(1);
    expect(screen.getByText('5 tickets reassigned.').closest('[role="status"]')).not.toBeNull();
  });

  it('names the tickets the rules refused and keeps them ticked, while the rest are reassigned', async () => {
    const user = userEvent.setup();
    const gone = fx.QUEUE[2]!.id;
    const fake = withMeisTickets(5, [gone]);
    renderApp('#/board', fake);
    const people = await screen.findByRole('region', { name: 'People' });
    await user.click(within(people).getByRole('button', { name: 'Mei Lin, At risk: 5, show the tickets' }));
    await screen.findByRole('list', { name: 'Tickets behind the figure' });
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reassign to' }), fx.omar.name);
    await user.click(screen.getByRole('button', { name: 'Reassign 5 tickets' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('4 tickets reassigned.');
    expect(alert).toHaveTextContent('1 ticket could not be reassigned:');
    expect(alert).toHaveTextContent(`#${fx.QUEUE[2]!.number}`);
    expect(screen.getByRole('button', { name: 'Reassign 5 tickets' })).toBeEnabled();
  });

  it('makes every number a button, per team too, and counts again as changes arrive', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp('#/board', fake);
    const team = await screen.findByRole('region', { name: fx.team.name });
    const buttons = within(team).getAllByRole('button');
    // Backlog, unassigned, unattended, at risk, breached; 4 statuses, 4 priorities, 5 ages.
    expect(buttons).toHaveLength(18);
    const unassigned = within(team).getByRole('button', { name: `${fx.team.name}, Unassigned: 9, show the tickets` });
    await user.click(unassigned);
    await user.click(await screen.findByRole('button', { name: 'Close the list' }));
    // Closing the list returns to the number that opened it.
    expect(unassigned).toHaveFocus();
    await user.click(unassigned);
    const figureCall = fake.calls.filter((c) => c.channel === 'board.tickets').at(-1);
    expect(figureCall?.input).toMatchObject({ figure: { scope: 'team', teamId: fx.team.id, measure: { kind: 'unassigned' } }, at: fx.NOW });

    // The longest wait reads as shown, and opens the customers who wait.
    const people = screen.getByRole('region', { name: 'People' });
    await user.click(within(people).getByRole('button', { name: /^Mei Lin, Oldest unanswered: 6 waiting, oldest 1d, show the tickets$/ }));
    expect(fake.calls.filter((c) => c.channel === 'board.tickets').at(-1)?.input).toMatchObject({
      figure: { scope: 'agent', userId: fx.me.id, measure: 'unanswered' },
    });
    expect(within(people).getByRole('row', { name: /Omar Haddad/ })).toHaveTextContent('None waiting');

    const loads = () => fake.calls.filter((c) => c.channel === 'board.workload').length;
    const before = loads();
    fake.emit('data.changed', { entity: 'ticket', ids: [] });
    await waitFor(() => expect(loads()).toBe(before + 1));
  });

  it('counts again once presence frames have arrived, gathering a burst into one count', async () => {
    const fake = createFakeApi();
    renderApp('#/board', fake);
    await screen.findByRole('region', { name: 'People' });
    const loads = () => fake.calls.filter((c) => c.channel === 'board.workload').length;
    const before = loads();
    const frame = { ticketId: fx.ticket.id, viewers: [] };
    for (let i = 0; i < 5; i++) fake.emit('presence.changed', frame);
    expect(loads()).toBe(before);
    await waitFor(() => expect(loads()).toBe(before + 1), { timeout: PRESENCE_REFRESH_MS * 3 });
  });

  it('tells someone whose role may not use the board so, with nothing to retry', async () => {
    const refuse = () => {
      throw new AppError('FORBIDDEN', 'the workload board is for supervisors and admins');
    };
    renderApp('#/board', createFakeApi({ 'board.workload': refuse }));
    expect(await screen.findByText('The workload board is for supervisors and admins.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('reads in Chinese with the same figures', async () => {
    const fake = createFakeApi({
      'settings.get': () => ({ theme: 'dark', locale: 'zh-CN', density: 'comfortable', notifications: true, undoSeconds: 5 }),
    });
    renderApp('#/board', fake);
    expect(await screen.findByRole('heading', { name: '工作量看板' })).toBeInTheDocument();
    const people = screen.getByRole('region', { name: '人员' });
    expect(within(people).getByRole('button', { name: 'Mei Lin, 临近超时：5，查看工单' })).toBeInTheDocument();
    expect(within(people).getByText('22 / 20')).toBeInTheDocument();
  });
});
