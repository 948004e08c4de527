/**
 * The demo's presence history (docs/metrics.md, "Available and break time"): for every agent, each
 * weekday of the DEMO_PRESENCE_DAYS days before today, a working day as the kept presence changes record
 * it: available from about 09:00 in their region's time (Shanghai for Chinese speakers, London
 * otherwise), a lunch break, now and then a while away, offline at about 17:30. Drawn from a random
 * stream of its own, so the rest of the demo is unchanged for a seed.
 */
import type { PresenceEvent } from '../routing/records.ts';
import type { Presence } from '../routing/decide.ts';
import { demoId, type Random } from './random.ts';
import type { DemoOrganization } from './organization.ts';

export const DEMO_PRESENCE_DAYS = 60;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function demoPresenceHistory(random: Random, org: DemoOrganization, now: number): PresenceEvent[] {
  const out: PresenceEvent[] = [];
  const today = Math.floor(now / DAY) * DAY;
  for (const user of org.users) {
    if (user.role !== 'agent') continue;
    // 09:00 local as UTC: Shanghai is UTC+8 all year; London is taken at UTC (its summer hour aside).
    const nine = user.locale === 'zh-CN' ? 1 * HOUR : 9 * HOUR;
    let previous: Presence | null = null;
    const change = (status: Presence, at: number) => {
      if (at > now || status === previous) return;
      out.push({
        id: demoId(random, at),
        tenantId: org.tenantId,
        version: 0,
        createdAt: at,
        updatedAt: at,
        userId: user.id,
        status,
        previous,
        at,
      });
      previous = status;
    };
    // Whole days up to yesterday, each ending offline: nobody's presence is set now.
    for (let d = DEMO_PRESENCE_DAYS; d >= 1; d--) {
      const day = today - d * DAY;
      const weekday = new Date(day).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const start = day + nine + random.int(-20, 20) * MINUTE;
      change('online', start);
      const lunch = start + random.int(3 * 60, 4 * 60) * MINUTE;
      change('on_break', lunch);
      change('online', lunch + random.int(30, 60) * MINUTE);
      if (random.chance(0.3)) {
        const away = start + random.int(5 * 60, 7 * 60) * MINUTE;
        change('away', away);
        change('online', away + random.int(5, 25) * MINUTE);
      }
      change('offline', start + random.int(8 * 60, 9 * 60) * MINUTE);
    }
  }
  return out;
}
