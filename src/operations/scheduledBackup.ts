import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/database';
import { inTransaction } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit';
import { log } from '../log';
import { backupStore, type BackupOptions, type BackupReport } from './backup';
import type { BackupConfig } from './backupConfig';

/** The last scheduled backup as the process saw it, for /healthz and /metrics. */
export interface BackupStatus {
  /** When the last run ended (ISO); null before the first run of this process. */
  lastRunAt: string | null;
  lastOutcome: 'ok' | 'failed' | null;
  /** Why the last run failed; null when it succeeded. */
  lastError: string | null;
  /** When the newest backup of this process was written (ISO), and where, and its size. */
  lastSuccessAt: string | null;
  lastFile: string | null;
  lastBytes: number | null;
}

export interface BackupTracker {
  status(): Readonly<BackupStatus>;
  recordSuccess(at: Date, report: BackupReport): void;
  recordFailure(at: Date, error: string): void;
}

export function createBackupTracker(): BackupTracker {
  const state: BackupStatus = { lastRunAt: null, lastOutcome: null, lastError: null, lastSuccessAt: null, lastFile: null, lastBytes: null };
  return {
    status: () => ({ ...state }),
    recordSuccess(at, report) {
      Object.assign(state, { lastRunAt: at.toISOString(), lastOutcome: 'ok', lastError: null, lastSuccessAt: at.toISOString(), lastFile: report.file, lastBytes: report.bytes });
    },
    recordFailure(at, error) {
      Object.assign(state, { lastRunAt: at.toISOString(), lastOutcome: 'failed', lastError: error });
    },
  };
}

/** True when the last scheduled backup failed: /healthz reports the app as degraded then. */
export const backupIsFailing = (status: Readonly<BackupStatus>): boolean => status.lastOutcome === 'failed';

const PREFIX = 'cooperation-desk-';
const OWN_FILE = /^cooperation-desk-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})Z\.db$/;

/** cooperation-desk-2026-12-02T0315Z.db: UTC to the minute, so names sort by time. */
export function backupFileName(at: Date): string {
  const iso = at.toISOString();
  return `${PREFIX}${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z.db`;
}

/** The time in one of the schedule's own file names; null for any other file. */
export function backupTimeOf(fileName: string): Date | null {
  const match = OWN_FILE.exec(fileName);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number);
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute));
  return backupFileName(at) === fileName ? at : null;
}

/** The schedule's own backups in dir, oldest first; other files are not the schedule's business. */
export function listScheduledBackups(dir: string): Array<{ file: string; at: Date }> {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((name) => ({ name, at: backupTimeOf(name) }))
    .filter((entry): entry is { name: string; at: Date } => entry.at !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map(({ name, at }) => ({ file: path.join(dir, name), at }));
}

/** A run up to this long before the scheduled time counts as that day's (a timer firing early, a start just before). */
const SLACK_MS = 2 * 60_000;

/**
 * Whether a backup is due: none of the existing backups was taken at (or just before) the latest
 * scheduled time. Decided from the files, so a start after a missed time catches up once, and a
 * restart after the day's backup does not take another.
 */
export function isBackupDue(now: Date, time: BackupConfig['time'], existing: Date[]): boolean {
  const horizon = new Date(now.getTime() + SLACK_MS);
  let scheduled = Date.UTC(horizon.getUTCFullYear(), horizon.getUTCMonth(), horizon.getUTCDate(), time.hour, time.minute);
  if (scheduled > horizon.getTime()) scheduled -= 86_400_000;
  return !existing.some((at) => at.getTime() >= scheduled - SLACK_MS);
}

export interface ScheduledBackupOptions {
  db: Db;
  clock: Clock;
  dir: string;
  /** How many of its own backups to keep in dir, newest first (default 14). */
  keep?: number;
  tracker?: BackupTracker;
  backup?: BackupOptions;
}

export type ScheduledBackupResult = { ok: true; report: BackupReport; removed: string[] } | { ok: false; error: string };

function auditSafely(db: Db, clock: Clock, action: string, details: Record<string, unknown>): void {
  try {
    inTransaction(db, () => appendAudit(db, clock, { actor: SYSTEM_ACTOR, action, subjectType: 'store', details }));
  } catch (error) {
    log.error('store.backup_audit_failed', { action, error: error as Error });
  }
}

/**
 * One scheduled backup: a verified copy named by the time, then only the newest `keep` of the
 * schedule's own files are kept (nothing else in dir is touched). Logged, audited and recorded
 * in the tracker; a failure is returned, not thrown, once it has been logged as an error.
 */
export async function runScheduledBackup(options: ScheduledBackupOptions): Promise<ScheduledBackupResult> {
  const { db, clock, dir } = options;
  const keep = Math.max(1, options.keep ?? 14);
  const at = clock.now();
  const target = path.join(dir, backupFileName(at));
  let report: BackupReport;
  try {
    report = await backupStore(db, target, options.backup);
  } catch (error) {
    const message = (error as Error).message;
    log.error('store.backup_failed', { error: error as Error });
    options.tracker?.recordFailure(clock.now(), message);
    auditSafely(db, clock, 'store.backup_failed', { file: path.basename(target), error: message });
    return { ok: false, error: message };
  }
  const removed: string[] = [];
  let own: Array<{ file: string; at: Date }> = [];
  try {
    own = listScheduledBackups(dir);
  } catch (error) {
    log.warn('store.backup_prune_failed', { error: error as Error });
  }
  for (const old of own.slice(0, Math.max(0, own.length - keep))) {
    try {
      fs.rmSync(old.file);
      removed.push(old.file);
    } catch (error) {
      log.warn('store.backup_prune_failed', { file: path.basename(old.file), error: error as Error });
    }
  }
  log.info('store.backed_up', { file: report.file, bytes: report.bytes, tookMs: report.tookMs, removed: removed.length });
  options.tracker?.recordSuccess(clock.now(), report);
  auditSafely(db, clock, 'store.backed_up', {
    file: path.basename(report.file),
    bytes: report.bytes,
    schemaVersion: report.schemaVersion,
    removed: removed.map((file) => path.basename(file)),
  });
  return { ok: true, report, removed };
}

/** The shape of a job the process schedules (ScheduledJob in the Teams adapter): croner pattern in UTC. */
export interface BackupJob {
  name: string;
  pattern: string;
  run(signal: AbortSignal): Promise<ScheduledBackupResult | { skipped: string }>;
}

/**
 * The daily backup as a scheduled job, or null when BACKUP_DIR is not set. The process runs every
 * job at start as well: this one then backs up only if that day's backup is missing.
 */
export function scheduledBackupJob(deps: { db: Db; clock: Clock }, config: BackupConfig, tracker: BackupTracker): BackupJob | null {
  const dir = config.dir;
  if (!dir) return null;
  return {
    name: 'store-backup',
    pattern: `${config.time.minute} ${config.time.hour} * * *`,
    async run(signal) {
      if (signal.aborted) return { skipped: 'stopping' };
      // A directory that cannot be read is not a reason to skip: the run then fails, and says why.
      let existing: Date[] = [];
      try {
        existing = listScheduledBackups(dir).map((backup) => backup.at);
      } catch {
        existing = [];
      }
      if (!isBackupDue(deps.clock.now(), config.time, existing)) return { skipped: 'not due' };
      return runScheduledBackup({ db: deps.db, clock: deps.clock, dir, keep: config.keep, tracker, backup: { signal } });
    },
  };
}
