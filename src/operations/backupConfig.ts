import path from 'node:path';
import { z } from 'zod';

/** The store file when DB_PATH is not set (as the server's configuration). */
export const DEFAULT_STORE_PATH = './data/cooperation-desk.db';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** The backup settings' environment variables, as a zod shape the server's configuration can take in. */
export const backupEnvShape = {
  BACKUP_DIR: z.preprocess(emptyToUndefined, z.string().trim().optional()),
  BACKUP_TIME: z.preprocess(emptyToUndefined, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a UTC time HH:MM, such as 03:15').default('03:15')),
  BACKUP_KEEP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(14)),
};

export interface BackupConfig {
  /** Where scheduled backups go (absolute); null: no scheduled backups. */
  dir: string | null;
  /** The daily time of the scheduled backup, UTC. */
  time: { hour: number; minute: number };
  /** How many of its own backups the schedule keeps in dir. */
  keep: number;
}

export class BackupConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BackupConfigError';
  }
}

/** Reads and checks BACKUP_DIR, BACKUP_TIME and BACKUP_KEEP; every bad value is named. */
export function loadBackupConfig(env: NodeJS.ProcessEnv = process.env): BackupConfig {
  const parsed = z.object(backupEnvShape).safeParse(env);
  if (!parsed.success) throw new BackupConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const [hour, minute] = parsed.data.BACKUP_TIME.split(':').map(Number);
  return { dir: parsed.data.BACKUP_DIR ? path.resolve(parsed.data.BACKUP_DIR) : null, time: { hour, minute }, keep: parsed.data.BACKUP_KEEP };
}

/** The store file the backup and restore commands work on: DB_PATH, or the server's default. */
export function storePathOf(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DB_PATH?.trim() || DEFAULT_STORE_PATH);
}
