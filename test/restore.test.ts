import { expect } from 'chai';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/store/database';
import { listMigrations } from '../src/store/migrate';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { loadDemoData } from '../src/demo/loadDemoData';
import { appendAudit, listAudit, SYSTEM_ACTOR } from '../src/audit/audit';
import { systemClock } from '../src/clock';
import { backupStore } from '../src/operations/backup';
import { restoreStore, RestoreRefused } from '../src/operations/restore';
import { tempDbPath } from './helpers/testApp';
import { ROOT, spawnServer } from './helpers/serverProcess';
import { manualClock } from './helpers/people';
import { snapshotStore } from './helpers/storeSnapshot';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cooperation-desk-restore-'));
const NEWEST = listMigrations().at(-1)!.version;
/** The process entry, wherever the layout has it. */
const SERVER_ENTRY = ['server/main.ts', 'bot/main.ts'].map((file) => path.join(ROOT, file)).find((file) => fs.existsSync(file))!;

function demoStore(file: string): void {
  const db = openDatabase(file);
  syncParticipants(db, loadParticipants());
  loadDemoData(db, systemClock);
  db.close();
}

function readOnly<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const markers = (db: Database.Database) => (db.prepare("SELECT subject_ref AS ref FROM audit_log WHERE action = 'test.marker' ORDER BY id").all() as Array<{ ref: string }>).map((row) => row.ref);

function addMarker(file: string, ref: string): void {
  const db = openDatabase(file);
  appendAudit(db, systemClock, { actor: SYSTEM_ACTOR, action: 'test.marker', subjectRef: ref });
  db.close();
}

