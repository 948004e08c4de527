/** Every repository over one open database. */
import type { Database } from 'better-sqlite3';
import { createAccountsRepository } from './accounts/accounts.ts';
import { createArticlesRepository } from './knowledge/articles.ts';
import { createContactsRepository } from './accounts/contacts.ts';
import { createPortfolioRepository } from './accounts/portfolio.ts';
import { createTimelineRepository } from './accounts/timeline.ts';
import { createBoardRepository } from './board/board.ts';
import { createComplaintsRepository } from './complaints/complaints.ts';
import { createDashboardRepository } from './dashboard/dashboard.ts';
import { createDirectoryRepository } from './app/directory.ts';
import { createHealthRepository } from './accounts/health.ts';
import { createDraftsRepository } from './tickets/drafts.ts';
import { createMacrosRepository } from './macros/macros.ts';
import { createMetricsRepository } from './metrics/metrics.ts';
import { createQueuesRepository } from './views/queues.ts';
import { createSearchRepository } from './search/search.ts';
import { createSlaSettingsRepository } from './sla/sla-settings.ts';
import { createRoutingRepository } from './routing/routing-settings.ts';
import { createSettingsRepository } from './app/settings.ts';
import { createTasksRepository } from './tasks/tasks.ts';
import { createTicketsRepository } from './tickets/tickets.ts';
import type { ReadWorker } from '../db/read-worker.ts';

/** `reads`: Core's read worker, for the long reads that can run beside Core's thread (null: none). */
export function createRepositories(db: Database, { reads = null }: { reads?: ReadWorker | null } = {}) {
  const tickets = createTicketsRepository(db);
  const directory = createDirectoryRepository(db);
  return {
    tickets,
    accounts: createAccountsRepository(db, tickets),
    contacts: createContactsRepository(db, tickets),
    portfolio: createPortfolioRepository(db, () => directory.currentUserId()),
    timeline: createTimelineRepository(db),
    articles: createArticlesRepository(db),
    directory,
    health: createHealthRepository(db, directory),
    queues: createQueuesRepository(db, directory),
    drafts: createDraftsRepository(db, () => directory.currentUserId()),
    macros: createMacrosRepository(db, directory),
    settings: createSettingsRepository(db),
    sla: createSlaSettingsRepository(db),
    routing: createRoutingRepository(db, () => directory.currentUserId()),
    complaints: createComplaintsRepository(db),
    dashboard: createDashboardRepository(db),
    metrics: createMetricsRepository(db, { reads }),
    board: createBoardRepository(db),
    search: createSearchRepository(db),
    tasks: createTasksRepository(db, () => directory.currentUserId()),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
