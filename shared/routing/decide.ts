/**
 * The routing decision for one ticket (docs/routing.md): which agent of the ticket's team gets it,
 * or why it waits in the team's queue. Pure, so the server's routing job, the simulation benchmark
 * and the property tests all run the same rule.
 *
 * An agent is eligible when they are active, in the team, on shift, online, take the ticket's
 * channel, are below their capacity for it, and (when the rule asks) speak the customer's language
 * and have every skill the ticket needs. Among the eligible:
 * - round robin: the one who was routed a ticket longest ago (never first), which visits everyone in
 *   turn without a stored pointer that two server instances would have to share;
 * - least loaded: the lowest load against capacity, then round robin among equals;
 * - pull: the router pushes nothing; an agent takes the most urgent ticket with "Next ticket", and
 *   is asked about alone (the same requirements, with themselves as the only agent).
 * Ties end on the agent id, so the same inputs always give the same agent.
 */
import type { Channel, Locale } from '../domain/enums.ts';
import { byId } from '../domain/log-order.ts';

export const PRESENCES = ['online', 'away', 'on_break', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];

export const ROUTING_MODES = ['round_robin', 'least_loaded', 'pull'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

export interface RoutingRule {
  teamId: string;
  mode: RoutingMode;
  /** Only agents who speak the language detected in the customer's message. */
  matchLanguage: boolean;
  /** Only agents with every skill (product, topic) the ticket asks for. */
  matchSkills: boolean;
}

export interface RoutingTicket {
  teamId: string;
  channel: Channel;
  /** The language of the customer's message (language.ts); null when none could be told. */
  language: Locale | null;
  skills: readonly string[];
}

export interface RoutingAgent {
  id: string;
  active: boolean;
  teamIds: readonly string[];
  presence: Presence;
  onShift: boolean;
  languages: readonly Locale[];
  skills: readonly string[];
  /** The most open tickets of each channel the agent carries at once; a channel not named is not taken. */
  capacity: Partial<Record<Channel, number>>;
  /** Open tickets of each channel assigned now, counting only statuses whose SLA clock runs. */
  load: Partial<Record<Channel, number>>;
  /** When routing last gave them a ticket, or null. */
  lastRoutedAt: number | null;
}

/** Why a ticket waits: the first requirement that left nobody. */
export const WAIT_REASONS = [
  'no_members',
  'nobody_on_shift',
  'nobody_online',
  'nobody_takes_channel',
  'nobody_speaks_language',
  'nobody_has_skills',
  'everyone_at_capacity',
] as const;
export type WaitReason = (typeof WAIT_REASONS)[number];

export type RoutingDecision =
  | {
      outcome: 'assigned';
      agentId: string;
      mode: RoutingMode;
      /** How many agents were eligible (the "among 4 available agents" of the history line). */
      eligible: number;
      /** The language matched on, when the rule matched one. */
      language: Locale | null;
      skills: readonly string[];
    }
  | { outcome: 'queued'; reason: WaitReason };

type Requirement = [WaitReason, (agent: RoutingAgent) => boolean];

export function decideRoute(ticket: RoutingTicket, rule: RoutingRule, agents: readonly RoutingAgent[]): RoutingDecision {
  const language = rule.matchLanguage ? ticket.language : null;
  const skills = rule.matchSkills ? ticket.skills : [];
  const requirements: Requirement[] = [
    ['no_members', (a) => a.active && a.teamIds.includes(ticket.teamId)],
    ['nobody_on_shift', (a) => a.onShift],
    ['nobody_online', (a) => a.presence === 'online'],
    ['nobody_takes_channel', (a) => (a.capacity[ticket.channel] ?? 0) > 0],
    ['nobody_speaks_language', (a) => language === null || a.languages.includes(language)],
    ['nobody_has_skills', (a) => skills.every((s) => a.skills.includes(s))],
    ['everyone_at_capacity', (a) => loadOf(a, ticket.channel) < (a.capacity[ticket.channel] ?? 0)],
  ];
  let pool = agents;
  for (const [reason, passes] of requirements) {
    pool = pool.filter(passes);
    if (pool.length === 0) return { outcome: 'queued', reason };
  }
  const chosen = [...pool].sort(rule.mode === 'least_loaded' ? byLoadThenTurn(ticket.channel) : byTurn)[0]!;
  return { outcome: 'assigned', agentId: chosen.id, mode: rule.mode, eligible: pool.length, language, skills };
}

function loadOf(agent: RoutingAgent, channel: Channel): number {
  return agent.load[channel] ?? 0;
}

function byTurn(a: RoutingAgent, b: RoutingAgent): number {
  const last = (a.lastRoutedAt ?? -Infinity) - (b.lastRoutedAt ?? -Infinity);
  if (last !== 0 && !Number.isNaN(last)) return last;
  return byId(a, b);
}

function byLoadThenTurn(channel: Channel) {
  return (a: RoutingAgent, b: RoutingAgent): number => {
    const share = loadOf(a, channel) / a.capacity[channel]! - loadOf(b, channel) / b.capacity[channel]!;
    return share !== 0 ? share : byTurn(a, b);
  };
}
