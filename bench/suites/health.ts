/**
 * The account health score recomputed for 10,000 accounts (docs/health-score.md): from each
 * account's records through the input adapter to the score with its reasons, as the server's daily
 * job and a supervisor's console do for a whole portfolio. Target: at most 2 s for all of them.
 * The accounts are generated (seeded) with a realistic spread: up to 40 tickets, 20 feedback
 * answers and 30 interactions each.
 */
import { createRandom } from '../../shared/demo/random.ts';
import { FEEDBACK_KINDS, LIFECYCLE_STAGES, TICKET_PRIORITIES, TICKET_STATUSES } from '../../shared/domain/enums.ts';
import { DAY_MS, healthFacts, type HealthSource } from '../../shared/health/facts.ts';
import { computeHealth } from '../../shared/health/score.ts';
import { DEFAULT_HEALTH_WEIGHTS } from '../../shared/health/weights.ts';
import { figure, latency, type Figure } from '../figures.ts';
import { percentiles } from '../measure.ts';

export const HEALTH_ACCOUNTS = 10_000;

function accounts(count: number, now: number, seed: number): HealthSource[] {
  const random = createRandom(seed);
  const at = (days: number) => now - random.int(0, days * 24) * 3_600_000;
  return Array.from({ length: count }, () => ({
    account: {
      renewalDate: new Date(now + random.int(-30, 365) * DAY_MS).toISOString().slice(0, 10),
      lifecycleStage: random.pick(LIFECYCLE_STAGES),
    },
    tickets: Array.from({ length: random.int(0, 40) }, () => {
      const created = at(365);
      return {
        status: random.pick(TICKET_STATUSES),
        priority: random.pick(TICKET_PRIORITIES),
        firstReplyDueAt: created + 4 * 3_600_000,
        firstReplyAt: random.chance(0.8) ? created + random.int(1, 8) * 3_600_000 : null,
        resolutionDueAt: created + 72 * 3_600_000,
        solvedAt: random.chance(0.7) ? created + random.int(1, 120) * 3_600_000 : null,
      };
    }),
    escalatedAt: Array.from({ length: random.int(0, 4) }, () => at(180)),
    feedback: Array.from({ length: random.int(0, 20) }, () => {
      const kind = random.pick(FEEDBACK_KINDS);
      return {
        kind,
        score: kind === 'csat' ? random.int(1, 5) : kind === 'nps' ? random.int(0, 10) : random.int(1, 7),
        createdAt: at(200),
      };
    }),
    interactionsAt: Array.from({ length: random.int(0, 30) }, () => at(365)),
  }));
}

/** `rounds` recomputations of every account; the figure is the time of one whole pass. */
export function healthRecompute(rounds: number, seed: number): Figure {
  const now = Date.now();
  const sources = accounts(HEALTH_ACCOUNTS, now, seed);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (const s of sources) computeHealth(healthFacts(s, now), DEFAULT_HEALTH_WEIGHTS);
    samples.push(performance.now() - start);
  }
  return figure({
    id: 'local.health-10k',
    label: `health score of ${HEALTH_ACCOUNTS.toLocaleString('en')} accounts recomputed`,
    value: latency(percentiles(samples)),
  });
}
