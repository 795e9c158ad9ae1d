import { sql, type Db } from './database';

/**
 * The next human reference of a kind for a year (AL-2026-0042, CJI-2026-007). Call it inside the
 * transaction that inserts the row, so a rolled-back insert gives its number back.
 */
export function nextReference(db: Db, prefix: string, year: number, digits: number): string {
  // Not one upsert ... RETURNING: inside a batch of writes (group commit) RETURNING made the
  // counter cost 28 µs instead of 6 µs for these three plain statements.
  const bumped = sql(db, 'UPDATE reference_counters SET value = value + 1 WHERE prefix = ? AND year = ?').run(prefix, year).changes;
  if (bumped === 0) sql(db, 'INSERT INTO reference_counters (prefix, year, value) VALUES (?, ?, 1)').run(prefix, year);
  const { value } = sql(db, 'SELECT value FROM reference_counters WHERE prefix = ? AND year = ?').get(prefix, year) as { value: number };
  return `${prefix}-${year}-${String(value).padStart(digits, '0')}`;
}
