import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import { renderApp } from '../../../test/render-app.tsx';

describe('settings', () => {
  it('switches the language live: every string and <html lang> follow', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp('#/settings', fake);
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(await screen.findByRole('navigation', { name: 'Main navigation' })).toHaveTextContent('Inbox');

    await user.click(await screen.findByRole('radio', { name: '简体中文' }));

    expect(await screen.findByRole('heading', { level: 1, name: '设置' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(screen.getByRole('navigation', { name: '主导航' })).toHaveTextContent('收件箱');
    expect(screen.getByRole('button', { name: '在线' })).toHaveAttribute('aria-haspopup', 'dialog');
    expect(fake.calls.filter((c) => c.channel === 'settings.update').map((c) => c.input)).toEqual([{ locale: 'zh-CN' }]);
  });

  it('switches the theme through data-theme on <html>', async () => {
    const user = userEvent.setup();
    renderApp('#/settings');
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    await user.click(await screen.findByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(screen.getByRole('radio', { name: 'Dark' })).toBeChecked();
  });

  it('applies settings Core announces, and reverts with a translated message when saving fails', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      'settings.update': () => {
        throw new AppError('UNAVAILABLE', 'core is restarting');
      },
    });
    renderApp('#/settings', fake);
    await user.click(await screen.findByRole('radio', { name: 'Compact' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The setting was not saved: Switchboard’s backend cannot be reached right now.',
    );
    expect(screen.getByRole('radio', { name: 'Comfortable' })).toBeChecked();

    fake.emit('settings.changed', { theme: 'dark', locale: 'en', density: 'compact', notifications: true, undoSeconds: 5 });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(screen.getByRole('radio', { name: 'Compact' })).toBeChecked();
  });

  it('sets how long a reply, a solve or an assignment can be undone, or turns undo off', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp('#/settings', fake);
    const group = await screen.findByRole('group', { name: 'Time to undo a sent reply, a solve or an assignment' });
    expect(within(group).getByRole('radio', { name: '5 s' })).toBeChecked();
    await user.click(within(group).getByRole('radio', { name: '10 s' }));
    await user.click(within(group).getByRole('radio', { name: 'Off' }));
    expect(fake.calls.filter((c) => c.channel === 'settings.update').map((c) => c.input)).toEqual([
      { undoSeconds: 10 },
      { undoSeconds: 0 },
    ]);
    expect(await fake.api.settings.get({})).toMatchObject({ undoSeconds: 0 });
  });

  it('chooses how much message history this computer keeps, in both languages', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp('#/settings', fake);
    const group = await screen.findByRole('group', { name: 'Keep the messages of' });
    expect(within(group).getByRole('radio', { name: 'Every ticket' })).toBeChecked();
    await user.click(within(group).getByRole('radio', { name: 'Unsolved tickets and the last 6 months' }));
    await user.click(within(group).getByRole('radio', { name: 'Every ticket' }));
    expect(fake.calls.filter((c) => c.channel === 'settings.update').map((c) => c.input)).toEqual([
      { historyMonths: 6 },
      { historyMonths: null },
    ]);
    await user.click(screen.getByRole('radio', { name: '简体中文' }));
    expect(await screen.findByRole('group', { name: '保留以下工单的消息' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '未解决的工单和最近 6 个月的工单' })).not.toBeChecked();
  });

  it('shows what the app reports about itself', async () => {
    renderApp('#/settings');
    expect(await screen.findByText('switchboard.sqlite')).toBeInTheDocument();
    // Said as a person would: how the console runs, not the name of an internal part.
    expect(screen.getByText('Running as').nextElementSibling).toHaveTextContent('In a web browser');
    expect(document.body).not.toHaveTextContent(/\bCore\b/);
    expect(screen.getByText('Switchboard 0.1.0')).toBeInTheDocument();
  });
});
