import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintCategory } from '../../../../shared/complaints/records.ts';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import * as fx from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { useRouter } from '../../shell/router.ts';

const HOUR = 3_600_000;
const supervisor = { ...fx.me, id: fx.id('sofia'), name: 'Sofia Reyes', email: 'sofia@switchboard.test', role: 'supervisor' as const };
const category = (key: string, name: string, position: number, active = true): ComplaintCategory => ({
  id: fx.id('category', key),
  tenantId: fx.TENANT_ID,
  version: 1,
  createdAt: fx.NOW - 100 * HOUR,
  updatedAt: fx.NOW - 100 * HOUR,
  name,
  description: '',
  position,
  active,
});
const billing = category('billing', 'Billing error', 0);
const slow = category('slow', 'Slow response', 1);
const retired = category('old', 'Rude agent', 2, false);
const mutations = (fake: ReturnType<typeof createFakeApi>) => fake.calls.filter((c) => c.channel === 'mutations.run').map((c) => c.input);

function withCategories(fake: ReturnType<typeof createFakeApi>) {
  for (const c of [billing, slow, retired]) fake.backend.tx.put('complaint_category', c);
  return fake;
}

/** Three complaints of the last days (two about billing, one solved without a root cause) and a low CSAT answer. */
function supervisorsConsole() {
  const fake = withCategories(createFakeApi({}, { user: supervisor }));
  fake.backend.tx.put('user', supervisor);
  const complaint = (n: number, categoryId: string, extra: Partial<Ticket> = {}): Ticket => ({
    ...fx.ticket,
    id: fx.id('complaint', n),
    number: 2000 + n,
    subject: `Complaint ${n}`,
    createdAt: Date.now() - n * 24 * HOUR,
    complaintCategoryId: categoryId,
    ...extra,
  });
  fake.backend.tx.put('ticket', complaint(1, billing.id));
  fake.backend.tx.put('ticket', complaint(2, billing.id, { status: 'solved', solvedAt: Date.now() - HOUR, rootCause: 'Charged twice' }));
  fake.backend.tx.put('ticket', complaint(3, slow.id, { status: 'solved', solvedAt: Date.now() - HOUR }));
  fake.backend.tx.put('feedback', {
    id: fx.id('low-csat'),
    tenantId: fx.TENANT_ID,
    version: 1,
    createdAt: Date.now() - 2 * HOUR,
    updatedAt: Date.now() - 2 * HOUR,
    kind: 'csat',
    score: 1,
    comment: 'Nobody answered for three days',
    contactId: fx.dana.id,
    accountId: null,
    ticketId: fx.id('complaint', 1),
  });
  return fake;
}

beforeEach(() => localStorage.clear());

describe('the complaint review', () => {
  it('is in the sidebar of supervisors only', async () => {
    renderApp('#/inbox', createFakeApi());
    await screen.findByRole('navigation');
    expect(screen.queryByRole('link', { name: 'Complaints' })).not.toBeInTheDocument();
  });

  it('counts complaints by category, opens the tickets behind a number, and shows low answers’ comments', async () => {
    const user = userEvent.setup();
    renderApp('#/complaints', supervisorsConsole());
    expect(await screen.findByRole('link', { name: 'Complaints' })).toBeInTheDocument();
    const byCategory = await screen.findByRole('region', { name: 'Complaints by category' });
    const billingRow = within(byCategory).getByRole('row', { name: /Billing error/ });
    expect(
      within(billingRow)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', '1', '0']);
    const slowRow = within(byCategory).getByRole('row', { name: /Slow response/ });
    expect(
      within(slowRow)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '1', '1']);

    await user.click(within(billingRow).getByRole('button', { name: '2 complaints: Billing error' }));
    const list = await screen.findByRole('list', { name: 'Tickets' });
    expect(
      within(list)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['#2001 Complaint 1', '#2002 Complaint 2']);
    expect(list).toHaveTextContent('Charged twice');

    await user.click(within(slowRow).getByRole('button', { name: '1 complaint: Slow response, no root cause' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Tickets' })).toHaveTextContent('Complaint 3'));

    const comments = screen.getByRole('region', { name: 'What customers said (low CSAT, CES and NPS)' });
    expect(await within(comments).findByText('Nobody answered for three days')).toBeInTheDocument();
    expect(within(comments).getByText('CSAT 1')).toBeInTheDocument();
    expect(within(comments).getByRole('link', { name: '#2001 Complaint 1' })).toBeInTheDocument();
  });

  it('is worded in Chinese for a Chinese reader', async () => {
    const fake = supervisorsConsole();
    await fake.api.settings.update({ locale: 'zh-CN' });
    renderApp('#/complaints', fake);
    expect(await screen.findByRole('heading', { name: '投诉分析' })).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: '按类别统计投诉' })).toBeInTheDocument();
  });
});

