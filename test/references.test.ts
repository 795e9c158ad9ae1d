import { expect } from 'chai';
import { openDatabase } from '../src/store/database';
import { nextReference } from '../src/store/references';

describe('human references', () => {
  it('numbers each kind from 1 in each year, padded to its digits', () => {
    const db = openDatabase(':memory:');
    expect(nextReference(db, 'AL', 2026, 4)).to.equal('AL-2026-0001');
    expect(nextReference(db, 'AL', 2026, 4)).to.equal('AL-2026-0002');
    expect(nextReference(db, 'CJI', 2026, 3)).to.equal('CJI-2026-001');
    expect(nextReference(db, 'AL', 2027, 4)).to.equal('AL-2027-0001');
    expect(nextReference(db, 'AL', 2026, 4)).to.equal('AL-2026-0003');
    db.close();
  });

  it('gives the number back when the transaction that took it is rolled back', () => {
    const db = openDatabase(':memory:');
    const takeThenFail = (year: number) =>
      expect(() =>
        db.transaction(() => {
          nextReference(db, 'AL', year, 4);
          throw new Error('the insert failed');
        })(),
      ).to.throw('the insert failed');
    nextReference(db, 'AL', 2026, 4);
    takeThenFail(2026);
    expect(nextReference(db, 'AL', 2026, 4)).to.equal('AL-2026-0002');
    // The first number of a year is an insert, not an update: given back the same way.
    takeThenFail(2027);
    expect(nextReference(db, 'AL', 2027, 4)).to.equal('AL-2027-0001');
    db.close();
  });
});
