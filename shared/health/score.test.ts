import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { createRandom, type Random } from '../demo/random.ts';
import { FEEDBACK_KINDS, LIFECYCLE_STAGES, TICKET_PRIORITIES, TICKET_STATUSES } from '../domain/enums.ts';
import { DAY_MS, healthFacts, slaBreaches, type HealthSource, type HealthTicket } from './facts.ts';
import { reasonText } from './reasons.ts';
import { AT_RISK_BELOW, bandOf, computeHealth, HEALTHY_FROM } from './score.ts';
import { DEFAULT_HEALTH_WEIGHTS, parseHealthWeights, type HealthWeights } from './weights.ts';

const NOW = Date.UTC(2026, 2, 10, 15, 30);
const score = (source: HealthSource, weights: HealthWeights = DEFAULT_HEALTH_WEIGHTS) => computeHealth(healthFacts(source, NOW), weights);

const quiet: HealthSource = {
  account: { renewalDate: null, lifecycleStage: 'active' },
  tickets: [],
  escalatedAt: [],
  feedback: [],
  interactionsAt: [NOW - DAY_MS, NOW - 10 * DAY_MS, NOW - 20 * DAY_MS, NOW - 40 * DAY_MS, NOW - 50 * DAY_MS, NOW - 60 * DAY_MS],
};
const ticket = (t: Partial<HealthTicket>): HealthTicket => ({
  status: 'open',
  priority: 'normal',
  firstReplyDueAt: null,
  firstReplyAt: null,
  resolutionDueAt: null,
  solvedAt: null,
  ...t,
});

