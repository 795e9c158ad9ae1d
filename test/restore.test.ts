import { expect } from 'chai';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/store/database';
import { listMigrations, schemaVersion } from '../src/store/migrate';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { loadDemoData } from '../src/demo/loadDemoData';
import { appendAudit, listAudit, SYSTEM_ACTOR } from '../src/audit/audit';
import { getAlert } from '../src/alerts/alertQueries';
import { systemClock } from '../src/clock';
import { backupStore } from '../src/operations/backup';
import { restoreStore, RestoreRefused } from '../src/operations/restore';
import { runScheduledBackup } from '../src/operations/scheduledBackup';
import { startTestApp, tempDbPath, type TestApp } from './helpers/testApp';
import { ROOT, spawnServer } from './helpers/serverProcess';
import { activity } from './helpers/activities';
import { PEOPLE, from, manualClock, registerPeople } from './helpers/people';
import { VALID_ALERT_FORM } from './helpers/alertForms';
import { idsOf, snapshotStore, submitNumberedAlert } from './helpers/storeSnapshot';

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

  describe('retention after a restore', () => {
    it('deletes again, at the next start, the alerts retention had deleted after the backup was taken', async () => {
      const clock = manualClock('2026-01-10T09:00:00Z');
      const dbPath = tempDbPath();
      const backup = path.join(tempDir(), 'backup.db');
      let t: TestApp = await startTestApp({ clock, dbPath, keepDb: true });
      const restart = async () => {
        await t.stop();
        t = await startTestApp({ clock, dbPath, keepDb: true });
        registerPeople(t.connector);
      };
      try {
        registerPeople(t.connector);
        const submit = async (caseReference: string, identifierType0: string, identifierValue0: string) => {
          const data = { ...VALID_ALERT_FORM, formId: randomUUID(), companyName: `Ditta Individuale ${identifierValue0} (fictional)`, identifierType0, identifierValue0, identifierCountry0: 'IT', registrationCountry: 'IT', summary: `Sole trader named in ${caseReference}.`, caseReference, companyChoice: 'new' };
          await t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.itInspector), value: { action: { type: 'Action.Execute', verb: 'alert.submit', data } } }));
          return (t.app.db.prepare('SELECT ref FROM alerts WHERE case_reference = ?').get(caseReference) as { ref: string }).ref;
        };
        const close = (ref: string) =>
          t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.itInspector), value: { action: { type: 'Action.Execute', verb: 'alert.close', data: { ref, outcome: 'not_confirmed' } } } }));
        const closedFirst = await submit('RET-1', 'it_cf', 'RSSMRA85T10A562S');
        const closedLater = await submit('RET-2', 'it_cf', 'BNCLRA80A41F205G');
        const open = await submit('RET-3', 'other', 'RET3');
        await close(closedFirst);

        // 400 days on: the start's retention run hides the first alert's personal data; the second is closed; backup.
        clock.advanceDays(400);
        await restart();
        expect(getAlert(t.app.db, closedFirst)).to.include({ summary: null, personalDataHidden: true });
        await close(closedLater);
        await backupStore(t.app.db, backup);

        // 1,100 days after the first closure: the start deletes the first alert (and its company), hides the second.
        clock.set('2029-01-13T09:00:00Z');
        await restart();
        expect(getAlert(t.app.db, closedFirst)).to.equal(null);
        expect(getAlert(t.app.db, closedLater)).to.include({ summary: null, personalDataHidden: true });
        await t.stop();

        restoreStore(dbPath, backup, { clock });
        // The restore brings them back as they were at the backup...
        readOnly(dbPath, (db) => {
          expect(db.prepare('SELECT count(*) AS n FROM alerts WHERE ref = ?').get(closedFirst)).to.deep.equal({ n: 1 });
          expect(db.prepare('SELECT summary FROM alerts WHERE ref = ?').get(closedLater)).to.deep.equal({ summary: 'Sole trader named in RET-2.' });
          expect(db.prepare("SELECT count(*) AS n FROM company_identifiers WHERE value = 'BNCLRA80A41F205G'").get()).to.deep.equal({ n: 1 });
        });

        // ...and the app's start path decides again from the dates.
        t = await startTestApp({ clock, dbPath, keepDb: true });
        expect(getAlert(t.app.db, closedFirst)).to.equal(null);
        expect(t.app.db.prepare("SELECT count(*) AS n FROM companies WHERE name LIKE '%RSSMRA85T10A562S%'").get()).to.deep.equal({ n: 0 });
        const hidden = getAlert(t.app.db, closedLater)!;
        expect(hidden).to.include({ summary: null, personalDataHidden: true });
        expect(hidden.company.identifiers).to.deep.equal([]);
        expect(getAlert(t.app.db, open)).to.include({ summary: 'Sole trader named in RET-3.', status: 'open' });
        expect(listAudit(t.app.db, { action: 'alert.deleted', subjectRef: closedFirst })).to.have.length(1);
      } finally {
        await t.stop().catch(() => undefined);
      }
    });
  });

  describe('the restore drill', () => {
    /** Submits alerts from several users at once until stopped; counts those answered (each answered once committed). */
    function writeLoad(t: TestApp, first: number, users = 4) {
      let next = first;
      let stopped = false;
      const state = { answered: 0, failures: [] as number[] };
      const worker = async () => {
        while (!stopped) {
          const status = await submitNumberedAlert(t, next++);
          if (status === 200) state.answered += 1;
          else state.failures.push(status);
        }
      };
      const running = Promise.all(Array.from({ length: users }, worker));
      return {
        state,
        async until(answered: number) {
          while (state.answered < answered) await new Promise((resolve) => setTimeout(resolve, 5));
        },
        async stop() {
          stopped = true;
          await running;
        },
      };
    }

    it('backs up during a write load, writes more, restores, and has exactly the store of the backup point', async () => {
      const dbPath = tempDbPath();
      const backup = path.join(tempDir(), 'drill.db');
      let t = await startTestApp({ dbPath, keepDb: true });
      try {
        registerPeople(t.connector);
        for (let n = 0; n < 10; n++) expect(await submitNumberedAlert(t, n)).to.equal(200);
        const load = writeLoad(t, 10);
        await load.until(20);

        // The backup command's way: a connection of its own. Its snapshot is read in the same read
        // transaction the copy runs in, so it is exactly the state the copy holds.
        const reader = new Database(dbPath, { fileMustExist: true });
        reader.exec('BEGIN');
        const atBackup = snapshotStore(reader);
        const answeredBefore = load.state.answered;
        const report = await backupStore(reader, backup, { pagesPerStep: 4 });
        const answeredDuring = load.state.answered - answeredBefore;
        reader.exec('COMMIT');
        reader.close();
        expect(answeredDuring, 'alerts committed while the copy ran').to.be.greaterThan(0);

        await load.until(load.state.answered + 20);
        await load.stop();
        expect(load.state.failures).to.deep.equal([]);
        const finalAlerts = idsOf(t.app.db, 'alerts');
        expect(report.rowCounts.alerts).to.equal(atBackup.alerts.length);
        expect(finalAlerts.length).to.be.greaterThan(atBackup.alerts.length + 20);
        await t.stop();

        const restore = restoreStore(dbPath, backup, { clock: systemClock });
        expect(readOnly(dbPath, snapshotStore)).to.deep.equal(atBackup);
        expect(readOnly(restore.movedAside[0], (db) => idsOf(db, 'alerts'))).to.deep.equal(finalAlerts);

        // The restored store serves: the next alert takes the reference after the backup's last.
        t = await startTestApp({ dbPath, keepDb: true });
        registerPeople(t.connector);
        const year = new Date().getUTCFullYear();
        const lastRef = (t.app.db.prepare('SELECT max(ref) AS ref FROM alerts WHERE ref LIKE ?').get(`AL-${year}-%`) as { ref: string }).ref;
        expect(await submitNumberedAlert(t, 100_000)).to.equal(200);
        const { ref } = t.app.db.prepare("SELECT ref FROM alerts WHERE case_reference = 'DRILL-100000'").get() as { ref: string };
        expect(ref).to.equal(`AL-${year}-${String(Number(lastRef.slice(-4)) + 1).padStart(4, '0')}`);
      } finally {
        await t.stop().catch(() => undefined);
      }
    });

    it('the scheduled backup on the serving connection, during a write load, holds a complete prefix of the writes', async () => {
      const dbPath = tempDbPath();
      const dir = tempDir();
      const t = await startTestApp({ dbPath, keepDb: true });
      try {
        registerPeople(t.connector);
        const load = writeLoad(t, 0);
        await load.until(20);
        const answeredBefore = load.state.answered;
        const result = await runScheduledBackup({ db: t.app.db, clock: systemClock, dir, backup: { pagesPerStep: 4 } });
        expect(result.ok).to.equal(true);
        expect(load.state.answered - answeredBefore, 'alerts committed while the copy ran').to.be.greaterThan(0);
        await load.until(load.state.answered + 20);
        await load.stop();
        const file = result.ok ? result.report.file : '';
        const source = t.app.db;
        readOnly(file, (copy) => {
          expect(copy.pragma('foreign_key_check')).to.deep.equal([]);
          for (const table of ['alerts', 'companies', 'audit_log']) {
            const copied = idsOf(copy, table);
            const upTo = copied.at(-1)!;
            // Every write committed before the last one in the copy is in it, none after it.
            expect(copied, table).to.deep.equal(idsOf(source, table).filter((id) => id <= upTo));
          }
          // Each alert came with its audit entry, in the same transaction.
          const created = (copy.prepare("SELECT subject_ref AS ref FROM audit_log WHERE action = 'alert.created' ORDER BY subject_ref").all() as Array<{ ref: string }>).map((r) => r.ref);
          expect(created).to.deep.equal((copy.prepare('SELECT ref FROM alerts ORDER BY ref').all() as Array<{ ref: string }>).map((r) => r.ref));
          expect(idsOf(copy, 'alerts').length).to.be.lessThan(idsOf(source, 'alerts').length);
        });
        expect(schemaVersion(t.app.db)).to.equal(NEWEST);
      } finally {
        await t.stop();
      }
    });
  });
});
