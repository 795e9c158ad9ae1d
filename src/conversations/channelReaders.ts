import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';

/** Teams refreshes a card by itself for at most this many users (`refresh.userIds`). */
export const TEAMS_REFRESH_USER_LIMIT = 60;

/**
 * The people who act in the cooperation channel, by their Teams id ("29:..."), newest first: the
 * readers Teams asks for their own view of each channel card. Only the id and when they were last
 * active are kept.
 */
export function recordChannelReader(db: Db, clock: Clock, teamsUserId: string): void {
  sql(
    db,
    `INSERT INTO channel_readers (teams_user_id, last_active_at) VALUES (?, ?)
     ON CONFLICT(teams_user_id) DO UPDATE SET last_active_at = excluded.last_active_at WHERE excluded.last_active_at > channel_readers.last_active_at`,
  ).run(teamsUserId, clock.now().toISOString());
}

/** The most recently active readers, newest first, at most Teams' automatic-refresh limit. */
export function recentChannelReaders(db: Db): string[] {
  return (sql(db, `SELECT teams_user_id AS id FROM channel_readers ORDER BY last_active_at DESC, teams_user_id LIMIT ${TEAMS_REFRESH_USER_LIMIT}`).all() as Array<{ id: string }>).map(
    (row) => row.id,
  );
}
