import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import { listMigrations, type Migration } from '../store/migrate';
import { BackupError, verifyStoreFile, type MainTable } from './backup';

export type RefusalReason = 'store_in_use' | 'bad_backup' | 'same_file';

export class RestoreRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

export interface RestoreReport {
  store: string;
  restoredFrom: string;
  schemaVersion: number;
  /** The newest schema this build knows; an older restored store is migrated at the next start. */
  newestSchemaVersion: number;
  rowCounts: Partial<Record<MainTable, number>>;
  /** Where the previous store's files went (never deleted); empty when there was none. */
  movedAside: string[];
}

const STORE_FILES = ['', '-wal', '-shm', '-journal'];

/**
 * An exclusive lock on a store file, held until release(). A connection in WAL mode (the
 * server's, the backup command's, a sqlite3 shell) holds a shared lock on the file for as long
 * as it is open, even idle, so the lock is refused while any process has the store open. In
 * exclusive locking mode SQLite keeps the lock after the transaction, and never uses the -shm
 * file; the lock stays with the file when it is renamed.
 */
interface FileLock {
  release(): void;
}

type LockResult = { kind: 'locked'; lock: FileLock } | { kind: 'in_use'; message: string } | { kind: 'not_a_store'; message: string };

function lockExclusively(file: string): LockResult {
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return { kind: 'locked', lock: { release: () => db.close() } };
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { kind: 'in_use', message: (error as Error).message };
    if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) return { kind: 'not_a_store', message: (error as Error).message };
    throw error;
  }
}

const inUse = (store: string) =>
  new RestoreRefused('store_in_use', `${store} is open in another process (a running server, or a backup under way): stop it first. Nothing was changed.`);

/** 2026-12-02T031500Z: UTC to the second, sortable. */
const stamp = (at: Date) => at.toISOString().replace(/[:]/g, '').replace(/\.\d{3}Z$/, 'Z');

function freeName(base: string): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (STORE_FILES.every((suffix) => !fs.existsSync(candidate + suffix))) return candidate;
  }
}

const sameFile = (a: string, b: string) => {
  try {
    const [sa, sb] = [fs.statSync(a), fs.statSync(b)];
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
};

/**
 * Puts a backup in place of the store. Refused, with nothing changed, while any process has the
 * store open, or when the backup is damaged, not a store, or of a schema newer than this build.
 * The backup is copied next to the store and checked there (so what is checked is what goes in
 * place); the current store's files are renamed to <store>.before-restore-<time> (never
 * deleted); then the copy is renamed to the store. Both files are locked throughout, so a server
 * starting meanwhile waits for the restore and then opens the restored store.
 */
export function restoreStore(storeFile: string, backupFile: string, options: { clock: Clock; migrations?: Migration[] }): RestoreReport {
  const store = path.resolve(storeFile);
  const backup = path.resolve(backupFile);
  if (!fs.existsSync(backup) || !fs.statSync(backup).isFile()) throw new RestoreRefused('bad_backup', `${backup} does not exist or is not a file`);
  if (sameFile(store, backup) || STORE_FILES.some((suffix) => store + suffix === backup)) {
    throw new RestoreRefused('same_file', `${backup} is the store itself: choose a backup file`);
  }
  const newest = Math.max(0, ...(options.migrations ?? listMigrations()).map((migration) => migration.version));
  const storeExists = fs.existsSync(store);

  // Refuse early, before copying a large file, when a server has the store open.
  if (storeExists) {
    const probe = lockExclusively(store);
    if (probe.kind === 'in_use') throw inUse(store);
    if (probe.kind === 'locked') probe.lock.release();
  }

  fs.mkdirSync(path.dirname(store), { recursive: true });
  const at = options.clock.now();
  const staging = freeName(`${store}.restoring-${stamp(at)}`);
  const removeStaging = () => STORE_FILES.forEach((suffix) => fs.rmSync(staging + suffix, { force: true }));
  let verified: ReturnType<typeof verifyStoreFile>;
  try {
    fs.copyFileSync(backup, staging);
    // A copy of a live store may come with its write-ahead log, which holds its latest commits.
    if (fs.existsSync(`${backup}-wal`)) fs.copyFileSync(`${backup}-wal`, `${staging}-wal`);
    fs.chmodSync(staging, 0o600);
    try {
      const copy = new Database(staging, { fileMustExist: true });
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
    } catch (error) {
      throw new BackupError(`${backup} cannot be opened as a SQLite store: ${(error as Error).message}`);
    }
    verified = verifyStoreFile(staging, { minSchemaVersion: 1, maxSchemaVersion: newest });
  } catch (error) {
    removeStaging();
    if (error instanceof BackupError) throw new RestoreRefused('bad_backup', `${error.message.replaceAll(staging, backup)}. Nothing was changed.`);
    throw error;
  }

  const locks: FileLock[] = [];
  try {
    const stagingLock = lockExclusively(staging);
    if (stagingLock.kind !== 'locked') throw new Error(`the checked copy ${staging} could not be locked: ${stagingLock.message}`);
    locks.push(stagingLock.lock);
    if (storeExists) {
      const storeLock = lockExclusively(store);
      if (storeLock.kind === 'in_use') throw inUse(store);
      // A store SQLite cannot read at all is open in no server: it is moved aside as it is.
      if (storeLock.kind === 'locked') locks.push(storeLock.lock);
    }
    const aside = freeName(`${store}.before-restore-${stamp(at)}`);
    const movedAside: string[] = [];
    for (const suffix of STORE_FILES) {
      if (!fs.existsSync(store + suffix)) continue;
      fs.renameSync(store + suffix, aside + suffix);
      movedAside.push(aside + suffix);
    }
    fs.renameSync(staging, store);
    return { store, restoredFrom: backup, schemaVersion: verified.schemaVersion, newestSchemaVersion: newest, rowCounts: verified.rowCounts, movedAside };
  } catch (error) {
    if (fs.existsSync(staging)) removeStaging();
    throw error;
  } finally {
    // The previous store's lock first: closing it writes its log into the file moved aside and
    // deletes <store>-wal by name, which no one can have created while the restored file is
    // still locked. Then the restored file's lock: a server waiting for it opens the restored store.
    for (const lock of locks.reverse()) lock.release();
  }
}