/** The npm script as `npm run <name> -- <args>` runs it (tsx), with its output and exit code. */
function runScript(name: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', `${name}.ts`), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const filesBeside = (store: string) => fs.readdirSync(path.dirname(store)).filter((name) => name !== path.basename(store) && !name.startsWith(`${path.basename(store)}-`));

describe('restore', function () {
  this.timeout(30_000);

  describe('restoreStore', () => {
    it('refuses while another connection has the store open, even idle, and changes nothing', async () => {
      const store = tempDbPath();
      demoStore(store);
      const backup = path.join(tempDir(), 'backup.db');
      const source = openDatabase(store);
      await backupStore(source, backup);
      appendAudit(source, systemClock, { actor: SYSTEM_ACTOR, action: 'test.marker', subjectRef: 'after-backup' });
      // The connection is idle, outside any transaction, as a server's is between requests.
      let error: unknown;
      try {
        restoreStore(store, backup, { clock: systemClock });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(RestoreRefused);
      expect((error as RestoreRefused).reason).to.equal('store_in_use');
      expect((error as Error).message).to.match(/open in another process/).and.match(/Nothing was changed/);
      expect(markers(source)).to.deep.equal(['after-backup']);
      expect(filesBeside(store)).to.deep.equal([]);
      source.close();
    });

    it('refuses a damaged backup, a file that is not a store, an empty SQLite file and a newer schema, and changes nothing', () => {
      const store = tempDbPath();
      demoStore(store);
      addMarker(store, 'current');
      const dir = tempDir();
      const good = path.join(dir, 'good.db');
      fs.copyFileSync(store, good);

      const damaged = path.join(dir, 'damaged.db');
      fs.copyFileSync(good, damaged);
      const [rootPage, pageSize] = readOnly(damaged, (db) => [
        (db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'actions'").get() as { rootpage: number }).rootpage,
        db.pragma('page_size', { simple: true }) as number,
      ]);
      const fd = fs.openSync(damaged, 'r+');
      fs.writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (rootPage - 1) * pageSize);
      fs.closeSync(fd);

      const text = path.join(dir, 'notes.db');
      fs.writeFileSync(text, 'not a store at all\n'.repeat(300));
      const empty = path.join(dir, 'empty.db');
      const e = new Database(empty);
      e.exec('CREATE TABLE t (x)');
      e.close();
      const newer = path.join(dir, 'newer.db');
      fs.copyFileSync(good, newer);
      const n = new Database(newer);
      n.pragma(`user_version = ${NEWEST + 1}`);
      n.close();

      const refusal = (backup: string) => {
        try {
          restoreStore(store, backup, { clock: systemClock });
        } catch (error) {
          expect(error).to.be.instanceOf(RestoreRefused);
          return error as RestoreRefused;
        }
        throw new Error(`${backup} was restored`);
      };
      expect(refusal(damaged).message).to.match(/damaged\.db failed the integrity check/);
      expect(refusal(text).message).to.match(/notes\.db cannot be opened as a SQLite store/);
      expect(refusal(empty).message).to.match(/schema version 0: not a Cooperation Desk store/);
      expect(refusal(newer).message).to.match(new RegExp(`schema version ${NEWEST + 1}, newer than this build knows \\(${NEWEST}\\)`));
      expect(refusal(path.join(dir, 'missing.db')).message).to.match(/does not exist/);
      expect(refusal(store).reason).to.equal('same_file');
      expect(refusal(damaged).reason).to.equal('bad_backup');
      expect(readOnly(store, markers)).to.deep.equal(['current']);
      expect(filesBeside(store)).to.deep.equal([]);
    });

    it('moves the current store and its write-ahead log aside, never deleting them, and puts the checked backup in place', async () => {
      const store = tempDbPath();
      demoStore(store);
      const backup = path.join(tempDir(), 'backup.db');
      const source = openDatabase(store);
      await backupStore(source, backup);
      const atBackup = snapshotStore(source);
      // Commits that are only in the write-ahead log, as a server killed with -9 leaves them.
      appendAudit(source, systemClock, { actor: SYSTEM_ACTOR, action: 'test.marker', subjectRef: 'only-in-the-wal' });
      const crashed = path.join(tempDir(), 'crashed.db');
      for (const suffix of ['', '-wal']) fs.copyFileSync(store + suffix, crashed + suffix);
      source.close();
      expect(fs.statSync(`${crashed}-wal`).size).to.be.greaterThan(0);

      const clock = manualClock('2026-12-02T03:40:05Z');
      const report = restoreStore(crashed, backup, { clock });
      expect(report).to.deep.include({ store: crashed, restoredFrom: backup, schemaVersion: NEWEST, newestSchemaVersion: NEWEST });
      expect(report.movedAside).to.deep.equal([`${crashed}.before-restore-2026-12-02T034005Z`, `${crashed}.before-restore-2026-12-02T034005Z-wal`]);
      expect(report.rowCounts.actions).to.equal(atBackup.actions.length);
      expect(readOnly(crashed, snapshotStore)).to.deep.equal(atBackup);
      expect(fs.existsSync(`${crashed}-wal`)).to.equal(false);
      // The store moved aside still opens with everything it had, its log's commits included.
      expect(readOnly(report.movedAside[0], markers)).to.deep.equal(['only-in-the-wal']);
      expect(fs.readdirSync(path.dirname(crashed)).filter((name) => name.includes('.restoring-'))).to.deep.equal([]);
      // A second restore the same second keeps both earlier stores.
      const again = restoreStore(crashed, backup, { clock });
      expect(again.movedAside).to.deep.equal([`${crashed}.before-restore-2026-12-02T034005Z-2`]);
      expect(fs.existsSync(report.movedAside[0])).to.equal(true);
    });
  });

  describe('the commands against a real server', () => {
    it('backs up while the server runs, refuses to restore until it stops, then restores', async () => {
      const store = tempDbPath();
      const backup = path.join(tempDir(), 'backup.db');
      const server = spawnServer(['--import', 'tsx', SERVER_ENTRY], { PORT: '0', DB_PATH: store, MicrosoftAppId: '', LOG_LEVEL: 'silent' });
      try {
        const base = await server.botEndpointBase();
        const backedUp = await runScript('backup', [backup], { DB_PATH: store });
        expect(backedUp.stderr).to.equal('');
        expect(backedUp.code).to.equal(0);
        const atBackup = readOnly(backup, snapshotStore);
        expect(atBackup.actions.length).to.be.greaterThan(0);
        expect(backedUp.stdout).to.include(`schema version ${NEWEST}, integrity ok`).and.match(new RegExp(`actions\\s+${atBackup.actions.length}\\n`));
        expect(readOnly(backup, (db) => listAudit(db, { action: 'store.backed_up' }))).to.have.length(0);

        addMarker(store, 'after-backup');
        const refused = await runScript('restore', [backup], { DB_PATH: store });
        expect(refused.code).to.equal(2);
        expect(refused.stderr).to.match(/^Restore refused: .* is open in another process \(a running server/);
        expect(filesBeside(store)).to.deep.equal([]);
        expect((await fetch(`${base}/healthz`)).status).to.equal(200);

        server.child.kill('SIGTERM');
        expect(await server.exited()).to.equal(0);
        expect(readOnly(store, markers)).to.deep.equal(['after-backup']);
        const damaged = path.join(tempDir(), 'damaged.db');
        fs.writeFileSync(damaged, 'SQLite format 3\0'.padEnd(8192, 'x'));
        const bad = await runScript('restore', [damaged], { DB_PATH: store });
        expect(bad.code).to.equal(3);
        expect(bad.stderr).to.match(/^Restore refused: .*damaged\.db/);

        const restored = await runScript('restore', [backup], { DB_PATH: store });
        expect(restored.stderr).to.equal('');
        expect(restored.code).to.equal(0);
        expect(restored.stdout).to.match(/The previous store was moved aside, not deleted:\n {2}\S+\.before-restore-\d{4}-\d{2}-\d{2}T\d{6}Z\n/);
        const aside = /(\S+\.before-restore-\S+)\n/.exec(restored.stdout)![1];
        expect(readOnly(aside, markers)).to.deep.equal(['after-backup']);
        expect(readOnly(store, snapshotStore)).to.deep.equal(atBackup);
        // The backup's audit entry is written once the copy is made: in the store moved aside, not in the copy.
        expect(readOnly(aside, (db) => listAudit(db, { action: 'store.backed_up' }))).to.have.length(1);
      } finally {
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
      }
    });
  });
});
