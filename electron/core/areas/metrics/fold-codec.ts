/**
 * How a folded log (shared/metrics/timeline.ts) is kept in `folded_logs.log`: JSON arrays instead
 * of objects, instants as offsets from the log's first one, and each agent or team id written once
 * in a table the entries point into. The object form took about 1,050 bytes a ticket (1 GB of a
 * 1M-ticket cache); this takes about a third, and parses as much faster. `decodeFold(encodeFold(x))`
 * deep-equals `x` (fold-codec.test.ts).
 *
 * The first element is the encoding's version. A change of encoding comes with a migration that
 * empties every `log` (the keeper folds them again); meanwhile, or if one is missed, a fold in
 * another version decodes to null and the report reads that ticket's events instead.
 */
import type { TicketStatus } from '../../../../shared/domain/enums.ts';
import type { FoldedLog, Reply } from '../../../../shared/metrics/timeline.ts';
import type { SlaMetric } from '../../../../shared/sla/target.ts';

const VERSION = 1;

type Encoded = [
  version: number,
  base: number,
  created: [offset: number, status: TicketStatus] | 0,
  solves: number[],
  reopens: number[],
  /** Flat: offset, author (index into ids; -1: none). */
  replies: number[],
  inbound: number[],
  /** Index into replies; -1: none. */
  firstReply: number,
  /** Flat: from, to. */
  responseIntervals: number[],
  escalations: number[],
  /** Flat: offset, metric, met (1) or breached (0). */
  sla: (number | SlaMetric)[],
  /** Flat: offset, from, to. */
  statuses: (number | TicketStatus)[],
  /** Flat: offset, from, to (indexes into ids; -1: nobody). */
  assignees: number[],
  /** Flat: offset, from, to (indexes into ids). */
  teams: number[],
  ids: string[],
];

export function encodeFold(log: FoldedLog): string {
  const instants = [
    ...(log.created ? [log.created.at] : []),
    ...log.statuses.map((c) => c.at),
    ...log.inbound,
    ...log.replies.map((r) => r.at),
    ...log.escalations,
    ...log.sla.map((s) => s.at),
    ...log.assignees.map((c) => c.at),
    ...log.teams.map((c) => c.at),
  ];
  // A loop, not Math.min(...instants): a ticket with a runaway log would pass too many arguments.
  const base = instants.reduce((min, at) => (at < min ? at : min), instants[0] ?? 0);
  const ids: string[] = [];
  const idIndex = new Map<string, number>();
  const id = (value: string | null): number => {
    if (value === null) return -1;
    let i = idIndex.get(value);
    if (i === undefined) idIndex.set(value, (i = ids.push(value) - 1));
    return i;
  };
  const off = (at: number) => at - base;
  const encoded: Encoded = [
    VERSION,
    base,
    log.created ? [off(log.created.at), log.created.status] : 0,
    log.solves.map(off),
    log.reopens.map(off),
    log.replies.flatMap((r) => [off(r.at), id(r.agentId)]),
    log.inbound.map(off),
    log.firstReply ? log.replies.indexOf(log.firstReply) : -1,
    log.responseIntervals.flatMap(([from, to]) => [off(from), off(to)]),
    log.escalations.map(off),
    log.sla.flatMap((s) => [off(s.at), s.metric, s.met ? 1 : 0]),
    log.statuses.flatMap((c) => [off(c.at), c.from, c.to]),
    log.assignees.flatMap((c) => [off(c.at), id(c.from), id(c.to)]),
    log.teams.flatMap((c) => [off(c.at), id(c.from), id(c.to)]),
    ids,
  ];
  return JSON.stringify(encoded);
}

/** null: written by another version of the encoding (read the events instead). */
export function decodeFold(text: string): FoldedLog | null {
  const e = JSON.parse(text) as Encoded;
  if (e[0] !== VERSION) return null;
  const [, base, created, solves, reopens, replies, inbound, firstReply, response, escalations, sla, statuses, assignees, teams, ids] = e;
  const at = (offset: number) => base + offset;
  const idAt = (i: number) => (i < 0 ? null : ids[i]!);
  /** One entry per `width` elements of a flat list, made from the index of its first. */
  const entries = <T>(flat: readonly unknown[], width: number, make: (i: number) => T): T[] => {
    const out: T[] = [];
    for (let i = 0; i < flat.length; i += width) out.push(make(i));
    return out;
  };
  const replyList = entries(replies, 2, (i): Reply => ({ at: at(replies[i]!), agentId: idAt(replies[i + 1]!) }));
  return {
    created: created === 0 ? null : { at: at(created[0]), status: created[1] },
    solves: solves.map(at),
    reopens: reopens.map(at),
    replies: replyList,
    inbound: inbound.map(at),
    firstReply: firstReply < 0 ? null : replyList[firstReply]!,
    responseIntervals: entries(response, 2, (i): [number, number] => [at(response[i]!), at(response[i + 1]!)]),
    escalations: escalations.map(at),
    sla: entries(sla, 3, (i) => ({ at: at(sla[i] as number), metric: sla[i + 1] as SlaMetric, met: sla[i + 2] === 1 })),
    statuses: entries(statuses, 3, (i) => ({
      at: at(statuses[i] as number),
      from: statuses[i + 1] as TicketStatus,
      to: statuses[i + 2] as TicketStatus,
    })),
    assignees: entries(assignees, 3, (i) => ({ at: at(assignees[i]!), from: idAt(assignees[i + 1]!), to: idAt(assignees[i + 2]!) })),
    teams: entries(teams, 3, (i) => ({ at: at(teams[i]!), from: ids[teams[i + 1]!]!, to: ids[teams[i + 2]!]! })),
  };
}
