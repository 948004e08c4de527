/**
 * A simulated day of routing (issue 16, docs/routing.md): 10,000 tickets over 24 hours for one
 * team of 200 agents in three time zones (Shanghai, London, New York), each on an eight-hour local
 * shift with a 30-minute break, some on break or away at any moment. Each ticket is decided by
 * decideRoute (round robin, languages matched) against the agents as they are at its arrival, with
 * the loads the earlier decisions left; tickets close after 20 minutes to 4 hours, freeing capacity,
 * and up to ten waiting tickets are tried again, oldest first, at each arrival.
 *
 * Figures: the decision's latency for 200 agents (target p95 <= 20 ms), the assignments that broke
 * a rule (off shift, not online, over capacity: checked here independently of decideRoute, target
 * 0), and the spread of assignments among equally skilled agents (the coefficient of variation of
 * tickets per agent within each zone, reported).
 */
import { createRandom } from '../../shared/demo/random.ts';
import type { Channel, Locale } from '../../shared/domain/enums.ts';
import { decideRoute, type Presence, type RoutingAgent, type RoutingRule } from '../../shared/routing/decide.ts';
import { onShiftAt } from '../../shared/routing/records.ts';
import { amount, figure, latency, type Figure } from '../figures.ts';
import { percentiles } from '../measure.ts';

export const ROUTING_TICKETS = 10_000;
export const ROUTING_AGENTS = 200;
const HOUR = 3_600_000;
const DAY_START = Date.UTC(2026, 2, 10);
/** Offsets from UTC of the three zones (standard time in March), and their share of the agents. */
const ZONES = [
  { name: 'Asia/Shanghai', offset: 8, share: 0.4, languages: ['zh-CN', 'en'] as Locale[] },
  { name: 'Europe/London', offset: 0, share: 0.3, languages: ['en'] as Locale[] },
  { name: 'America/New_York', offset: -4, share: 0.3, languages: ['en'] as Locale[] },
];

interface SimAgent extends RoutingAgent {
  zone: string;
  shift: { start: number; end: number; breaks: { start: number; end: number }[] };
  assigned: number;
}

export function routingDay(seed: number): Figure[] {
  const random = createRandom(seed);
  const team = 'team';
  const agents: SimAgent[] = [];
  for (const zone of ZONES)
    for (let i = 0; i < Math.round(ROUTING_AGENTS * zone.share); i++) {
      // 09:00 local, give or take two hours, so the zones' days overlap unevenly as real ones do.
      const start = DAY_START + (9 - zone.offset + random.int(-2, 2)) * HOUR;
      agents.push({
        id: `${zone.name}-${String(i).padStart(3, '0')}`,
        zone: zone.name,
        active: true,
        teamIds: [team],
        presence: 'online',
        onShift: false,
        languages: zone.languages,
        skills: [],
        capacity: { email: 8, chat: 3 },
        load: {},
        lastRoutedAt: null,
        shift: { start, end: start + 8 * HOUR, breaks: [{ start: start + 4 * HOUR, end: start + 4.5 * HOUR }] },
        assigned: 0,
      });
    }
  const rule: RoutingRule = { teamId: team, mode: 'round_robin', matchLanguage: true, matchSkills: false };
  const arrivals = Array.from({ length: ROUTING_TICKETS }, () => ({
    at: DAY_START + random.int(0, 24 * HOUR - 1),
    channel: (random.chance(0.7) ? 'email' : 'chat') as Channel,
    language: (random.chance(0.4) ? 'zh-CN' : 'en') as Locale,
    handleMs: random.int(20, 240) * 60_000,
  })).sort((a, b) => a.at - b.at);

  const closing: { at: number; agent: SimAgent; channel: Channel }[] = [];
  const waiting: typeof arrivals = [];
  const samples: number[] = [];
  let violations = 0;

  const decide = (ticket: (typeof arrivals)[number], now: number): boolean => {
    const started = performance.now();
    const decision = decideRoute({ teamId: team, channel: ticket.channel, language: ticket.language, skills: [] }, rule, agents);
    samples.push(performance.now() - started);
    if (decision.outcome !== 'assigned') return false;
    const agent = agents.find((a) => a.id === decision.agentId)!;
    // Checked from the simulation's own state, not from decideRoute's filters.
    const load = agent.load[ticket.channel] ?? 0;
    if (!onShiftAt([agent.shift], now) || agent.presence !== 'online' || load >= (agent.capacity[ticket.channel] ?? 0)) violations++;
    agent.load = { ...agent.load, [ticket.channel]: load + 1 };
    agent.lastRoutedAt = now;
    agent.assigned++;
    closing.push({ at: now + ticket.handleMs, agent, channel: ticket.channel });
    return true;
  };

  for (const ticket of arrivals) {
    const now = ticket.at;
    for (let i = closing.length - 1; i >= 0; i--)
      if (closing[i]!.at <= now) {
        const { agent, channel } = closing[i]!;
        agent.load = { ...agent.load, [channel]: (agent.load[channel] ?? 1) - 1 };
        closing.splice(i, 1);
      }
    for (const agent of agents) {
      agent.onShift = onShiftAt([agent.shift], now);
      // About one agent in ten is on break or away at any moment, the rest of the shift online.
      const roll = random.int(0, 99);
      agent.presence = (roll < 5 ? 'on_break' : roll < 10 ? 'away' : 'online') satisfies Presence;
    }
    for (let i = 0; i < waiting.length && i < 10;) {
      if (decide(waiting[i]!, now)) waiting.splice(i, 1);
      else i++;
    }
    if (!decide(ticket, now)) waiting.push(ticket);
  }

  const spread = ZONES.map((zone) => {
    const counts = agents.filter((a) => a.zone === zone.name).map((a) => a.assigned);
    const mean = counts.reduce((s, n) => s + n, 0) / counts.length;
    const sd = Math.sqrt(counts.reduce((s, n) => s + (n - mean) ** 2, 0) / counts.length);
    return mean === 0 ? 0 : sd / mean;
  });
  return [
    figure({
      id: 'local.routing-decision',
      label: `routing decision, ${ROUTING_AGENTS} agents (a simulated day of ${ROUTING_TICKETS.toLocaleString('en')} tickets)`,
      value: latency(percentiles(samples)),
    }),
    figure({
      id: 'local.routing-violations',
      label: 'tickets routed to an agent off shift, not online or at capacity',
      value: amount(violations, 'tickets'),
    }),
    figure({
      id: 'local.routing-spread',
      label: 'spread of tickets among equally skilled agents (largest coefficient of variation of a zone)',
      value: amount(Math.round(Math.max(...spread) * 1000) / 1000, 'CV'),
    }),
    figure({ id: 'local.routing-waiting', label: 'tickets still waiting at the end of the day', value: amount(waiting.length, 'tickets') }),
  ];
}
