import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { createFakeApi } from '../../test/fake-api.ts';
import { renderApp } from '../../test/render-app.tsx';

it('tells the person their damaged cache is being downloaded again with their unsent changes kept, in English and Chinese, until dismissed', async () => {
  const user = userEvent.setup();
  const fake = createFakeApi();
  renderApp('#/dashboard', fake);
  await screen.findByRole('button', { name: /Online|Local/ });
  act(() => fake.emit('cache.damaged', { rebuilt: true, keptChanges: 2, complete: true }));
  const alert = screen.getByText(/was damaged, so it is being downloaded again from the server\. Your 2 unsent changes were kept\./);
  expect(alert.closest('[role="alert"]')).not.toBeNull();

  act(() => fake.emit('settings.changed', { theme: 'dark', locale: 'zh-CN', density: 'comfortable', notifications: true, undoSeconds: 5 }));
  expect(screen.getByText(/正在从服务器重新下载。您尚未发送的 2 项更改已保留。/)).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: '忽略' }));
  expect(screen.queryByText(/正在从服务器重新下载/)).toBeNull();

  act(() => fake.emit('cache.damaged', { rebuilt: false, keptChanges: 0, complete: true }));
  expect(screen.getByText(/没有可重新下载的服务器/)).toBeInTheDocument();
});
