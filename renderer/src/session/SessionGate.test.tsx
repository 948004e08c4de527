import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors.ts';
import { App } from '../App.tsx';
import { createFakeApi } from '../../test/fake-api.ts';

describe('the session gate at start', () => {
  it('opens the console on the session asked before the first render, without asking again', async () => {
    const fake = createFakeApi();
    window.location.hash = '#/inbox/mine';
    const first = fake.api.session.get({});
    await first;
    const asked = fake.calls.length;
    render(<App api={fake.api} firstSession={first} />);
    expect(await screen.findByRole('navigation')).toBeInTheDocument();
    expect(fake.calls.slice(asked).filter((c) => c.channel === 'session.get')).toHaveLength(0);
  });

  it('asks again when that first answer failed and the person retries', async () => {
    const fake = createFakeApi();
    window.location.hash = '#/inbox/mine';
    const first = Promise.reject(new AppError('UNAVAILABLE', 'Core is restarting'));
    render(<App api={fake.api} firstSession={first} />);
    await userEvent.click(await screen.findByRole('button', { name: /try again/i }));
    expect(await screen.findByRole('navigation')).toBeInTheDocument();
    expect(fake.calls.filter((c) => c.channel === 'session.get')).toHaveLength(1);
  });
});
