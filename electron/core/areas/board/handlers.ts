/**
 * The board area's channels: the workload board and the escalation queue, for supervisors and
 * admins only, and only over a cache that holds every team's tickets (docs/metrics.md).
 */
import type { boardChannels } from '../../../../shared/areas/board/channels.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import { dashboardCoverage, holdsWholeWorkload, type DashboardCoverage } from '../../../../shared/domain/dashboard-coverage.ts';
import { overseesAll } from '../../../../shared/sync/scopes.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createBoardHandlers({ repos, client, presence, now }: HandlerContext): AreaHandlers<typeof boardChannels> {
  /**
   * The board's coverage, or a refusal: an agent's or account manager's cache holds only part of
   * the teams' work, and a team figure counted from part of it would be false. With no server the
   * cache is everything there is.
   */
  const allowed = (): DashboardCoverage => {
    const me = repos.directory.get().me;
    if (me && !overseesAll(me.role)) throw new AppError('FORBIDDEN', 'the workload board is for supervisors and admins');
    if (client !== null && !me) throw new AppError('FORBIDDEN', 'sign in as a supervisor or admin to see the workload board');
    const coverage = dashboardCoverage(client === null ? null : repos.dashboard.viewer(me!));
    if (!holdsWholeWorkload(coverage)) throw new AppError('FORBIDDEN', 'this cache does not hold every team’s tickets');
    return coverage;
  };
  return {
    'board.workload': () => repos.board.workload(now(), allowed(), presence.people()),
    'board.tickets': ({ figure, at, limit }) => {
      allowed();
      return repos.board.tickets(figure, at, limit);
    },
    'board.escalations': ({ limit }) => {
      allowed();
      return repos.board.escalations(now(), limit);
    },
  };
}
