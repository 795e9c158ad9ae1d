/**
 * npm run backup -- <file or directory>: an online, verified copy of the store at DB_PATH, also
 * while the server runs on it. The store is opened without migrating it: a newer build's command
 * must not change the schema under a server of the older build (a backup before an upgrade).
 */
import 'dotenv/config';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { backupStore } from '../src/operations/backup';
import { storePathOf } from '../src/operations/backupConfig';
import { appendAudit, SYSTEM_ACTOR } from '../src/audit/audit';
import { systemClock } from '../src/clock';
import { formatBytes, printRowCounts } from './operationsOutput';

async function main(): Promise<number> {
  const [argument, ...rest] = process.argv.slice(2);
  if (!argument || rest.length > 0) {
    process.stderr.write('usage: npm run backup -- <backup file, or a directory for cooperation-desk-<time>-manual.db>\n');
    return 1;
  }
  const store = storePathOf();
  if (!fs.existsSync(store)) {
    process.stderr.write(`There is no store at ${store} (DB_PATH): nothing to back up.\n`);
    return 1;
  }
  let target = path.resolve(argument);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    target = path.join(target, `cooperation-desk-${new Date().toISOString().replace(/[:]/g, '').replace(/\.\d{3}Z$/, 'Z')}-manual.db`);
  }
  if (fs.existsSync(target)) {
    process.stderr.write(`${target} exists: this command never overwrites a file, choose another name.\n`);
    return 1;
  }
  const db = new Database(store, { fileMustExist: true, timeout: 5000 });
  try {
    const report = await backupStore(db, target);
    try {
      db.transaction(() =>
        appendAudit(db, systemClock, { actor: SYSTEM_ACTOR, action: 'store.backed_up', subjectType: 'store', details: { file: path.basename(report.file), bytes: report.bytes, schemaVersion: report.schemaVersion, by: 'npm run backup' } }),
      ).immediate();
    } catch (error) {
      process.stderr.write(`The backup is good, but its audit entry could not be written: ${(error as Error).message}\n`);
    }
    process.stdout.write(
      `Backed up ${store}\n      to ${report.file}\n${formatBytes(report.bytes)}, schema version ${report.schemaVersion}, integrity ok, in ${(report.tookMs / 1000).toFixed(1)} s.\n`,
    );
    printRowCounts(report.rowCounts);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  } finally {
    db.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  },
);
