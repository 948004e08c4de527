import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from './enums.ts';
import { checkTransition, isUnsolved, onCustomerReply, resolutionClockRuns, statusAfterAgentReply } from './ticket-status.ts';

describe('ticket status rules', () => {
  it('keeps closed tickets closed', () => {
    for (const to of TICKET_STATUSES) {
      if (to !== 'closed') expect(checkTransition('closed', to)).toEqual({ ok: false, reason: 'closed_is_final' });
    }
  });

  it('never moves a ticket back to new', () => {
    expect(checkTransition('open', 'new')).toEqual({ ok: false, reason: 'cannot_return_to_new' });
    expect(checkTransition('new', 'open')).toEqual({ ok: true });
    expect(checkTransition('solved', 'open')).toEqual({ ok: true });
  });

  it('reopens a solved ticket on a customer reply and opens a follow-up for a closed one', () => {
    expect(onCustomerReply('solved')).toEqual({ kind: 'status', status: 'open' });
    expect(onCustomerReply('pending')).toEqual({ kind: 'status', status: 'open' });
    expect(onCustomerReply('new')).toEqual({ kind: 'status', status: 'new' });
    expect(onCustomerReply('closed')).toEqual({ kind: 'follow_up' });
  });

  it('pauses the resolution clock while pending and stops it when solved', () => {
    expect(resolutionClockRuns('open')).toBe(true);
    expect(resolutionClockRuns('on_hold')).toBe(true);
    expect(resolutionClockRuns('pending')).toBe(false);
    expect(resolutionClockRuns('solved')).toBe(false);
    expect(isUnsolved('pending')).toBe(true);
    expect(isUnsolved('solved')).toBe(false);
  });

  it('opens a new ticket when an agent replies, unless the agent picks a valid status', () => {
    expect(statusAfterAgentReply('new')).toBe('open');
    expect(statusAfterAgentReply('new', 'pending')).toBe('pending');
    expect(statusAfterAgentReply('open', 'new')).toBe('open');
    expect(statusAfterAgentReply('on_hold')).toBe('on_hold');
  });
});
