/**
 * Erlang C: how many agents a queue that people wait in (chat, phone) needs to answer a share of
 * contacts within a target time. The model: contacts arrive at random (Poisson) at a steady rate
 * over the interval, handle times are exponential with mean `ahtSeconds`, nobody abandons, and
 * every agent takes one contact at a time. docs/staffing.md gives the formulas and a worked example.
 *
 * The probability of waiting is computed through the Erlang B recursion rather than with
 * factorials and powers: A^N / N! overflows a double near N = 170, the recursion never does and
 * keeps full precision at any size a contact centre has.
 */
import { AppError } from '../contract/errors.ts';

export interface QueueLoad {
  /** Contacts expected to arrive in the interval. */
  arrivals: number;
  /** The interval's length, in seconds (3,600 for an hour). */
  intervalSeconds: number;
  /** Average handle time of one contact, in seconds (talk or chat plus wrap-up). */
  ahtSeconds: number;
}

export interface ServiceTarget {
  /** The share of contacts to answer within `answerSeconds`, in (0, 1): 0.8 for "80% in 60 s". */
  serviceLevel: number;
  answerSeconds: number;
  /**
   * The highest share of their time agents may spend handling contacts, in (0, 1]; more agents are
   * asked for when the service level alone would keep them busier than this. 1 means no cap.
   */
  maxOccupancy?: number;
}

/** The offered load in Erlangs: the average number of contacts in progress at once. */
export function offeredLoad({ arrivals, intervalSeconds, ahtSeconds }: QueueLoad): number {
  if (!(intervalSeconds > 0)) throw new AppError('VALIDATION', 'the interval must be longer than zero');
  if (!(arrivals >= 0) || !Number.isFinite(arrivals)) throw new AppError('VALIDATION', 'arrivals must be zero or more');
  if (!(ahtSeconds > 0) || !Number.isFinite(ahtSeconds))
    throw new AppError('VALIDATION', 'the average handle time must be longer than zero');
  return (arrivals * ahtSeconds) / intervalSeconds;
}

/** Erlang B: the share of contacts that would find all `agents` busy if nobody could wait. */
export function erlangB(agents: number, load: number): number {
  let blocked = 1;
  for (let n = 1; n <= agents; n++) blocked = (load * blocked) / (n + load * blocked);
  return blocked;
}

/**
 * Erlang C: the probability that a contact has to wait at all. With no more agents than the load
 * the queue grows without end, and every contact waits: 1.
 */
export function probabilityOfWaiting(agents: number, load: number): number {
  assertAgents(agents);
  if (load === 0) return 0;
  if (agents <= load) return 1;
  const b = erlangB(agents, load);
  return (agents * b) / (agents - load * (1 - b));
}

/** The share of contacts answered within `answerSeconds`. */
export function serviceLevel(agents: number, queue: QueueLoad, answerSeconds: number): number {
  const load = offeredLoad(queue);
  if (load === 0) return 1;
  if (agents <= load) return 0;
  const wait = probabilityOfWaiting(agents, load);
  return 1 - wait * Math.exp((-(agents - load) * answerSeconds) / queue.ahtSeconds);
}

/** The average speed of answer in seconds, over every contact (those answered at once count 0). */
export function averageSpeedOfAnswer(agents: number, queue: QueueLoad): number {
  const load = offeredLoad(queue);
  if (load === 0) return 0;
  if (agents <= load) return Number.POSITIVE_INFINITY;
  return (probabilityOfWaiting(agents, load) * queue.ahtSeconds) / (agents - load);
}

export interface ErlangStaffing {
  /** The fewest agents meeting the target (0 when nothing arrives). */
  agents: number;
  load: number;
  serviceLevel: number;
  averageSpeedOfAnswerSeconds: number;
  /** load / agents: the share of their time the agents spend on contacts. */
  occupancy: number;
}

/** The fewest agents who answer `serviceLevel` of the contacts within `answerSeconds`. */
export function agentsForServiceLevel(queue: QueueLoad, target: ServiceTarget): ErlangStaffing {
  const load = offeredLoad(queue);
  const maxOccupancy = target.maxOccupancy ?? 1;
  if (!(target.serviceLevel > 0 && target.serviceLevel < 1)) {
    throw new AppError('VALIDATION', 'the service level target is a share between 0 and 1, say 0.8');
  }
  if (!(target.answerSeconds >= 0) || !Number.isFinite(target.answerSeconds)) {
    throw new AppError('VALIDATION', 'the answer time target must be zero seconds or more');
  }
  if (!(maxOccupancy > 0 && maxOccupancy <= 1)) throw new AppError('VALIDATION', 'the occupancy cap is a share in (0, 1]');
  if (load === 0) return { agents: 0, load, serviceLevel: 1, averageSpeedOfAnswerSeconds: 0, occupancy: 0 };
  // The service level rises with every agent added, so the first count that meets it is the answer.
  let agents = Math.max(Math.floor(load) + 1, Math.ceil(load / maxOccupancy));
  while (serviceLevel(agents, queue, target.answerSeconds) < target.serviceLevel) agents++;
  return {
    agents,
    load,
    serviceLevel: serviceLevel(agents, queue, target.answerSeconds),
    averageSpeedOfAnswerSeconds: averageSpeedOfAnswer(agents, queue),
    occupancy: load / agents,
  };
}

function assertAgents(agents: number): void {
  if (!Number.isInteger(agents) || agents < 0) throw new AppError('VALIDATION', 'the number of agents is a whole number, zero or more');
}
