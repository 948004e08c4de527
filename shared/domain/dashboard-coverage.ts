/**
 * What the dashboard's figures cover. The console counts its own cache, and the cache holds only
 * what its person may see (shared/sync/scopes.ts): every ticket for supervisors and admins, the
 * tickets of one's teams for an agent, those of one's accounts (and teams) for an account manager.
 * The dashboard says which, and compares a person's open tickets with their capacity only when the
 * cache holds all of that person's tickets (docs/metrics.md).
 */
import { overseesAll, receivesOwnedAccounts } from '../sync/scopes.ts';
import type { Role } from './enums.ts';

export const DASHBOARD_COVERAGES = ['device', 'every_team', 'your_teams', 'your_accounts', 'your_teams_and_accounts'] as const;
export type DashboardCoverage = (typeof DASHBOARD_COVERAGES)[number];

/** The signed-in person as far as coverage goes; null when the console has no server (the cache is all there is). */
export interface CoverageViewer {
  role: Role;
  teamIds: readonly string[];
  ownsAccounts: boolean;
}

export function dashboardCoverage(viewer: CoverageViewer | null): DashboardCoverage {
  if (viewer === null) return 'device';
  if (overseesAll(viewer.role)) return 'every_team';
  const teams = viewer.teamIds.length > 0;
  const accounts = receivesOwnedAccounts(viewer.role) && viewer.ownsAccounts;
  if (teams && accounts) return 'your_teams_and_accounts';
  return accounts ? 'your_accounts' : 'your_teams';
}

/** Whether each person's open tickets in the cache are all of their open tickets (so capacity applies). */
export function holdsWholeWorkload(coverage: DashboardCoverage): boolean {
  return coverage === 'device' || coverage === 'every_team';
}
