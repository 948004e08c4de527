/** Every repository over one open database. */
import type { Database } from 'better-sqlite3';
import { createAccountsRepository } from './accounts.ts';
import { createArticlesRepository } from './articles.ts';
import { createContactsRepository } from './contacts.ts';
import { createDashboardRepository } from './dashboard.ts';
import { createDirectoryRepository } from './directory.ts';
import { createDraftsRepository } from './drafts.ts';
import { createMacrosRepository } from './macros.ts';
import { createQueuesRepository } from './queues.ts';
import { createSearchRepository } from './search.ts';
import { createSettingsRepository } from './settings.ts';
import { createTicketsRepository } from './tickets.ts';

export function createRepositories(db: Database) {
  const tickets = createTicketsRepository(db);
  const directory = createDirectoryRepository(db);
  return {
    tickets,
    accounts: createAccountsRepository(db, tickets),
    contacts: createContactsRepository(db, tickets),
    articles: createArticlesRepository(db),
    directory,
    queues: createQueuesRepository(db, directory),
    drafts: createDraftsRepository(db, () => directory.currentUserId()),
    macros: createMacrosRepository(db, directory),
    settings: createSettingsRepository(db),
    dashboard: createDashboardRepository(db),
    search: createSearchRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
