import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { usePalette } from '../features/palette/palette-store.ts';
import { wang } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

beforeEach(() => usePalette.setState({ open: false, text: '', kinds: [], statuses: [], recent: [] }));

describe('the top bar search box', () => {
  it('opens the palette with / and searches in both languages, undoing the index’s CJK spacing', async () => {
    const user = userEvent.setup();
    renderApp('#/dashboard');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });

    await user.keyboard('/');
    expect(await screen.findByRole('combobox', { name: 'Search tickets, messages, customers and articles' })).toHaveFocus();
    await user.keyboard('退款');
    const contacts = await screen.findByRole('group', { name: 'Contacts' });
    const hit = within(contacts).getByRole('option');
    expect(hit).toHaveTextContent('申请退款');
    expect(within(hit).getByText('退款', { selector: 'mark' })).toBeInTheDocument();
    await user.click(hit);
    expect(window.location.hash).toBe(`#/contacts/${wang.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: '王芳' })).toBeInTheDocument();
  });

  it('opens the palette when clicked, and gives focus back to it when the palette closes', async () => {
    const user = userEvent.setup();
    renderApp('#/dashboard');
    const box = await screen.findByRole('searchbox', { name: 'Search tickets, messages, customers and articles' });
    await user.click(box);
    expect(await screen.findByRole('dialog', { name: 'Search' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Search' })).not.toBeInTheDocument();
  });
});
