import { sql, type Db } from '../store/database';
import { actionsOfYear, withoutId, type ActionSummary } from './actionRows';

export type { ActionSummary, Place } from './actionRows';

export type PlanStatus = 'draft' | 'agreed' | 'assessed';

export interface PlanHeader {
  year: number;
  status: PlanStatus;
  agreedActionCount: number | null;
  agreedAt: string | null;
  agreedPlace: string | null;
}

export interface PlanView extends PlanHeader {
  actions: ActionSummary[];
}

export function listPlanYears(db: Db): number[] {
  return (sql(db, 'SELECT year FROM plans ORDER BY year').all() as Array<{ year: number }>).map((row) => row.year);
}

export function getPlanHeader(db: Db, year: number): PlanHeader | null {
  const plan = sql(
    db,
    'SELECT year, status, agreed_action_count AS agreedActionCount, agreed_at AS agreedAt, agreed_place AS agreedPlace FROM plans WHERE year = ?',
  ).get(year) as PlanHeader | undefined;
  return plan ?? null;
}

/** One year's plan with every action, in reference order; null when the year has no plan. */
export function getPlanView(db: Db, year: number): PlanView | null {
  const plan = getPlanHeader(db, year);
  if (!plan) return null;
  return { ...plan, actions: actionsOfYear(db, year).map(withoutId) };
}

/** The plan a reader most likely means: this year's when it exists, else the most recent one. */
export function defaultPlanYear(db: Db, today: Date): number | null {
  const years = listPlanYears(db);
  if (years.length === 0) return null;
  const current = today.getUTCFullYear();
  return years.includes(current) ? current : Math.max(...years);
}