describe('health score', () => {
  it('is 100 for an account with nothing wrong, and says nothing', () => {
    expect(score(quiet)).toEqual({ score: 100, band: 'healthy', reasons: [] });
  });

  it('explains every lost point, in both languages', () => {
    const h = score({ ...quiet, tickets: [ticket({ priority: 'urgent' }), ticket({ priority: 'urgent' }), ticket({})] });
    // Two urgent tickets: 2 x 20% of the group's 35 points; one other open ticket: 5% of 35, rounded.
    expect(h.reasons).toEqual([
      { group: 'support', code: 'urgent_open', points: 14, value: 2 },
      { group: 'support', code: 'open_tickets', points: 2, value: 1 },
    ]);
    expect(h.score).toBe(84);
    expect(h.reasons.map((r) => reasonText(r))).toEqual([
      { en: '-14: 2 urgent tickets open', zh: '-14：2 张紧急工单未解决' },
      { en: '-2: 1 other ticket open', zh: '-2：另有 1 张工单未解决' },
    ]);
  });

  it('never takes more from a group than it holds', () => {
    const many = Array.from({ length: 12 }, () => ticket({ priority: 'urgent', resolutionDueAt: NOW - DAY_MS }));
    const h = score({ ...quiet, tickets: many, escalatedAt: [NOW - DAY_MS, NOW - 2 * DAY_MS] });
    const support = h.reasons.filter((r) => r.group === 'support');
    expect(support.reduce((n, r) => n + r.points, 0)).toBe(35);
    // Granted in order: urgent tickets (60% = 21), then missed SLA targets (the 14 points left).
    expect(support.map((r) => [r.code, r.points])).toEqual([
      ['urgent_open', 21],
      ['sla_breaches', 14],
    ]);
    expect(h.score).toBe(65);
  });

  it('counts a missed SLA target from the due times on the ticket, within 90 days', () => {
    expect(slaBreaches(ticket({ firstReplyDueAt: NOW - 10, firstReplyAt: NOW - 5 }), NOW)).toEqual([NOW - 10]);
    expect(slaBreaches(ticket({ firstReplyDueAt: NOW - 10, firstReplyAt: NOW - 20 }), NOW)).toEqual([]);
    expect(slaBreaches(ticket({ resolutionDueAt: NOW + 10 }), NOW)).toEqual([]);
    expect(slaBreaches(ticket({ resolutionDueAt: NOW - 10, solvedAt: null }), NOW)).toEqual([NOW - 10]);
    const old = ticket({ status: 'closed', resolutionDueAt: NOW - 91 * DAY_MS, solvedAt: NOW - 80 * DAY_MS });
    expect(healthFacts({ ...quiet, tickets: [old] }, NOW).slaBreaches).toBe(0);
  });

  it('bands: at risk below 40, healthy from 70', () => {
    expect([0, AT_RISK_BELOW - 1, AT_RISK_BELOW, HEALTHY_FROM - 1, HEALTHY_FROM, 100].map(bandOf)).toEqual([
      'at_risk',
      'at_risk',
      'watch',
      'watch',
      'healthy',
      'healthy',
    ]);
  });

  it('takes the tenant’s weights, refusing any that do not add up to 100 with a coded error', () => {
    const w = parseHealthWeights({ support: 70, sentiment: 10, engagement: 10, lifecycle: 10 });
    expect(score({ ...quiet, tickets: [ticket({ priority: 'urgent' })] }, w).score).toBe(86);
    for (const bad of [
      { support: 50, sentiment: 30, engagement: 20, lifecycle: 15 },
      { support: -5, sentiment: 50, engagement: 40, lifecycle: 15 },
      { support: 35.5, sentiment: 29.5, engagement: 20, lifecycle: 15 },
      { support: 35, sentiment: 30, engagement: 20 },
      { support: 35, sentiment: 30, engagement: 20, lifecycle: 15, extra: 0 },
    ]) {
      let error: unknown;
      try {
        parseHealthWeights(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VALIDATION');
    }
  });

  it('matches an independent computation on random accounts', () => {
    const random = createRandom(2026);
    for (let i = 0; i < 3000; i++) {
      const source = randomSource(random);
      const weights = randomWeights(random);
      const h = computeHealth(healthFacts(source, NOW), weights);
      const expected = independentScore(source, weights);
      expect({ i, score: h.score, lost: h.reasons.map((r) => `${r.code}:${r.points}`) }).toEqual({
        i,
        score: expected.score,
        lost: expected.lost,
      });
      expect(h.reasons.reduce((n, r) => n + r.points, 0)).toBe(100 - h.score);
      expect(h.band).toBe(h.score < 40 ? 'at_risk' : h.score < 70 ? 'watch' : 'healthy');
    }
  });
});

function randomWeights(random: Random): HealthWeights {
  if (random.chance(0.3)) return DEFAULT_HEALTH_WEIGHTS;
  const a = random.int(0, 100);
  const b = random.int(0, 100 - a);
  const c = random.int(0, 100 - a - b);
  return { support: a, sentiment: b, engagement: c, lifecycle: 100 - a - b - c };
}

function randomSource(random: Random): HealthSource {
  const at = (maxDays: number) => NOW - random.int(0, maxDays * 24) * 3_600_000;
  const maybe = <T>(p: number, value: () => T) => (random.chance(p) ? value() : null);
  const tickets = Array.from({ length: random.int(0, 12) }, () => {
    const created = at(200);
    return {
      status: random.pick(TICKET_STATUSES),
      priority: random.pick(TICKET_PRIORITIES),
      firstReplyDueAt: maybe(0.7, () => created + random.int(1, 48) * 3_600_000),
      firstReplyAt: maybe(0.6, () => created + random.int(1, 72) * 3_600_000),
      resolutionDueAt: maybe(0.7, () => created + random.int(1, 400) * 3_600_000),
      solvedAt: maybe(0.5, () => created + random.int(1, 500) * 3_600_000),
    };
  });
  const renewal = new Date(NOW + random.int(-60, 200) * DAY_MS).toISOString().slice(0, 10);
  return {
    account: { renewalDate: random.chance(0.7) ? renewal : null, lifecycleStage: random.pick(LIFECYCLE_STAGES) },
    tickets,
    escalatedAt: Array.from({ length: random.int(0, 5) }, () => at(150)),
    feedback: Array.from({ length: random.int(0, 15) }, () => {
      const kind = random.pick(FEEDBACK_KINDS);
      const score = kind === 'csat' ? random.int(1, 5) : kind === 'nps' ? random.int(0, 10) : random.int(1, 7);
      return { kind, score, createdAt: at(250) };
    }),
    interactionsAt: random.chance(0.15) ? [] : Array.from({ length: random.int(1, 10) }, () => at(random.chance(0.5) ? 60 : 300)),
  };
}

/**
 * docs/health-score.md's definition, written again from the records without the code under
 * test: each signal's lost points as a fraction of its group's weight, rounded, granted in order
 * while the group has points left.
 */
function independentScore(s: HealthSource, w: HealthWeights): { score: number; lost: string[] } {
  const day = 86_400_000;
  const recent = (t: number) => NOW - 90 * day < t && t <= NOW;
  const before = (t: number) => NOW - 180 * day < t && t <= NOW - 90 * day;
  const open = s.tickets.filter((t) => !['solved', 'closed'].includes(t.status));
  const urgent = open.filter((t) => t.priority === 'urgent').length;
  let breaches = 0;
  for (const t of s.tickets) {
    if (t.firstReplyDueAt !== null && t.firstReplyDueAt <= NOW && !(t.firstReplyAt !== null && t.firstReplyAt <= t.firstReplyDueAt))
      if (recent(t.firstReplyDueAt)) breaches++;
    if (t.resolutionDueAt !== null && t.resolutionDueAt <= NOW && !(t.solvedAt !== null && t.solvedAt <= t.resolutionDueAt))
      if (recent(t.resolutionDueAt)) breaches++;
  }
  const ratings = (kind: string, window: (t: number) => boolean) =>
    s.feedback.filter((f) => f.kind === kind && window(f.createdAt)).map((f) => f.score);
  const csat = ratings('csat', recent);
  const csatBefore = ratings('csat', before);
  const nps = ratings('nps', recent);
  const ces = ratings('ces', recent);
  const satisfied = (xs: number[]) => xs.filter((x) => x >= 4).length / xs.length;
  const past = s.interactionsAt.filter((t) => t <= NOW);
  const days = past.length ? Math.floor((NOW - Math.max(...past)) / day) : null;
  const stage = s.account.lifecycleStage;
  const renewalIn =
    s.account.renewalDate === null
      ? null
      : Math.round(
          (Date.parse(s.account.renewalDate) -
            Date.UTC(new Date(NOW).getUTCFullYear(), new Date(NOW).getUTCMonth(), new Date(NOW).getUTCDate())) /
            day,
        );

  const groups: [number, [string, number | null][]][] = [
    [
      w.support,
      [
        ['urgent_open', Math.min(3, urgent) / 5],
        ['sla_breaches', Math.min(5, breaches) / 10],
        ['escalations', Math.min(4, s.escalatedAt.filter(recent).length) / 10],
        ['open_tickets', Math.min(6, open.length - urgent) / 20],
      ],
    ],
    [
      w.sentiment,
      [
        ['csat', csat.length ? 0.35 - 0.35 * satisfied(csat) : null],
        [
          'nps',
          nps.length
            ? (0.3 * (100 - (100 * (nps.filter((x) => x >= 9).length - nps.filter((x) => x <= 6).length)) / nps.length)) / 200
            : null,
        ],
        ['ces', ces.length ? (0.15 * (7 - ces.reduce((a, b) => a + b, 0) / ces.length)) / 6 : null],
        [
          'csat_trend',
          csat.length && csatBefore.length ? 0.2 * Math.max(0, Math.min(1, (satisfied(csatBefore) - satisfied(csat)) * 2)) : null,
        ],
      ],
    ],
    [
      w.engagement,
      [
        days === null ? ['no_interaction', 0.6] : ['days_since_interaction', days <= 30 ? 0 : days >= 120 ? 0.6 : (0.6 * (days - 30)) / 90],
        ['few_interactions', Math.max(0, 0.4 - (0.4 * past.filter(recent).length) / 6)],
      ],
    ],
    [
      w.lifecycle,
      [
        ['churned', stage === 'churned' ? 1 : null],
        ['stage_at_risk', stage === 'at_risk' ? 0.3 : null],
        [
          renewalIn !== null && renewalIn < 0 ? 'renewal_passed' : 'renewal',
          renewalIn === null || stage === 'churned' ? null : renewalIn < 0 ? 0.7 : renewalIn > 90 ? 0 : (0.7 * (90 - renewalIn)) / 90,
        ],
      ],
    ],
  ];
  const lost: string[] = [];
  let total = 0;
  for (const [weight, signals] of groups) {
    let left = weight;
    for (const [code, share] of signals) {
      if (share === null) continue;
      const points = Math.min(left, Math.round(Number((weight * share).toFixed(6))));
      if (points > 0) {
        lost.push(`${code}:${points}`);
        left -= points;
        total += points;
      }
    }
  }
  return { score: 100 - total, lost };
}
