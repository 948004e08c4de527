import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { account, article, dashboard, dana, QUEUE } from '../../test/fixtures.ts';
import { createFakeApi } from '../../test/fake-api.ts';
import { renderApp } from '../../test/render-app.tsx';

describe('accounts, dashboard and knowledge', () => {
  it('lists accounts with tier, stage and annual value, and shows one in detail', async () => {
    renderApp('#/accounts');
    const row = within(await screen.findByRole('listbox', { name: 'Accounts' })).getByRole('option');
    expect(row).toHaveTextContent('Acme Logistics');
    expect(row).toHaveTextContent('Enterprise');
    expect(row).toHaveTextContent('Active');
    expect(row).toHaveTextContent('$125,000');

    window.location.hash = `#/accounts/${account.id}`;
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Logistics' })).toBeInTheDocument();
    // The summary's figure and the health panel's are the same live score.
    expect(await screen.findAllByText('82 / 100')).toHaveLength(2);
    expect(screen.getByText('Mar 31, 2027')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /王芳/ })).toBeInTheDocument();
    expect(screen.getByText('42 tickets in total')).toBeInTheDocument();
  });

  it('shows the dashboard figures, with an agent over capacity called out', async () => {
    renderApp('#/dashboard');
    expect(await screen.findByRole('region', { name: 'Tickets by status' })).toHaveTextContent('Open40');
    const workload = screen.getByRole('region', { name: 'Workload per agent' });
    expect(within(workload).getByRole('row', { name: /Mei Lin/ })).toHaveTextContent('22 of 20 · Over capacity');
    expect(within(workload).getByRole('row', { name: /Omar Haddad/ })).not.toHaveTextContent('Over capacity');
    expect(screen.getByText('Counts every team’s tickets.')).toBeInTheDocument();
  });

  it('says when the figures are only what the viewer can see, and then sets no count against a capacity', async () => {
    const partial = { ...dashboard, coverage: 'your_teams' as const, workload: dashboard.workload.map((w) => ({ ...w, capacity: null })) };
    renderApp('#/dashboard', createFakeApi({ 'dashboard.summary': () => partial }));
    expect(await screen.findByText('Counts only your teams’ tickets, not the whole company’s.')).toBeInTheDocument();
    const workload = screen.getByRole('region', { name: 'Unsolved tickets you can see, per person' });
    const row = within(workload).getByRole('row', { name: /Mei Lin/ });
    expect(row).toHaveTextContent(/22$/);
    expect(row).not.toHaveTextContent(/of|Over capacity/);
  });

  it('links an account’s recent tickets to all of them, and lists them all there', async () => {
    const fake = createFakeApi();
    renderApp(`#/accounts/${account.id}`, fake);
    const recent = await screen.findByRole('region', { name: /Recent tickets/ });
    const seeAll = within(recent).getByRole('link', { name: 'See all 42 tickets →' });
    expect(seeAll).toHaveAttribute('href', `#/accounts/${account.id}/tickets`);

    window.location.hash = `#/accounts/${account.id}/tickets`;
    expect(await screen.findByRole('heading', { level: 1, name: 'Tickets of Acme Logistics' })).toBeInTheDocument();
    const list = await screen.findByRole('listbox', { name: 'Tickets of Acme Logistics' });
    expect(within(list).getAllByRole('option')[0]).toHaveTextContent(QUEUE[0]!.subject);
    expect(fake.calls.find((c) => c.channel === 'tickets.list')?.input).toMatchObject({ filter: { accountIds: [account.id] } });
    expect(screen.getByRole('link', { name: '← Acme Logistics' })).toHaveAttribute('href', `#/accounts/${account.id}`);
  });

  it('leads back from a contact to their account, with no "see all" when every ticket is shown', async () => {
    renderApp(`#/contacts/${dana.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: dana.name })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← Acme Logistics' })).toHaveAttribute('href', `#/accounts/${account.id}`);
    expect(screen.queryByRole('link', { name: /See all/ })).not.toBeInTheDocument();
  });

  it('reads an article as plain paragraphs', async () => {
    renderApp(`#/knowledge/${article.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'How refunds work' })).toBeInTheDocument();
    expect(screen.getByText('They take 5–10 business days.').tagName).toBe('P');
  });
});
