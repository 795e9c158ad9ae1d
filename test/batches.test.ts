import { expect } from 'chai';
import { inBatches } from '../src/store/batches';

/** A backlog of `hidden` and `deleted` items, each batch taking at most `limit` of each. */
function backlog(hidden: number, deleted: number) {
  const batches: number[] = [];
  const left = { hidden, deleted };
  const step = (limit: number) => {
    batches.push(limit);
    const run = { hidden: Math.min(limit, left.hidden), deleted: Math.min(limit, left.deleted), companiesDeleted: 1 };
    left.hidden -= run.hidden;
    left.deleted -= run.deleted;
    return run;
  };
  return { step, batches };
}

const ZERO = { hidden: 0, deleted: 0, companiesDeleted: 0 };

describe('work in batches (retention, deadline backfill)', () => {
  it('goes on while any limited count fills its batch, and sums every count over the batches', async () => {
    const work = backlog(5, 2);
    expect(await inBatches(work.step, ZERO, ['hidden', 'deleted'], 2)).to.deep.equal({ hidden: 5, deleted: 2, companiesDeleted: 3 });
    expect(work.batches).to.deep.equal([2, 2, 2]);
  });

  it('takes the batch size the caller gives over its default', async () => {
    const work = backlog(4, 0);
    expect(await inBatches(work.step, ZERO, ['hidden'], 50, { batchSize: 3 })).to.deep.equal({ hidden: 4, deleted: 0, companiesDeleted: 2 });
    expect(work.batches).to.deep.equal([3, 3]);
  });

  it('does not start a batch once the app is stopping, and says it did nothing', async () => {
    const work = backlog(10, 10);
    const stopping = new AbortController();
    stopping.abort();
    expect(await inBatches(work.step, ZERO, ['hidden', 'deleted'], 2, { signal: stopping.signal })).to.deep.equal(ZERO);
    expect(work.batches).to.deep.equal([]);
  });

  it('stops between batches when the app stops during one', async () => {
    const stopping = new AbortController();
    const work = backlog(10, 0);
    const step = (limit: number) => {
      const run = work.step(limit);
      if (work.batches.length === 2) stopping.abort();
      return run;
    };
    expect(await inBatches(step, ZERO, ['hidden'], 3, { signal: stopping.signal })).to.deep.equal({ hidden: 6, deleted: 0, companiesDeleted: 2 });
  });
});
