/**
 * npm run restore -- <backup file>: puts a backup in place of the store at DB_PATH. Refused while
 * any process has the store open (exit 2) or when the backup is unusable (exit 3); the current
 * store is moved aside, never deleted. See src/operations/restore.ts.
 */
import 'dotenv/config';
import { storePathOf } from '../src/operations/backupConfig';
import { restoreStore, RestoreRefused } from '../src/operations/restore';
import { systemClock } from '../src/clock';
import { printRowCounts } from './operationsOutput';

const EXIT = { usage: 1, failed: 1, storeInUse: 2, badBackup: 3 } as const;

function main(): number {
  const [backup, ...rest] = process.argv.slice(2);
  if (!backup || rest.length > 0) {
    process.stderr.write('usage: npm run restore -- <backup file>   (restores into DB_PATH; stop the server first)\n');
    return EXIT.usage;
  }
  const store = storePathOf();
  try {
    const report = restoreStore(store, backup, { clock: systemClock });
    process.stdout.write(`Restored ${report.store}\n    from ${report.restoredFrom} (schema version ${report.schemaVersion}, integrity ok).\n`);
    if (report.schemaVersion < report.newestSchemaVersion) process.stdout.write(`The next start migrates it to schema version ${report.newestSchemaVersion}.\n`);
    process.stdout.write(report.movedAside.length > 0 ? `The previous store was moved aside, not deleted:\n${report.movedAside.map((file) => `  ${file}\n`).join('')}` : 'There was no previous store.\n');
    printRowCounts(report.rowCounts);
    process.stdout.write('Start the server: at start, retention deletes again what it had deleted since the backup was taken.\n');
    return 0;
  } catch (error) {
    if (error instanceof RestoreRefused) {
      process.stderr.write(`Restore refused: ${error.message}\n`);
      return error.reason === 'store_in_use' ? EXIT.storeInUse : EXIT.badBackup;
    }
    process.stderr.write(`Restore failed: ${(error as Error).stack ?? error}\n`);
    return EXIT.failed;
  }
}

process.exitCode = main();
