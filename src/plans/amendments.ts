import { sql, type Db } from '../store/database';
import type { Member } from '../identity/members';

export type AmendmentKind = 'added' | 'cancelled';

export interface Amendment {
  ref: string;
  title: string;
  kind: AmendmentKind;
  at: string;
  authorityShortName: string | null;
}

/**
 * Records a change to an agreed plan (an action added or cancelled after the agreement), inside
 * the transaction of the change. Drafts change freely: nothing is recorded for them.
 */
export function recordAmendmentIfAgreed(db: Db, change: { year: number; ref: string; kind: AmendmentKind; member: Member; at: string }): boolean {
  const plan = sql(db, 'SELECT status FROM plans WHERE year = ?').get(change.year) as { status: string } | undefined;
  if (plan?.status !== 'agreed') return false;
  sql(db, 'INSERT INTO plan_amendments (plan_year, action_ref, kind, by_user_id, authority_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    change.year,
    change.ref,
    change.kind,
    change.member.userId,
    change.member.authority.id,
    change.at,
  );
  return true;
}

/** The amendments of a year's plan, oldest first, with the action's title as it is now. */
export function listAmendments(db: Db, year: number): Amendment[] {
  return sql(
    db,
    `SELECT m.action_ref AS ref, COALESCE(a.title, '') AS title, m.kind, m.at, au.short_name AS authorityShortName
       FROM plan_amendments m LEFT JOIN actions a ON a.ref = m.action_ref LEFT JOIN authorities au ON au.id = m.authority_id
      WHERE m.plan_year = ? ORDER BY m.id`,
  ).all(year) as Amendment[];
}
