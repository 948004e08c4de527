/**
 * The job kinds every server instance runs, and the schedules it keeps. A new kind is defined next
 * to the rules it applies (defineJobKind) and listed here; a recurring one also gets a schedule.
 */
import { pruneSessionsHourly, pruneSessionsJob } from '../auth/prune-sessions.ts';
import { followTierJob, routeTeamJob, routingSweepEveryMinute, routingSweepJob, takeBackJob } from '../routing/routing-jobs.ts';
import { rosterSwapsEveryMinute, rosterSwapsJob } from '../roster/swap-jobs.ts';
import { slaBreachJob } from '../sla/sla-breach-job.ts';
import { slaRecomputeJob } from '../sla/sla-recompute-job.ts';
import { accountHealthDaily, accountHealthJob } from './account-health.ts';
import type { AnyJobKind, AnySchedule } from './job.ts';
import { onboardingCheckInJob, renewalPlaybookDaily, renewalPlaybookJob } from './playbooks.ts';

export const SERVER_JOB_KINDS: readonly AnyJobKind[] = [
  pruneSessionsJob,
  slaBreachJob,
  slaRecomputeJob,
  accountHealthJob,
  onboardingCheckInJob,
  renewalPlaybookJob,
  routeTeamJob,
  takeBackJob,
  followTierJob,
  routingSweepJob,
  rosterSwapsJob,
];

export const SERVER_SCHEDULES: readonly AnySchedule[] = [
  pruneSessionsHourly,
  accountHealthDaily,
  renewalPlaybookDaily,
  routingSweepEveryMinute,
  rosterSwapsEveryMinute,
];