describe('a complaint on the ticket page', () => {
  it('is filed from the properties with an active category (retired ones are not offered)', async () => {
    const user = userEvent.setup();
    const fake = withCategories(createFakeApi());
    renderApp(`#/tickets/${fx.ticket.id}`, fake);
    const picker = await screen.findByRole('combobox', { name: 'Complaint' });
    await waitFor(() =>
      expect(
        within(picker)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Not a complaint', 'Billing error', 'Slow response']),
    );
    await user.selectOptions(picker, 'Slow response');
    expect(mutations(fake)).toContainEqual(
      expect.objectContaining({ name: 'ticket.markComplaint', args: { id: fx.ticket.id, categoryId: slow.id } }),
    );
    await waitFor(() => expect(fake.backend.tx.get('ticket', fx.ticket.id)?.complaintCategoryId).toBe(slow.id));
  });

  it('asks for the root cause when S solves it, and saves it before solving', async () => {
    const user = userEvent.setup();
    const fake = withCategories(createFakeApi());
    useRouter.setState({ lastQueue: { name: 'inbox', view: 'mine' } });
    fake.backend.tx.put('ticket', { ...fx.ticket, complaintCategoryId: billing.id });
    renderApp(`#/tickets/${fx.ticket.id}`, fake);
    await screen.findByRole('heading', { name: fx.ticket.subject });
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('s');
    const dialog = await screen.findByRole('dialog', { name: 'What caused this complaint?' });
    expect(dialog).toHaveTextContent('Billing error');
    await user.click(within(dialog).getByRole('button', { name: 'Save and solve' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Write the root cause, or solve without one.');
    expect(mutations(fake)).toEqual([]);

    await user.type(within(dialog).getByRole('textbox', { name: 'Root cause' }), 'Plan change billed twice');
    await user.click(within(dialog).getByRole('button', { name: 'Save and solve' }));
    await waitFor(() =>
      expect(mutations(fake).map((m) => (m as { name: string }).name)).toEqual(['ticket.setRootCause', 'ticket.setStatus']),
    );
    expect(fake.backend.tx.get('ticket', fx.ticket.id)).toMatchObject({ rootCause: 'Plan change billed twice', status: 'solved' });
  });

  it('solves without a root cause when the agent skips it', async () => {
    const user = userEvent.setup();
    const fake = withCategories(createFakeApi());
    fake.backend.tx.put('ticket', { ...fx.ticket, complaintCategoryId: billing.id });
    renderApp(`#/tickets/${fx.ticket.id}`, fake);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Status' }), 'Solved');
    const dialog = await screen.findByRole('dialog', { name: 'What caused this complaint?' });
    await user.click(within(dialog).getByRole('button', { name: 'Solve without a root cause' }));
    await waitFor(() => expect(fake.backend.tx.get('ticket', fx.ticket.id)?.status).toBe('solved'));
    expect(fake.backend.tx.get('ticket', fx.ticket.id)?.rootCause).toBeUndefined();
  });

  it('asks for the root cause when a reply is submitted as solved, then sends the reply', async () => {
    const user = userEvent.setup();
    const fake = withCategories(createFakeApi());
    fake.backend.tx.put('ticket', { ...fx.ticket, complaintCategoryId: billing.id });
    renderApp(`#/tickets/${fx.ticket.id}`, fake);
    const box = await screen.findByRole('textbox', { name: 'Public reply to the customer' });
    await user.type(box, 'We refunded the second charge.');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Submit as' }), 'Solved');
    await user.click(box);
    await user.keyboard('{Control>}{Enter}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'What caused this complaint?' });
    expect(mutations(fake)).toEqual([]);
    await user.type(within(dialog).getByRole('textbox', { name: 'Root cause' }), 'Renewal ran twice');
    await user.click(within(dialog).getByRole('button', { name: 'Save and solve' }));
    await waitFor(() =>
      expect(mutations(fake).map((m) => (m as { name: string }).name)).toEqual(['ticket.setRootCause', 'message.append']),
    );
    expect(mutations(fake)[1]).toMatchObject({ args: { body: 'We refunded the second charge.', statusAfter: 'solved' } });
  });
});

describe('complaint events in the ticket’s history', () => {
  const events = (locale: 'en' | 'zh-CN') => {
    const fake = withCategories(createFakeApi());
    void fake.api.settings.update({ locale });
    const event = (n: number, kind: 'complaint' | 'root_cause', from: string | null, to: string) => ({
      id: fx.id('complaint-event', n),
      tenantId: fx.TENANT_ID,
      ticketId: fx.ticket.id,
      kind,
      actorId: fx.me.id,
      from,
      to,
      at: fx.NOW - n * 60_000,
    });
    fake.backend.tx.put('ticket_event', event(3, 'complaint', null, billing.id));
    fake.backend.tx.put('ticket_event', event(2, 'complaint', billing.id, slow.id));
    fake.backend.tx.put('ticket_event', event(1, 'root_cause', null, 'Renewal ran twice'));
    return fake;
  };

  it('says what was marked and the root cause, in English and in Chinese', async () => {
    const user = userEvent.setup();
    const { unmount } = renderApp(`#/tickets/${fx.ticket.id}`, events('en'));
    await user.click(await screen.findByRole('tab', { name: 'History' }));
    const history = await screen.findByRole('list', { name: 'History' });
    await waitFor(() => expect(history).toHaveTextContent('Billing error → Slow response'));
    expect(history).toHaveTextContent('Root cause');
    expect(history).toHaveTextContent('Renewal ran twice');
    unmount();

    renderApp(`#/tickets/${fx.ticket.id}`, events('zh-CN'));
    await user.click(await screen.findByRole('tab', { name: '历史记录' }));
    const zh = await screen.findByRole('list', { name: '历史记录' });
    await waitFor(() => expect(zh).toHaveTextContent('投诉'));
    expect(zh).toHaveTextContent('根本原因');
  });
});
