/** Every schema step in order. Append only: a released migration is never edited or removed. */
import { migration001 } from './001_initial.ts';
import { migration002 } from './002_sync.ts';
import { migration003 } from './003_presence.ts';
import { migration004 } from './004_drafts.ts';
import { migration005 } from './005_view_counts.ts';
import { migration006 } from './006_directory_search.ts';
import { migration007 } from './007_event_actors.ts';
import { migration008 } from './008_events_as_data.ts';
import { migration009 } from './009_outbox_hold.ts';
import { migration010 } from './010_ticket_numbers.ts';
import { migration011 } from './011_sla_settings.ts';
import { migration012 } from './012_ticket_sla.ts';
import { migration013 } from './013_tasks.ts';
import { migration014 } from './014_account_health.ts';
import { migration015 } from './015_account_room.ts';
import { migration016 } from './016_sla_notices.ts';
import { migration017 } from './017_routing.ts';
import { migration018 } from './018_complaints.ts';
import { migration019 } from './019_metrics_read.ts';
import { migration020 } from './020_pull_and_tiers.ts';
import { migration021 } from './021_roster_planning.ts';
import { migration022 } from './022_team_arrivals.ts';
import { migration023 } from './023_board_tickets.ts';
import { migration024 } from './024_folded_logs.ts';
import { migration025 } from './025_folded_clock_steps.ts';
import { migration026 } from './026_sla_fact_indexes.ts';
import type { Migration } from './types.ts';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
  migration019,
  migration020,
  migration021,
  migration022,
  migration023,
  migration024,
  migration025,
  migration026,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
