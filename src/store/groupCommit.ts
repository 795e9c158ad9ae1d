import type { Db } from './database';

interface QueuedWrite {
  write: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const queues = new WeakMap<Db, QueuedWrite[]>();

function applyQueued(db: Db, batch: QueuedWrite[]): void {
  const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
  try {
    db.transaction(() => {
      for (const queued of batch) {
        try {
          // A savepoint each: a write that throws is undone alone, the others still commit.
          outcomes.push({ ok: true, value: db.transaction(queued.write)() });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    }).immediate();
  } catch (commitError) {
    // Nothing of the batch is stored: every writer hears of it, none is told it succeeded.
    for (const queued of batch) queued.reject(commitError);
    return;
  }
  batch.forEach((queued, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) queued.resolve(outcome.value);
    else queued.reject(outcome.error);
  });
}

/**
 * Group commit. A submission's commit (writing its ~30 changed pages to the WAL, flushing the
 * name index) costs more than all its statements together; writes queued during one turn of the
 * event loop are applied together at its end, in one transaction with a savepoint each, so
 * concurrent submissions share that cost. Each write is atomic on its own and its promise settles
 * only once the transaction holding it is committed, so nobody is told "saved" before it is.
 * The write itself must be synchronous (better-sqlite3), as inside any transaction.
 */
export function writeWithGroupCommit<T>(db: Db, write: () => T): Promise<T> {
  let queue = queues.get(db);
  if (!queue) {
    const batch: QueuedWrite[] = [];
    queues.set(db, (queue = batch));
    setImmediate(() => {
      queues.delete(db);
      applyQueued(db, batch);
    });
  }
  const pending = queue;
  return new Promise<T>((resolve, reject) => {
    pending.push({ write, resolve: resolve as (value: unknown) => void, reject });
  });
}
