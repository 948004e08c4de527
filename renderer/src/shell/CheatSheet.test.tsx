import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

describe('keyboard shortcut cheat sheet', () => {
  it('opens with ?, lists every shortcut grouped by where it works, and closes with Esc', async () => {
    const user = userEvent.setup();
    renderApp('#/dashboard');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });

    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const global = within(dialog).getByRole('region', { name: 'Anywhere' });
    expect(global).toHaveTextContent('/Search');
    expect(global).toHaveTextContent('Open the search palette, even while typing');
    expect(global).toHaveTextContent('?Show these shortcuts');
    expect(global).toHaveTextContent('CCreate a ticket');
    expect(within(dialog).getByRole('region', { name: 'Inbox' })).toHaveTextContent('JNext ticket');
    expect(within(dialog).getByRole('region', { name: 'Ticket' })).toHaveTextContent('RReply to the customer');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument();
  });

  it('leaves ? alone while the person types', async () => {
    const user = userEvent.setup();
    renderApp('#/dashboard');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('why?');
    expect(screen.getByRole('combobox')).toHaveValue('why?');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).not.toBeInTheDocument();
  });
});
