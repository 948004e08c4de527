import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain/enums.ts';
import { createFakeApi } from '../../test/fake-api.ts';
import * as fx from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

const as = (role: Role) => createFakeApi({}, { user: { ...fx.me, role } });
const sidebarLinks = async () =>
  within(await screen.findByRole('navigation', { name: 'Main navigation' }))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('where each role lands', () => {
  it('opens a supervisor’s console on the workload board, with the board and the escalation queue in the sidebar', async () => {
    renderApp('', as('supervisor'));
    expect(await screen.findByRole('heading', { name: 'Workload board' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/board');
    expect(await sidebarLinks()).toEqual(expect.arrayContaining(['Workload', 'Escalations']));
  });

  it('opens an admin’s console on the board too', async () => {
    renderApp('#/', as('admin'));
    expect(await screen.findByRole('heading', { name: 'Workload board' })).toBeInTheDocument();
  });

  it('opens an agent’s console on their queue, and shows them no page they may not use', async () => {
    renderApp('', as('agent'));
    await waitFor(() => expect(window.location.hash).toBe('#/inbox/mine'));
    const links = await sidebarLinks();
    expect(links).not.toContain('Workload');
    expect(links).not.toContain('Escalations');
    expect(links).toContain('Dashboard');
  });

  it('opens an account manager’s console on their accounts', async () => {
    renderApp('', as('account_manager'));
    await waitFor(() => expect(window.location.hash).toBe('#/accounts'));
    expect(await sidebarLinks()).not.toContain('Workload');
  });

  it('opens the page a link names, whatever the role', async () => {
    renderApp('#/dashboard', as('supervisor'));
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/dashboard');
  });
});
