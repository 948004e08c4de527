import { describe, expect, it } from 'vitest';
import { matchPolicy, parsePolicy, type TicketFacts } from './policy.ts';

const minimal = { name: 'Standard', conditions: {}, targets: { normal: { firstReply: { minutes: 240, hours: 'business' } } } };

function issues(input: unknown): string[] {
  try {
    parsePolicy(input);
  } catch (e) {
    expect(e).toMatchObject({ code: 'VALIDATION' });
    return (e as { issues: { path: string; message: string }[] }).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected the policy to be refused');
}

describe('SLA policy input', () => {
  it('fills in the defaults: at risk at 75%, the resolution clock runs in new, open and on hold', () => {
    expect(parsePolicy(minimal)).toMatchObject({ atRiskShare: 0.75, runningStatuses: ['new', 'open', 'on_hold'] });
  });

  it('refuses a policy without targets', () => {
    expect(issues({ ...minimal, targets: {} })).toEqual(['targets: a policy needs at least one target']);
    expect(issues({ ...minimal, targets: { high: {} } })).toEqual(['targets: a policy needs at least one target']);
  });

  it('refuses negative, zero and fractional targets', () => {
    expect(issues({ ...minimal, targets: { urgent: { resolution: { minutes: -60, hours: 'calendar' } } } })).toEqual([
      'targets.urgent.resolution.minutes: a target must be at least one minute (negative and zero targets are refused)',
    ]);
    expect(issues({ ...minimal, targets: { urgent: { resolution: { minutes: 0, hours: 'calendar' } } } })).toHaveLength(1);
    expect(issues({ ...minimal, targets: { urgent: { resolution: { minutes: 1.5, hours: 'calendar' } } } })).toContain(
      'targets.urgent.resolution.minutes: a target is whole minutes',
    );
  });

  it('refuses an empty condition list, a share out of range and a stopped status that would run the clock', () => {
    expect(issues({ ...minimal, conditions: { channels: [] } })).toEqual([
      'conditions.channels: an empty list matches nothing: leave the condition out',
    ]);
    expect(issues({ ...minimal, atRiskShare: 1 })).toEqual(['atRiskShare: the at-risk share is below 1']);
    expect(issues({ ...minimal, runningStatuses: ['open', 'solved'] })).toHaveLength(1);
  });
});

describe('which policy applies', () => {
  const ticket: TicketFacts = {
    priority: 'high',
    channel: 'email',
    type: 'incident',
    teamId: null,
    tags: ['vip', 'billing'],
    accountTier: 'enterprise',
    customerType: 'upset',
  };
  const policy = (name: string, conditions: object) => ({ ...parsePolicy({ ...minimal, conditions }), name });

  it('takes the first in order whose every condition holds (any value of a list, any of the tags)', () => {
    const ordered = [
      policy('chat only', { channels: ['chat'] }),
      policy('enterprise incidents', { accountTiers: ['enterprise'], types: ['incident'], tags: ['vip', 'x'] }),
      policy('everything', {}),
    ];
    expect(matchPolicy(ordered, ticket)?.name).toBe('enterprise incidents');
    expect(matchPolicy(ordered, { ...ticket, tags: [] })?.name).toBe('everything');
    expect(matchPolicy(ordered.slice(0, 2), { ...ticket, type: 'question' })).toBeNull();
  });

  it('a condition on a fact the ticket lacks (no team, no account) does not match', () => {
    expect(matchPolicy([policy('team', { teamIds: ['00000000-0000-7000-8000-0000000000b1'] })], ticket)).toBeNull();
    expect(matchPolicy([policy('tier', { accountTiers: ['standard'] })], { ...ticket, accountTier: null })).toBeNull();
    expect(matchPolicy([policy('upset', { customerTypes: ['upset'], priorities: ['high', 'urgent'] })], ticket)?.name).toBe('upset');
  });
});
