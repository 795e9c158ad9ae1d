import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/database';
import { schemaVersion } from '../store/migrate';

/** The tables a backup or restore report counts: what a contact point checks at a glance. */
export const MAIN_TABLES = ['alerts', 'alert_responses', 'companies', 'inspections', 'plans', 'actions', 'action_updates', 'outbox', 'audit_log', 'users'] as const;
export type MainTable = (typeof MAIN_TABLES)[number];

export interface BackupReport {
  /** Absolute path of the verified copy. */
  file: string;
  bytes: number;
  schemaVersion: number;
  rowCounts: Partial<Record<MainTable, number>>;
  tookMs: number;
}

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

export interface BackupOptions {
  /**
   * Pages copied per turn of the event loop (default 1000, 4 MiB): requests run in between. Once
   * the copy had to restart (another connection wrote to the store), the rest goes in one step.
   */
  pagesPerStep?: number;
  /** Aborts the copy between two steps (the app is stopping); the partial copy is deleted. */
  signal?: AbortSignal;
  /** Tests only: called with the copy before it is verified, to damage it. */
  beforeVerify?: (copy: string) => void;
}

const COPY_SUFFIXES = ['', '-wal', '-shm', '-journal'];
const removeCopy = (file: string) =>
  COPY_SUFFIXES.forEach((suffix) => {
    try {
      fs.rmSync(file + suffix, { force: true });
    } catch {
      // Nothing there to remove (the directory could not be made, for one).
    }
  });

/** Rows per main table present in the store (a table an older schema lacks is left out). */
export function countRows(db: Database.Database): Partial<Record<MainTable, number>> {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((row) => row.name));
  const counts: Partial<Record<MainTable, number>> = {};
  for (const table of MAIN_TABLES) {
    if (tables.has(table)) counts[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  }
  return counts;
}

export interface VerifiedStore {
  schemaVersion: number;
  rowCounts: Partial<Record<MainTable, number>>;
}

/**
 * Opens a store file read-only and checks it: PRAGMA integrity_check must answer 'ok' and the
 * schema version must be the expected one (or within bounds). Throws a BackupError saying what
 * is wrong; never changes the file.
 */
export function verifyStoreFile(file: string, expect: { schemaVersion?: number; minSchemaVersion?: number; maxSchemaVersion?: number } = {}): VerifiedStore {
  let copy: Database.Database;
  try {
    copy = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a SQLite store: ${(error as Error).message}`, { cause: error });
  }
  try {
    let problems: string[];
    try {
      problems = (copy.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
    } catch (error) {
      throw new BackupError(`${file} failed the integrity check: ${(error as Error).message}`, { cause: error });
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupError(`${file} failed the integrity check: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`);
    }
    const version = schemaVersion(copy);
    if (expect.schemaVersion !== undefined && version !== expect.schemaVersion) {
      throw new BackupError(`${file} has schema version ${version}, the store it was copied from ${expect.schemaVersion}`);
    }
    if (expect.minSchemaVersion !== undefined && version < expect.minSchemaVersion) {
      throw new BackupError(`${file} has schema version ${version}: not a Cooperation Desk store`);
    }
    if (expect.maxSchemaVersion !== undefined && version > expect.maxSchemaVersion) {
      throw new BackupError(`${file} has schema version ${version}, newer than this build knows (${expect.maxSchemaVersion}): restore it with the newer build`);
    }
    return { schemaVersion: version, rowCounts: countRows(copy) };
  } finally {
    copy.close();
  }
}

function fsyncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Not every platform can sync a directory; the file itself is synced by SQLite.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/**
 * Copies the store online with SQLite's backup API: the app keeps serving and writing, and the
 * copy is one consistent state of the store (SQLite restarts a copy another connection wrote
 * under, and carries the writes of this connection into it). The copy is written next to the
 * target, turned into a single self-contained file (rollback journal instead of WAL), readable
 * by its owner only (it holds personal data), verified, and only then renamed to the target: a
 * file under the target name is always a verified backup. A failed copy or verification deletes
 * the partial copy and throws a BackupError.
 */
export async function backupStore(db: Db, targetFile: string, options: BackupOptions = {}): Promise<BackupReport> {
  const started = Date.now();
  const target = path.resolve(targetFile);
  const source = db.name && db.name !== ':memory:' ? path.resolve(db.name) : null;
  if (source && COPY_SUFFIXES.some((suffix) => source + suffix === target)) throw new BackupError(`${target} is the store itself: choose another file`);
  const partial = `${target}.partial-${process.pid}`;
  const pagesPerStep = Math.max(1, options.pagesPerStep ?? 1000);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    removeCopy(partial);
    let restarted = false;
    let lastRemaining = Number.POSITIVE_INFINITY;
    await db.backup(partial, {
      progress: ({ remainingPages }) => {
        if (options.signal?.aborted) throw new BackupError('the backup was stopped: the app is stopping');
        if (remainingPages > lastRemaining) restarted = true;
        lastRemaining = remainingPages;
        return restarted ? 0x7fffffff : pagesPerStep;
      },
    });
    const expectedVersion = schemaVersion(db);
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fs.chmodSync(partial, 0o600);
    options.beforeVerify?.(partial);
    const verified = verifyStoreFile(partial, { schemaVersion: expectedVersion });
    fs.renameSync(partial, target);
    fsyncDirectory(path.dirname(target));
    return { file: target, bytes: fs.statSync(target).size, schemaVersion: verified.schemaVersion, rowCounts: verified.rowCounts, tookMs: Date.now() - started };
  } catch (error) {
    removeCopy(partial);
    if (error instanceof BackupError) throw new BackupError(`backup to ${target} failed, the copy was deleted: ${error.message}`, { cause: error });
    throw new BackupError(`backup to ${target} failed: ${(error as Error).message}`, { cause: error });
  }
}
