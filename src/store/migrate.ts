import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './sqlite';
import { defineSchemaFunctions } from './schemaFunctions';

const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Migrations are files NNNN_name.sql; the number is the schema version they bring the store to. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file,
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the store to the newest schema; each migration and its version bump commit together.
 * Defines the schema's functions on this connection first: migrations and triggers call them.
 */
export function migrate(db: Db, migrations = listMigrations()): number[] {
  defineSchemaFunctions(db);
  // An older build would run on a newer schema without what that schema expects of the code
  // (since 0009, insertCompany writes the name indexes): refuse rather than store half a company.
  const newest = Math.max(0, ...migrations.map((migration) => migration.version));
  if (schemaVersion(db) > newest) throw new Error(`the store has schema version ${schemaVersion(db)}, newer than this build knows (${newest}): run the newer build`);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}
