import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../../shared/demo/random.ts';
import type { TicketStatus } from '../../../../shared/domain/enums.ts';
import { AGENT_A, AGENT_B, TEAM_1, TEAM_2, TicketLog } from '../../../../test/support/metrics-facts.ts';
import { foldLog } from '../../../../shared/metrics/timeline.ts';
import { decodeFold, encodeFold } from './fold-codec.ts';

/** A seeded source of numbers in [0, 1), so a failure replays. */
const seeded = (seed: number) => {
  const random = createRandom(seed);
  return () => random.next();
};

describe('a kept fold', () => {
  it('decodes to the fold it was made from, for random logs of every kind of event', () => {
    const r = seeded(17);
    const statuses: TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
    let objectBytes = 0;
    let keptBytes = 0;
    for (let n = 0; n < 300; n++) {
      const createdAt = Date.parse('2026-01-01T00:00:00Z') + Math.floor(r() * 300 * 86_400_000);
      const log = new TicketLog({ createdAt });
      let at = createdAt;
      let status: TicketStatus = 'new';
      // Some logs lose their start (history trimmed), some start with the agent's reply.
      if (r() < 0.1) log.events.length = 0;
      for (let k = Math.floor(r() * 14); k > 0; k--) {
        at += r() < 0.2 ? 0 : Math.floor(r() * 2 * 86_400_000);
        const step = r();
        if (step < 0.2) {
          const to = statuses[Math.floor(r() * statuses.length)]!;
          if (to !== status) log.status(at, status, (status = to));
        } else if (step < 0.4) log.reply(at, r() < 0.5 ? AGENT_A : AGENT_B);
        else if (step < 0.55) log.inbound(at);
        else if (step < 0.6) log.automatedReply(at);
        else if (step < 0.65) log.escalated(at, 1, 2);
        else if (step < 0.75)
          log.sla(at, (['firstReply', 'nextReply', 'resolution'] as const)[Math.floor(r() * 3)]!, r() < 0.5 ? 'met' : 'breached');
        else if (step < 0.85) log.assignee(at, r() < 0.3 ? null : AGENT_A, r() < 0.3 ? null : AGENT_B);
        else if (step < 0.9) log.team(at, TEAM_1, TEAM_2);
        else log.note(at);
      }
      const fold = foldLog(log.events, Infinity);
      const kept = encodeFold(fold);
      expect(decodeFold(kept)).toEqual(fold);
      objectBytes += JSON.stringify(fold).length;
      keptBytes += kept.length;
    }
    // What the encoding is for: the cache holds one a ticket.
    expect(keptBytes).toBeLessThan(objectBytes / 2);
  });

  it('written by another version of the encoding is read as stale', () => {
    const kept = JSON.parse(encodeFold(foldLog([], Infinity))) as unknown[];
    expect(decodeFold(JSON.stringify([2, ...kept.slice(1)]))).toBeNull();
  });
});
