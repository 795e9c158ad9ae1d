import { sql, type Db } from '../store/database';

/**
 * A fingerprint of a year's plan that changes with every write to it: a new action, a status
 * change, a note (each raises the action's version), and in the annual cycle a proposal made,
 * joined, supported or decided (each raises the proposal's version), a state's endorsement, an
 * amendment and the freezing of the assessment. Live views compare it instead of being told, so a
 * change made by any process sharing the store is seen.
 */
export function planStamp(db: Db, year: number): string {
  const row = sql(
    db,
    `SELECT count(*) AS actions, COALESCE(sum(version), 0) AS versions, COALESCE(max(updated_at), '') AS latest,
            (SELECT status FROM plans WHERE year = @year) AS planStatus,
            (SELECT count(*) || '.' || COALESCE(sum(version), 0) FROM proposals WHERE plan_year = @year) AS proposals,
            (SELECT count(*) FROM plan_endorsements WHERE plan_year = @year) AS endorsements,
            (SELECT count(*) FROM plan_amendments WHERE plan_year = @year) AS amendments,
            (SELECT count(*) FROM plan_assessments WHERE plan_year = @year) AS assessed
       FROM actions WHERE plan_year = @year`,
  ).get({ year }) as { actions: number; versions: number; latest: string; planStatus: string | null; proposals: string; endorsements: number; amendments: number; assessed: number };
  return `${row.planStatus ?? 'none'}:${row.actions}:${row.versions}:${row.latest}:${row.proposals}:${row.endorsements}:${row.amendments}:${row.assessed}`;
}
