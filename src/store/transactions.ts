import type { Db } from './sqlite';

interface QueuedWrite {
  write: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const queues = new WeakMap<Db, QueuedWrite[]>();

/** The batch being applied without savepoints on a connection, and whether anything in it threw. */
const batchesWithoutSavepoints = new WeakMap<Db, { threw: boolean }>();

/**
 * Runs fn directly when a batch is being applied without savepoints: its transaction is the
 * batch's. Should fn throw, the batch is marked, rolled back whole and applied again a savepoint
 * per write, even if a caller caught the error. Null when no such batch is being applied.
 */
function inBatchWithoutSavepoints<T>(db: Db, fn: () => T): { value: T } | null {
  const batch = batchesWithoutSavepoints.get(db);
  if (!batch) return null;
  try {
    return { value: fn() };
  } catch (error) {
    batch.threw = true;
    throw error;
  }
}

/** Thrown out of the batch when SQLite itself ended its transaction, so that no COMMIT is tried. */
class TransactionLost extends Error {
  constructor(
    readonly reason: unknown,
    readonly ranUpTo: number,
  ) {
    super('the batch transaction was rolled back by SQLite');
  }
}

/**
 * Some errors (disk full, I/O error, out of memory) make SQLite roll back the whole transaction:
 * the next write would otherwise run, and commit, on its own.
 */
function checkStillInTransaction(db: Db, i: number, error?: unknown): void {
  if (!db.inTransaction) throw new TransactionLost(error ?? new Error('the transaction was ended by a write'), i);
}

/** The writes that ran are undone and told why; those that had not run get a batch of their own. */
function settleLostBatch(db: Db, batch: QueuedWrite[], lost: TransactionLost): void {
  for (const queued of batch.slice(0, lost.ranUpTo + 1)) queued.reject(lost.reason);
  for (const queued of batch.slice(lost.ranUpTo + 1)) enqueue(db, queued);
}

/**
 * The usual case, every write succeeding, costs no savepoint: a savepoint per write and one per
 * transaction inside it (createAlert's) cost about 30 µs per alert, their journals included.
 * False, with nothing stored, if a write threw or the commit failed: the batch is then applied
 * again write by write. True once every writer has its answer.
 */
function applyTogether(db: Db, batch: QueuedWrite[]): boolean {
  const state = { threw: false };
  const values: unknown[] = [];
  let began = false;
  batchesWithoutSavepoints.set(db, state);
  try {
    db.transaction(() => {
      began = true;
      for (const [i, queued] of batch.entries()) {
        let value: unknown;
        try {
          value = queued.write();
        } catch (error) {
          checkStillInTransaction(db, i, error);
          throw error;
        }
        checkStillInTransaction(db, i);
        // Its asynchronous part would run after the commit, outside any transaction.
        if (typeof (value as { then?: unknown } | null)?.then === 'function') throw new TypeError('a group-commit write must be synchronous');
        values.push(value);
      }
      if (state.threw) throw new Error('a transaction inside the batch failed');
    }).immediate();
  } catch (failure) {
    // BEGIN failed (the store is locked by another process): trying again would only wait again.
    if (!began) batch.forEach((queued) => queued.reject(failure));
    else if (failure instanceof TransactionLost) settleLostBatch(db, batch, failure);
    else return false;
    return true;
  } finally {
    batchesWithoutSavepoints.delete(db);
  }
  batch.forEach((queued, i) => queued.resolve(values[i]));
  return true;
}

function applyQueued(db: Db, batch: QueuedWrite[]): void {
  if (!applyTogether(db, batch)) applyWriteByWrite(db, batch);
}

/** Each write in a savepoint of its own, so that one that fails is undone alone. */
function applyWriteByWrite(db: Db, batch: QueuedWrite[]): void {
  const outcomes: Outcome[] = [];
  try {
    db.transaction(() => {
      for (const [i, queued] of batch.entries()) {
        let outcome: Outcome;
        try {
          // A savepoint each: a write that throws is undone alone, the others still commit.
          outcome = { ok: true, value: db.transaction(queued.write)() };
        } catch (error) {
          outcome = { ok: false, error };
        }
        checkStillInTransaction(db, i, outcome.ok ? undefined : outcome.error);
        outcomes.push(outcome);
      }
    }).immediate();
  } catch (failure) {
    if (failure instanceof TransactionLost) {
      settleLostBatch(db, batch, failure);
      return;
    }
    // Nothing of the batch is stored: every writer hears of it, none is told it succeeded.
    for (const queued of batch) queued.reject(failure);
    return;
  }
  batch.forEach((queued, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) queued.resolve(outcome.value);
    else queued.reject(outcome.error);
  });
}

function enqueue(db: Db, queued: QueuedWrite): void {
  let queue = queues.get(db);
  if (!queue) {
    const batch: QueuedWrite[] = [];
    queues.set(db, (queue = batch));
    setImmediate(() => {
      queues.delete(db);
      applyQueued(db, batch);
    });
  }
  queue.push(queued);
}

/**
 * Group commit. A submission's commit (writing its ~30 changed pages to the WAL, flushing the
 * name index) costs more than all its statements together; writes queued during one turn of the
 * event loop are applied together at its end, in one transaction, so concurrent submissions share
 * that cost. Each write is atomic on its own: should one fail, the batch is rolled back and applied
 * again with a savepoint per write. Each promise settles only once the transaction holding its
 * write is committed, so nobody is told "saved" before it is.
 * The write itself must be synchronous (better-sqlite3), as inside any transaction, and may run
 * twice: it must change nothing outside the store.
 */
export function writeWithGroupCommit<T>(db: Db, write: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    enqueue(db, { write, resolve: resolve as (value: unknown) => void, reject });
  });
}

/**
 * Runs fn in one IMMEDIATE transaction, so concurrent writers queue rather than fail mid-way.
 * Inside a group-commit batch it runs in the batch's transaction.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  const batched = inBatchWithoutSavepoints(db, fn);
  return batched ? batched.value : db.transaction(fn).immediate();
}

/**
 * Declares a command group-committed: its write joins the writes queued in the same turn of the
 * event loop and is committed with them (see writeWithGroupCommit). For the commands that arrive
 * together in numbers (an alert posted, then answered from every state within seconds); the
 * choice is the command's, so every adapter calling it commits the same way.
 */
export function groupCommitted<A extends [Db, ...unknown[]], R>(write: (...args: A) => R): (...args: A) => Promise<R> {
  return (...args) => writeWithGroupCommit(args[0], () => write(...args));
}
