import { expect } from 'chai';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/database';
import { listMigrations, schemaVersion } from '../src/store/migrate';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { loadDemoData } from '../src/demo/loadDemoData';
import { backupStore, BackupError, MAIN_TABLES, verifyStoreFile } from '../src/operations/backup';
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
});
