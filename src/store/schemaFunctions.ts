import type Database from 'better-sqlite3';
import { distinctiveNameWords } from '../companies/companyNames';

/**
 * SQL functions that the schema's triggers call. SQLite keeps them per connection, so every
 * connection that writes must define them: migrate() does, and every writer is migrated first.
 */
export function defineSchemaFunctions(db: Database.Database): void {
  db.function('company_name_words', { deterministic: true }, (name: unknown) =>
    JSON.stringify(typeof name === 'string' ? distinctiveNameWords(name) : []),
  );
}
