import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../domain/enums.ts';
import { createRandom } from '../demo/random.ts';
import { decideRoute, PRESENCES, type RoutingAgent, type RoutingRule, type RoutingTicket } from './decide.ts';
import { detectLanguage } from './language.ts';

const agent = (id: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id,
  active: true,
  teamIds: ['support'],
  presence: 'online',
  onShift: true,
  languages: ['en'],
  skills: [],
  capacity: { email: 10, chat: 3 },
  load: {},
  lastRoutedAt: null,
  ...over,
});
const ticket: RoutingTicket = { teamId: 'support', channel: 'email', language: 'en', skills: [] };
const roundRobin: RoutingRule = { teamId: 'support', mode: 'round_robin', matchLanguage: true, matchSkills: true };

describe('the routing decision', () => {
  it('round robin gives each ticket to whoever was routed one longest ago, visiting everyone in turn', () => {
    const agents = ['c', 'a', 'b'].map((id) => agent(id));
    const order: string[] = [];
    for (let now = 1; now <= 6; now++) {
      const decision = decideRoute(ticket, roundRobin, agents);
      if (decision.outcome !== 'assigned') throw new Error('expected an agent');
      order.push(decision.agentId);
      const chosen = agents.find((a) => a.id === decision.agentId)!;
      chosen.lastRoutedAt = now;
      expect(decision.eligible).toBe(3);
    }
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('least loaded picks the lowest load against capacity, not the lowest count', () => {
    const agents = [
      agent('big', { capacity: { email: 20 }, load: { email: 8 } }),
      agent('small', { capacity: { email: 5 }, load: { email: 3 } }),
    ];
    const decision = decideRoute(ticket, { ...roundRobin, mode: 'least_loaded' }, agents);
    expect(decision).toMatchObject({ outcome: 'assigned', agentId: 'big', mode: 'least_loaded' });
  });

  it('matches the customer language and the skills the ticket needs', () => {
    const agents = [
      agent('en-only'),
      agent('bilingual', { languages: ['en', 'zh-CN'], skills: ['billing'] }),
      agent('zh', { languages: ['zh-CN'] }),
    ];
    const chinese = { ...ticket, language: detectLanguage('你好，我的发票金额不对，请帮我看一下 INV-2231') };
    expect(decideRoute(chinese, roundRobin, agents)).toMatchObject({
      outcome: 'assigned',
      agentId: 'bilingual',
      eligible: 2,
      language: 'zh-CN',
    });
    expect(decideRoute({ ...chinese, skills: ['billing'] }, roundRobin, agents)).toMatchObject({ agentId: 'bilingual', eligible: 1 });
    // A rule that does not match languages ignores them.
    expect(decideRoute(chinese, { ...roundRobin, matchLanguage: false }, agents)).toMatchObject({ eligible: 3, language: null });
  });

  it('says why a ticket waits: the first requirement nobody met', () => {
    expect(decideRoute(ticket, roundRobin, [agent('x', { teamIds: ['sales'] })])).toEqual({ outcome: 'queued', reason: 'no_members' });
    expect(decideRoute(ticket, roundRobin, [agent('x', { onShift: false })])).toEqual({ outcome: 'queued', reason: 'nobody_on_shift' });
    expect(decideRoute(ticket, roundRobin, [agent('x', { presence: 'on_break' })])).toEqual({ outcome: 'queued', reason: 'nobody_online' });
    expect(decideRoute({ ...ticket, channel: 'phone' }, roundRobin, [agent('x')])).toEqual({
      outcome: 'queued',
      reason: 'nobody_takes_channel',
    });
    expect(decideRoute({ ...ticket, language: 'zh-CN' }, roundRobin, [agent('x')])).toEqual({
      outcome: 'queued',
      reason: 'nobody_speaks_language',
    });
    expect(decideRoute({ ...ticket, skills: ['sso'] }, roundRobin, [agent('x')])).toEqual({
      outcome: 'queued',
      reason: 'nobody_has_skills',
    });
    expect(decideRoute(ticket, roundRobin, [agent('x', { load: { email: 10 } })])).toEqual({
      outcome: 'queued',
      reason: 'everyone_at_capacity',
    });
    expect(decideRoute(ticket, roundRobin, [agent('x', { active: false })])).toEqual({ outcome: 'queued', reason: 'no_members' });
  });

  it('never assigns to an agent off shift, not online, outside the team or at capacity (random rosters)', () => {
    const random = createRandom(20261206);
    for (let round = 0; round < 500; round++) {
      const agents = Array.from({ length: random.int(0, 12) }, (_, i) => {
        const capacity = random.int(0, 4);
        return agent(`a${i}`, {
          active: random.chance(0.9),
          teamIds: random.chance(0.8) ? ['support'] : ['sales'],
          presence: random.pick(PRESENCES),
          onShift: random.chance(0.6),
          languages: random.chance(0.5) ? ['en'] : random.chance(0.5) ? ['zh-CN'] : ['en', 'zh-CN'],
          capacity: { [random.pick(CHANNELS)]: capacity, email: random.int(0, 4) },
          load: { email: random.int(0, 5), chat: random.int(0, 5) },
          lastRoutedAt: random.chance(0.3) ? null : random.int(0, 1000),
        });
      });
      const t: RoutingTicket = {
        teamId: 'support',
        channel: random.pick(['email', 'chat'] as const),
        language: random.pick(['en', 'zh-CN', null] as const),
        skills: [],
      };
      const rule: RoutingRule = {
        ...roundRobin,
        mode: random.pick(['round_robin', 'least_loaded'] as const),
        matchLanguage: random.chance(0.5),
      };
      const decision = decideRoute(t, rule, agents);
      const fits = (a: RoutingAgent) =>
        a.active &&
        a.teamIds.includes('support') &&
        a.onShift &&
        a.presence === 'online' &&
        (a.load[t.channel] ?? 0) < (a.capacity[t.channel] ?? 0) &&
        (!rule.matchLanguage || t.language === null || a.languages.includes(t.language));
      if (decision.outcome === 'assigned') {
        expect(fits(agents.find((a) => a.id === decision.agentId)!)).toBe(true);
        expect(decision.eligible).toBe(agents.filter(fits).length);
      } else {
        expect(agents.some(fits)).toBe(false);
      }
    }
  });
});

describe('the language of a message', () => {
  it('tells Chinese from English, Latin product names and numbers notwithstanding', () => {
    expect(detectLanguage('My invoice is wrong, can you check INV-2231?')).toBe('en');
    expect(detectLanguage('请问 Switchboard Pro 的 SSO 怎么配置？')).toBe('zh-CN');
    expect(detectLanguage('你好')).toBe('zh-CN');
    expect(detectLanguage('👍 12345')).toBeNull();
  });
});
