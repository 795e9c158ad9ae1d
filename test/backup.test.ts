import { expect } from 'chai';
import Database from 'better-sqlite3';
import { Cron } from 'croner';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/database';
import { listMigrations, schemaVersion } from '../src/store/migrate';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { loadDemoData } from '../src/demo/loadDemoData';
import { listAudit } from '../src/audit/audit';
import { backupStore, BackupError, MAIN_TABLES, verifyStoreFile } from '../src/operations/backup';
import { BackupConfigError, loadBackupConfig, storePathOf } from '../src/operations/backupConfig';
import {
  backupFileName,
  backupIsFailing,
  backupTimeOf,
  createBackupTracker,
  isBackupDue,
  listScheduledBackups,
  runScheduledBackup,
  scheduledBackupJob,
} from '../src/operations/scheduledBackup';
import { manualClock } from './helpers/people';
import { snapshotStore } from './helpers/storeSnapshot';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cooperation-desk-backup-'));

function demoStore(clock = manualClock('2026-03-02T10:00:00Z')): { db: Db; file: string } {
  const file = path.join(tempDir(), 'store.db');
  const db = openDatabase(file);
  syncParticipants(db, loadParticipants());
  loadDemoData(db, clock);
  return { db, file };
}

const count = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

/** Zeroes one page of a table's b-tree in a store file: SQLite's integrity check must notice. */
function zeroRootPageOf(file: string, table: string): void {
  const db = new Database(file, { readonly: true });
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (rootpage - 1) * pageSize);
  fs.closeSync(fd);
}

