import { sql, type Db } from '../store/database';

/**
 * A fingerprint of a year's plan that changes with every write to it: a new action, a status
 * change, a note (each raises the action's version). Live views compare it instead of being told,
 * so a change made by any process sharing the store is seen.
 */
export function planStamp(db: Db, year: number): string {
  const row = sql(
    db,
    `SELECT count(*) AS actions, COALESCE(sum(version), 0) AS versions, COALESCE(max(updated_at), '') AS latest,
            (SELECT status FROM plans WHERE year = @year) AS planStatus
       FROM actions WHERE plan_year = @year`,
  ).get({ year }) as { actions: number; versions: number; latest: string; planStatus: string | null };
  return `${row.planStatus ?? 'none'}:${row.actions}:${row.versions}:${row.latest}`;
}
