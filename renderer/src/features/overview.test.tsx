import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { account, article, dashboard } from '../../test/fixtures.ts';
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
    expect(screen.getByText('82 / 100')).toBeInTheDocument();
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

  it('reads an article as plain paragraphs', async () => {
    renderApp(`#/knowledge/${article.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'How refunds work' })).toBeInTheDocument();
    expect(screen.getByText('They take 5–10 business days.').tagName).toBe('P');
  });
});
