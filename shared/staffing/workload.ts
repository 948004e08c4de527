/**
 * Staffing for channels nobody waits on the line for (e-mail, web forms, social): the work that
 * arrives in an interval is handled within it by agents who are busy `occupancy` of their time.
 * docs/staffing.md gives the formula and an example.
 */
import { AppError } from '../contract/errors.ts';
import type { QueueLoad } from './erlang-c.ts';

export interface WorkloadStaffing {
  /** Agents needed, rounded up: a fraction of a person cannot be scheduled. */
  agents: number;
  /** The exact (fractional) number, for sums over intervals and channels. */
  fractionalAgents: number;
}

export function agentsForWorkload(queue: QueueLoad, occupancyTarget: number): WorkloadStaffing {
  if (!(occupancyTarget > 0 && occupancyTarget <= 1)) {
    throw new AppError('VALIDATION', 'the occupancy target is a share in (0, 1], say 0.85');
  }
  if (!(queue.intervalSeconds > 0)) throw new AppError('VALIDATION', 'the interval must be longer than zero');
  if (!(queue.arrivals >= 0) || !(queue.ahtSeconds > 0)) {
    throw new AppError('VALIDATION', 'arrivals must be zero or more and the handle time longer than zero');
  }
  const fractionalAgents = (queue.arrivals * queue.ahtSeconds) / (queue.intervalSeconds * occupancyTarget);
  // A float's last bit must not turn an exact 3 into 4 agents.
  return { agents: Math.ceil(fractionalAgents - 1e-9), fractionalAgents };
}
