import { sql, type Db } from './database';

/**
 * The next human reference of a kind for a year (AL-2026-0042, CJI-2026-007). Call it inside the
 * transaction that inserts the row, so a rolled-back insert gives its number back.
 */
export function nextReference(db: Db, prefix: string, year: number, digits: number): string {
  const { value } = sql(
    db,
    `INSERT INTO reference_counters (prefix, year, value) VALUES (?, ?, 1)
     ON CONFLICT(prefix, year) DO UPDATE SET value = value + 1 RETURNING value`,
  ).get(prefix, year) as { value: number };
  return `${prefix}-${year}-${String(value).padStart(digits, '0')}`;
}
