/**
 * The staffing forecast reads a team's arrivals over up to 52 weeks (docs/routing.md, "Forecast"):
 * a team's tickets by creation instant, with their channel, from the index alone. Without it the
 * read walked the team's whole updated-order index and every row: seconds at 1M tickets.
 */
import type { Migration } from './types.ts';

const sql = `CREATE INDEX tickets_team_created ON tickets(team_id, created_at, channel);`;

export const migration022: Migration = { version: 22, name: 'team_arrivals', up: (db) => db.exec(sql) };