describe('backups', () => {
  describe('backupStore', () => {
    it('writes a verified single-file copy with the same data and reports its size, schema and row counts', async () => {
      const { db, file } = demoStore();
      const target = path.join(tempDir(), 'nested', 'copy.db');
      const report = await backupStore(db, target);
      expect(report.file).to.equal(target);
      expect(report.bytes).to.equal(fs.statSync(target).size).and.be.greaterThan(0);
      expect(report.schemaVersion).to.equal(schemaVersion(db)).and.equal(listMigrations().at(-1)!.version);
      for (const table of MAIN_TABLES) expect(report.rowCounts[table], table).to.equal(count(db, table));
      expect(report.rowCounts.actions).to.be.greaterThan(0);
      // Self-contained (no write-ahead log to carry along), readable by its owner only, nothing left behind.
      expect(fs.readdirSync(path.dirname(target))).to.deep.equal(['copy.db']);
      expect(fs.statSync(target).mode & 0o777).to.equal(0o600);
      const copy = new Database(target, { readonly: true });
      expect(copy.pragma('journal_mode', { simple: true })).to.equal('delete');
      expect(snapshotStore(copy)).to.deep.equal(snapshotStore(db));
      copy.close();
      db.close();
      expect(fs.existsSync(file)).to.equal(true);
    });

    it('deletes a copy that fails the integrity check, and says so', async () => {
      const { db } = demoStore();
      const dir = tempDir();
      const target = path.join(dir, 'copy.db');
      let error: unknown;
      await backupStore(db, target, { beforeVerify: (copy) => zeroRootPageOf(copy, 'actions') }).catch((e) => (error = e));
      expect(error).to.be.instanceOf(BackupError);
      expect((error as Error).message).to.match(/integrity check/).and.match(/copy was deleted/);
      expect(fs.readdirSync(dir)).to.deep.equal([]);
      db.close();
    });

    it('deletes a copy whose schema version is not the store\'s', async () => {
      const { db } = demoStore();
      const dir = tempDir();
      let error: unknown;
      await backupStore(db, path.join(dir, 'copy.db'), {
        beforeVerify: (copy) => {
          const c = new Database(copy);
          c.pragma('user_version = 1');
          c.close();
        },
      }).catch((e) => (error = e));
      expect((error as Error).message).to.match(new RegExp(`schema version 1, the store it was copied from ${schemaVersion(db)}`));
      expect(fs.readdirSync(dir)).to.deep.equal([]);
      db.close();
    });

    it('refuses to write over the store itself', async () => {
      const { db, file } = demoStore();
      const before = count(db, 'actions');
      let error: unknown;
      await backupStore(db, file).catch((e) => (error = e));
      expect((error as Error).message).to.match(/is the store itself/);
      expect(count(db, 'actions')).to.equal(before);
      db.close();
    });

    it('names a file that is not a store when verifying it', () => {
      const file = path.join(tempDir(), 'notes.db');
      fs.writeFileSync(file, 'these are not the pages you are looking for'.repeat(200));
      expect(() => verifyStoreFile(file)).to.throw(BackupError, /notes\.db/);
    });
  });

  describe('settings', () => {
    it('is off without BACKUP_DIR, daily at 03:15 UTC keeping 14 by default', () => {
      expect(loadBackupConfig({})).to.deep.equal({ dir: null, time: { hour: 3, minute: 15 }, keep: 14 });
      expect(loadBackupConfig({ BACKUP_DIR: ' ', BACKUP_TIME: '', BACKUP_KEEP: '' })).to.deep.equal({ dir: null, time: { hour: 3, minute: 15 }, keep: 14 });
      expect(loadBackupConfig({ BACKUP_DIR: 'backups', BACKUP_TIME: '23:05', BACKUP_KEEP: '30' })).to.deep.equal({ dir: path.resolve('backups'), time: { hour: 23, minute: 5 }, keep: 30 });
    });

    it('names every bad value', () => {
      let error: unknown;
      try {
        loadBackupConfig({ BACKUP_DIR: '/var/backups/desk', BACKUP_TIME: '3:15', BACKUP_KEEP: '0' });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(BackupConfigError);
      expect((error as BackupConfigError).problems.map((p) => p.split(':')[0])).to.deep.equal(['BACKUP_TIME', 'BACKUP_KEEP']);
      expect(() => loadBackupConfig({ BACKUP_TIME: '24:00' })).to.throw(/BACKUP_TIME/);
      expect(() => loadBackupConfig({ BACKUP_KEEP: 'many' })).to.throw(/BACKUP_KEEP/);
    });

    it('finds the store where the server does', () => {
      expect(storePathOf({})).to.equal(path.resolve('data/cooperation-desk.db'));
      expect(storePathOf({ DB_PATH: '/srv/desk/store.db' })).to.equal('/srv/desk/store.db');
    });
  });

  describe('the schedule', () => {
    it('names its files by UTC minute, sortable, and recognises only its own', () => {
      const at = new Date('2026-12-02T03:15:42.123Z');
      expect(backupFileName(at)).to.equal('cooperation-desk-2026-12-02T0315Z.db');
      expect(backupTimeOf('cooperation-desk-2026-12-02T0315Z.db')!.toISOString()).to.equal('2026-12-02T03:15:00.000Z');
      for (const other of ['cooperation-desk.db', 'cooperation-desk-2026-12-02T0315Z.db.partial-12', 'cooperation-desk-2026-02-30T0315Z.db', 'cooperation-desk-2026-12-02T031500Z-manual.db', 'notes.txt']) {
        expect(backupTimeOf(other), other).to.equal(null);
      }
      const names = ['2026-12-10T0315Z', '2026-11-30T2359Z', '2027-01-01T0000Z'].map((t) => `cooperation-desk-${t}.db`);
      expect([...names].sort()).to.deep.equal(names.map((n) => backupTimeOf(n)!).sort((a, b) => a.getTime() - b.getTime()).map(backupFileName));
    });

    it('is due once a day, at the time or at the first start after it', () => {
      const time = { hour: 3, minute: 15 };
      const at = (iso: string) => new Date(iso);
      // Never backed up: due at once.
      expect(isBackupDue(at('2026-12-02T10:00:00Z'), time, [])).to.equal(true);
      // Today's backup exists: a restart later that day takes none.
      expect(isBackupDue(at('2026-12-02T10:00:00Z'), time, [at('2026-12-02T03:15:00Z')])).to.equal(false);
      // Yesterday's only, and today's time has passed (the app was down at 03:15): catch up.
      expect(isBackupDue(at('2026-12-02T10:00:00Z'), time, [at('2026-12-01T03:15:00Z')])).to.equal(true);
      // Before today's time, yesterday's is the latest due.
      expect(isBackupDue(at('2026-12-02T02:00:00Z'), time, [at('2026-12-01T03:15:00Z')])).to.equal(false);
      // A timer firing a moment early still takes today's backup...
      expect(isBackupDue(at('2026-12-02T03:14:59.990Z'), time, [at('2026-12-01T03:15:00Z')])).to.equal(true);
      // ...and one taken at a start just before the time counts for it.
      expect(isBackupDue(at('2026-12-02T03:15:00.010Z'), time, [at('2026-12-02T03:14:00Z')])).to.equal(false);
    });

    it('keeps the newest BACKUP_KEEP of its own files, never touching other files, and audits each run', async () => {
      const clock = manualClock('2026-12-01T03:15:00Z');
      const { db } = demoStore(clock);
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'README.txt'), 'copies of the store');
      fs.writeFileSync(path.join(dir, 'cooperation-desk-2026-11-01T031500Z-manual.db'), 'a manual one');
      const tracker = createBackupTracker();
      for (let day = 0; day < 5; day++) {
        const result = await runScheduledBackup({ db, clock, dir, keep: 3, tracker });
        expect(result.ok).to.equal(true);
        expect(result.ok && result.removed.map((f) => path.basename(f))).to.deep.equal(day < 3 ? [] : [backupFileName(new Date(Date.parse('2026-12-01T03:15:00Z') + (day - 3) * 86_400_000))]);
        clock.advanceDays(1);
      }
      expect(fs.readdirSync(dir).sort()).to.deep.equal([
        'README.txt',
        'cooperation-desk-2026-11-01T031500Z-manual.db',
        'cooperation-desk-2026-12-03T0315Z.db',
        'cooperation-desk-2026-12-04T0315Z.db',
        'cooperation-desk-2026-12-05T0315Z.db',
      ]);
      // Each kept file is a complete copy as of its run: the audit entries of earlier runs are in it.
      const newest = new Database(path.join(dir, 'cooperation-desk-2026-12-05T0315Z.db'), { readonly: true });
      expect((newest.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'store.backed_up'").get() as { n: number }).n).to.equal(4);
      newest.close();
      const audit = listAudit(db, { action: 'store.backed_up' });
      expect(audit).to.have.length(5);
      expect(audit[4]).to.include({ userId: null, authorityId: null, subjectType: 'store' });
      expect(audit[4].details).to.include({ file: 'cooperation-desk-2026-12-05T0315Z.db', schemaVersion: schemaVersion(db) });
      expect(audit[4].details!.removed).to.deep.equal(['cooperation-desk-2026-12-02T0315Z.db']);
      expect(tracker.status()).to.deep.include({ lastOutcome: 'ok', lastError: null, lastRunAt: '2026-12-05T03:15:00.000Z', lastSuccessAt: '2026-12-05T03:15:00.000Z', lastFile: path.join(dir, 'cooperation-desk-2026-12-05T0315Z.db') });
      db.close();
    });

    it('records a failed run for the health check, audits and logs it, and clears it at the next good run', async () => {
      const clock = manualClock('2026-12-01T03:15:00Z');
      const { db } = demoStore(clock);
      const blocker = path.join(tempDir(), 'not-a-directory');
      fs.writeFileSync(blocker, 'a file where the backup directory should be');
      const tracker = createBackupTracker();
      expect(backupIsFailing(tracker.status())).to.equal(false);
      const failed = await runScheduledBackup({ db, clock, dir: path.join(blocker, 'backups'), tracker });
      expect(failed.ok).to.equal(false);
      expect(backupIsFailing(tracker.status())).to.equal(true);
      expect(tracker.status()).to.deep.include({ lastOutcome: 'failed', lastRunAt: '2026-12-01T03:15:00.000Z', lastSuccessAt: null });
      expect(tracker.status().lastError).to.match(/backup to .*not-a-directory/);
      const audit = listAudit(db, { action: 'store.backup_failed' });
      expect(audit).to.have.length(1);
      expect(String(audit[0].details!.error)).to.match(/not-a-directory/);

      clock.advanceDays(1);
      const ok = await runScheduledBackup({ db, clock, dir: tempDir(), tracker });
      expect(ok.ok).to.equal(true);
      expect(backupIsFailing(tracker.status())).to.equal(false);
      expect(tracker.status()).to.deep.include({ lastOutcome: 'ok', lastError: null, lastSuccessAt: '2026-12-02T03:15:00.000Z' });
      db.close();
    });

    it('is a job for the process scheduler only when BACKUP_DIR is set, with a croner pattern at BACKUP_TIME', async () => {
      const clock = manualClock('2026-12-02T10:00:00Z');
      const { db } = demoStore(clock);
      const tracker = createBackupTracker();
      expect(scheduledBackupJob({ db, clock }, loadBackupConfig({}), tracker)).to.equal(null);
      const dir = tempDir();
      const job = scheduledBackupJob({ db, clock }, loadBackupConfig({ BACKUP_DIR: dir, BACKUP_TIME: '23:05', BACKUP_KEEP: '2' }), tracker)!;
      expect(job).to.deep.include({ name: 'store-backup', pattern: '5 23 * * *' });
      const next = new Cron(job.pattern, { timezone: 'UTC', paused: true }).nextRun(new Date('2026-12-02T10:00:00Z'));
      expect(next!.toISOString()).to.equal('2026-12-02T23:05:00.000Z');
      expect(scheduledBackupJob({ db, clock }, loadBackupConfig({ BACKUP_DIR: dir }), tracker)!.pattern).to.equal('15 3 * * *');

      const signal = new AbortController().signal;
      // The run at start: no backup yet, so one is taken; a restart the same day takes none.
      expect(await job.run(signal)).to.have.property('ok', true);
      clock.advanceDays(0.25);
      expect(await job.run(signal)).to.deep.equal({ skipped: 'not due' });
      // At 23:05 that day's backup is due: the one taken at start stood for yesterday's 23:05.
      clock.set('2026-12-02T23:05:00Z');
      expect(await job.run(signal)).to.have.property('ok', true);
      clock.set('2026-12-03T23:05:00Z');
      expect(await job.run(signal)).to.have.property('ok', true);
      expect(listScheduledBackups(dir).map((b) => path.basename(b.file))).to.deep.equal(['cooperation-desk-2026-12-02T2305Z.db', 'cooperation-desk-2026-12-03T2305Z.db']);
      const stopped = new AbortController();
      stopped.abort();
      clock.set('2026-12-04T23:05:00Z');
      expect(await job.run(stopped.signal)).to.deep.equal({ skipped: 'stopping' });
      db.close();
    });
  });
});
