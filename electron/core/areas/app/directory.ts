/** People and teams, and who "me" is: the user this console's cache belongs to (sync_state). */
import type { Database } from 'better-sqlite3';
import type { Team, User } from '../../../../shared/domain/records.ts';
import { type Row, toTeam, toUser } from '../../repositories/rows.ts';

const USER_SELECT = `SELECT u.*, (SELECT json_group_array(team_id) FROM (SELECT team_id FROM user_teams WHERE user_id = u.id ORDER BY position)) AS team_ids FROM users u`;

export function createDirectoryRepository(db: Database) {
  const meId = db.prepare<[], { user_id: string | null }>('SELECT user_id FROM sync_state WHERE id = 1');
  const users = db.prepare(`${USER_SELECT} ORDER BY u.name, u.id`);
  const user = db.prepare(`${USER_SELECT} WHERE u.id = ?`);
  const teams = db.prepare('SELECT * FROM teams ORDER BY name, id');
  const myTeamIds = db.prepare<[string], { team_id: string }>('SELECT team_id FROM user_teams WHERE user_id = ? ORDER BY position');

  return {
    currentUserId(): string | null {
      return meId.get()?.user_id ?? null;
    },
    myTeamIds(): string[] {
      const id = meId.get()?.user_id;
      return id ? myTeamIds.all(id).map((r) => r.team_id) : [];
    },
    get(): { me: User | null; users: User[]; teams: Team[] } {
      const id = meId.get()?.user_id;
      const me = id ? (user.get(id) as Row | undefined) : undefined;
      return { me: me ? toUser(me) : null, users: (users.all() as Row[]).map(toUser), teams: (teams.all() as Row[]).map(toTeam) };
    },
  };
}

export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;
