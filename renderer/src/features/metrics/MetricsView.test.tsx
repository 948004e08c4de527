import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeMetrics } from '../../../../shared/metrics/compute.ts';
import type { MetricsFacts } from '../../../../shared/metrics/facts.ts';
import type { MetricsQueryInput } from '../../../../shared/metrics/query.ts';
import { TicketLog, feedbackFact } from '../../../../test/support/metrics-facts.ts';
import * as fx from '../../../test/fixtures.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import { renderApp } from '../../../test/render-app.tsx';

const H = 3_600_000;
const NOW = Date.now();
const supervisor = { ...fx.me, role: 'supervisor' as const };

/** Three tickets today: two by email answered by Mei (one rated 5), one chat answered by Omar. */
function facts(): MetricsFacts {
  const t0 = NOW - 2 * H;
  const a = new TicketLog({ createdAt: t0, teamId: fx.team.id, assigneeId: fx.me.id }).inbound(t0).reply(t0 + H, fx.me.id);
  const b = new TicketLog({ createdAt: t0, teamId: fx.team.id, assigneeId: fx.me.id })
    .inbound(t0)
    .reply(t0 + H / 2, fx.me.id)
    .status(t0 + H, 'new', 'solved');
  const c = new TicketLog({ createdAt: t0, teamId: fx.team.id, assigneeId: fx.omar.id, channel: 'chat' })
    .inbound(t0)
    .reply(t0 + H, fx.omar.id);
  const logs = [a, b, c];
  return {
    tickets: logs.map((l) => l.ticket),
    events: logs.flatMap((l) => l.events),
    feedback: [feedbackFact('csat', 5, t0 + H, b.ticket.id)],
    presence: [],
    calendars: new Map(),
  };
}

afterEach(() => vi.restoreAllMocks());

describe('the metrics screen', () => {
  const open = () => {
    const data = facts();
    const fake = createFakeApi({ 'metrics.compute': (q: MetricsQueryInput) => computeMetrics(data, q, NOW) }, { user: supervisor });
    renderApp('#/metrics', fake);
    return fake;
  };
  const stat = (name: string) => screen.getByText(name, { selector: 'dt' }).closest('.stat')!;

  it('shows the period’s figures with the previous period beside them, and the per-agent table', async () => {
    open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Service metrics' })).toBeInTheDocument();
    await waitFor(() => expect(stat('Created')).toHaveTextContent(/^Created3Previous period: 0$/));
    expect(stat('Solved')).toHaveTextContent('1');
    expect(stat('Public replies')).toHaveTextContent('3');
    expect(stat('CSAT')).toHaveTextContent('100%');
    const agents = screen.getByRole('region', { name: 'Per agent' });
    expect(within(agents).getByRole('row', { name: /Mei Lin/ })).toHaveTextContent(/^Mei Lin21/);
    expect(within(agents).getByRole('row', { name: /Omar Haddad/ })).toHaveTextContent(/^Omar Haddad10/);
  });

  it('asks Core again when a filter changes, and counts only the matching tickets', async () => {
    const fake = open();
    await waitFor(() => expect(stat('Created')).toHaveTextContent(/^Created3/));
    fireEvent.change(screen.getByRole('combobox', { name: 'Channel' }), { target: { value: 'chat' } });
    await waitFor(() => expect(stat('Created')).toHaveTextContent(/^Created1/));
    expect(fake.calls.filter((c) => c.channel === 'metrics.compute').at(-1)?.input).toMatchObject({ filters: { channels: ['chat'] } });
  });

  it('exports the trend as CSV whose total row a reader can recompute', async () => {
    open();
    await waitFor(() => expect(stat('Created')).toHaveTextContent(/^Created3/));
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:metrics'));
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Export trend as CSV' }));
    const lines = (await blobs[0]!.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^From,To,Created,Solved,Backlog,Public replies/);
    // 30 days and the total.
    expect(lines).toHaveLength(1 + 30 + 1);
    const cells = lines.at(-1)!.split(',');
    const dayRows = lines.slice(1, -1).map((l) => l.split(','));
    expect(Number(cells[2])).toBe(dayRows.reduce((s, r) => s + Number(r[2]), 0));
    expect(Number(cells[2])).toBe(3);
  });

  it('is in the sidebar for supervisors', async () => {
    renderApp('#/dashboard', createFakeApi({}, { user: supervisor }));
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Metrics' })).toHaveAttribute('href', '#/metrics');
  });

  it('is not offered to an agent', async () => {
    renderApp('#/dashboard', createFakeApi());
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Metrics' })).toBeNull();
  });
});
