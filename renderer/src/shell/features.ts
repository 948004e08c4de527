/**
 * Every feature with a page, in one list: the shell builds the routes and the sidebar from it. A new
 * screen is a new folder under features/ with a feature.tsx (see shell/feature.ts) and a line here.
 */
import { accountsFeature } from '../features/accounts/feature.tsx';
import { boardFeature } from '../features/board/feature.tsx';
import { complaintsFeature } from '../features/complaints/feature.tsx';
import { dashboardFeature } from '../features/dashboard/feature.tsx';
import { escalationsFeature } from '../features/escalations/feature.tsx';
import { inboxFeature } from '../features/inbox/feature.tsx';
import { knowledgeFeature } from '../features/knowledge/feature.tsx';
import { macrosFeature } from '../features/macros/feature.tsx';
import { metricsFeature } from '../features/metrics/feature.tsx';
import { myScheduleFeature, rosterFeature } from '../features/routing/feature.tsx';
import { settingsFeature } from '../features/settings/feature.tsx';
import { tasksFeature } from '../features/tasks/feature.tsx';
import { ticketFeature } from '../features/ticket/feature.tsx';

export const FEATURES = [
  inboxFeature,
  ticketFeature,
  accountsFeature,
  boardFeature,
  escalationsFeature,
  complaintsFeature,
  tasksFeature,
  dashboardFeature,
  metricsFeature,
  knowledgeFeature,
  macrosFeature,
  myScheduleFeature,
  rosterFeature,
  settingsFeature,
] as const;
