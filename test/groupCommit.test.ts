import { expect } from 'chai';
import Database from 'better-sqlite3';
import { inTransaction, openDatabase, sql, type Db } from '../src/store/database';
import { writeWithGroupCommit } from '../src/store/transactions';
import { tempDbPath } from './helpers/testApp';

describe('group commit of queued writes', () => {
  let file: string;
  let db: Db;
  let reader: Database.Database;
  beforeEach(() => {
    file = tempDbPath();
    db = openDatabase(file);
    db.exec('CREATE TABLE notes (text TEXT NOT NULL)');
    // Another connection sees only what is committed, as the file would after a crash.
    reader = new Database(file, { readonly: true });
  });
  afterEach(() => {
    reader.close();
    db.close();
  });

  const insert = (text: string) => () => sql(db, 'INSERT INTO notes (text) VALUES (?)').run(text).changes;
  const committed = () => (reader.prepare('SELECT text FROM notes ORDER BY rowid').all() as Array<{ text: string }>).map((row) => row.text);

  it('applies the writes of one turn in one transaction, committed by the time each promise settles', async () => {
    let seenByOthersDuringSecond: string[] | null = null;
    const first = writeWithGroupCommit(db, insert('first'));
    const second = writeWithGroupCommit(db, () => {
      seenByOthersDuringSecond = committed();
      return insert('second')();
    });
    expect(committed(), 'nothing is written before the turn ends').to.deep.equal([]);
    const settled = await Promise.all([first.then((value) => ({ value, committed: committed() })), second]);
    expect(seenByOthersDuringSecond, 'the first write was not committed on its own').to.deep.equal([]);
    expect(settled[0]).to.deep.equal({ value: 1, committed: ['first', 'second'] });
  });

  it('undoes a failing write alone: the others of its turn are committed and told so', async () => {
    const outcomes = await Promise.allSettled([
      writeWithGroupCommit(db, insert('kept before')),
      writeWithGroupCommit(db, () => {
        insert('half done')();
        throw new Error('invalid submission');
      }),
      writeWithGroupCommit(db, insert('kept after')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).to.include('invalid submission');
    expect(committed()).to.deep.equal(['kept before', 'kept after']);
  });

  it('keeps nothing of a transaction that failed inside a write, even when the write caught the error', async () => {
    let runs = 0;
    const outcomes = await Promise.allSettled([
      writeWithGroupCommit(db, insert('kept before')),
      writeWithGroupCommit(db, () => {
        runs += 1;
        try {
          inTransaction(db, () => {
            insert('half done')();
            throw new Error('stale version');
          });
        } catch {
          return insert('recovered')();
        }
      }),
      writeWithGroupCommit(db, insert('kept after')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(committed()).to.deep.equal(['kept before', 'recovered', 'kept after']);
    // Applied together first, then again write by write once the failure showed.
    expect(runs).to.equal(2);
  });

  it('runs each write once when none fails', async () => {
    let runs = 0;
    const counted = () => {
      runs += 1;
      return inTransaction(db, insert(`note ${runs}`));
    };
    await Promise.all([writeWithGroupCommit(db, counted), writeWithGroupCommit(db, counted), writeWithGroupCommit(db, counted)]);
    expect(runs).to.equal(3);
    expect(committed()).to.deep.equal(['note 1', 'note 2', 'note 3']);
  });

  it('tells every writer of the turn when the commit itself fails, and stores none of them', async () => {
    // A deferred foreign key is only checked at COMMIT: the orphan makes the whole commit fail.
    db.exec('CREATE TABLE parents (id INTEGER PRIMARY KEY); CREATE TABLE children (parent_id INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED)');
    const outcomes = await Promise.allSettled([
      writeWithGroupCommit(db, insert('would be fine')),
      writeWithGroupCommit(db, () => sql(db, 'INSERT INTO children (parent_id) VALUES (42)').run()),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(['rejected', 'rejected']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).to.match(/FOREIGN KEY/);
    expect(committed()).to.deep.equal([]);
    expect(db.inTransaction).to.equal(false);
    expect(await writeWithGroupCommit(db, insert('next turn'))).to.equal(1);
    expect(committed()).to.deep.equal(['next turn']);
  });

  it('when SQLite rolls the whole batch back (disk full), fails the writes that ran and gives the rest a batch of their own', async () => {
    const outcomes = await Promise.allSettled([
      writeWithGroupCommit(db, insert('ran before')),
      writeWithGroupCommit(db, () => {
        insert('the failing one')();
        // What SQLITE_FULL or SQLITE_IOERR do to the transaction, then the error reaching the write.
        db.exec('ROLLBACK');
        throw new Error('database or disk is full');
      }),
      writeWithGroupCommit(db, insert('queued after')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(['rejected', 'rejected', 'fulfilled']);
    for (const outcome of outcomes.slice(0, 2)) expect(String((outcome as PromiseRejectedResult).reason)).to.include('disk is full');
    expect(committed()).to.deep.equal(['queued after']);
  });

  it('when SQLite rolls the batch back and a write carries on regardless, runs nothing twice', async () => {
    let laterRuns = 0;
    const outcomes = await Promise.allSettled([
      writeWithGroupCommit(db, insert('ran before')),
      writeWithGroupCommit(db, () => {
        try {
          inTransaction(db, () => {
            insert('the failing one')();
            db.exec('ROLLBACK');
            throw new Error('database or disk is full');
          });
        } catch {
          // Outside any transaction now: this one is committed on its own, as SQLite does.
          return insert('carried on')();
        }
      }),
      writeWithGroupCommit(db, () => {
        laterRuns += 1;
        return insert('queued after')();
      }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(['rejected', 'rejected', 'fulfilled']);
    expect(committed()).to.deep.equal(['carried on', 'queued after']);
    expect(laterRuns).to.equal(1);
  });

  it('refuses a write that returns a promise, alone', async () => {
    const outcomes = await Promise.allSettled([
      writeWithGroupCommit(db, insert('kept')),
      writeWithGroupCommit(db, async () => insert('too late')()),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(['fulfilled', 'rejected']);
    expect(committed()).to.deep.equal(['kept']);
  });

  it('starts a new transaction for writes queued in a later turn', async () => {
    await writeWithGroupCommit(db, insert('one'));
    expect(committed()).to.deep.equal(['one']);
    await writeWithGroupCommit(db, insert('two'));
    expect(committed()).to.deep.equal(['one', 'two']);
  });
});
