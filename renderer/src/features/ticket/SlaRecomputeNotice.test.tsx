import { act, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { createFakeApi } from '../../../test/fake-api.ts';
import { renderApp } from '../../../test/render-app.tsx';

it('says how far the recompute of SLA timers is, in English and Chinese, and nothing once it is done', async () => {
  const fake = createFakeApi();
  renderApp('#/dashboard', fake);
  await screen.findByRole('button', { name: /Online|Local/ });
  expect(screen.queryByText(/Recomputing SLA timers/)).toBeNull();

  act(() => fake.emit('sla.recompute', { done: 42_000, total: 100_000 }));
  const status = screen.getByText('Recomputing SLA timers: 42,000 of 100,000');
  expect(status.closest('[role="status"]')).not.toBeNull();

  act(() => fake.emit('settings.changed', { theme: 'dark', locale: 'zh-CN', density: 'comfortable', notifications: true, undoSeconds: 5 }));
  expect(screen.getByText('正在重新计算 SLA 计时：42,000 / 100,000')).toBeInTheDocument();

  act(() => fake.emit('sla.recompute', null));
  expect(screen.queryByText(/正在重新计算 SLA 计时/)).toBeNull();
});

it('shows a recompute already under way when the window opens', async () => {
  const fake = createFakeApi({ 'sla.recompute': () => ({ done: 500, total: 2_000 }) });
  renderApp('#/dashboard', fake);
  expect(await screen.findByText('Recomputing SLA timers: 500 of 2,000')).toBeInTheDocument();
});
