import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/database';
import { loadParticipants, syncParticipants, tenantMayActFor } from '../src/reference/participants';
import { resolveMember } from '../src/identity/members';
import { manualClock } from './helpers/people';
import { tempDbPath } from './helpers/testApp';

const ACT_TENANT = '11111111-1111-4111-8111-11111111aaaa';
const OTHER_TENANT = '22222222-2222-4222-8222-22222222bbbb';

/** The authorities and their people, as one store has them; ACT lists the tenant its people sign in from. */
describe('mapping people across the participating tenants', () => {
  let db: Db;
  let file: string;
  const clock = manualClock('2026-02-10T09:00:00Z');
  const users = () => (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  const person = (n: number, email: string | null, tenantId: string | null) => ({ aadObjectId: `0a4d2f1e-3333-4a6b-9c0d-${String(n).padStart(12, '0')}`, tenantId, email });

  beforeEach(() => {
    file = tempDbPath();
    db = openDatabase(file);
    const participants = loadParticipants();
    const act = participants.authorities.find((authority) => authority.id === 'PT-ACT')!;
    act.tenantIds = [ACT_TENANT.toUpperCase()];
    syncParticipants(db, participants);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it("maps a person of the authority's own tenant, an external member keeping it in a shared channel", () => {
    expect(resolveMember(db, clock, person(1, 'maria.silva@act.gov.pt', ACT_TENANT))?.authority.id).to.equal('PT-ACT');
  });

  it("refuses an ACT address from another tenant (the host's guest account too) and stores nothing about them", () => {
    expect(resolveMember(db, clock, person(2, 'intruder@act.gov.pt', OTHER_TENANT))).to.equal(null);
    expect(resolveMember(db, clock, person(3, 'maria.silva_act.gov.pt#EXT#@host.onmicrosoft.com', OTHER_TENANT))).to.equal(null);
    expect(resolveMember(db, clock, person(4, 'intruder@act.gov.pt', null))).to.equal(null);
    expect(users()).to.equal(0);
  });

  it('maps by the e-mail domain alone where an authority lists no tenant', () => {
    expect(tenantMayActFor(db, 'ES-ITSS', OTHER_TENANT)).to.equal(true);
    expect(resolveMember(db, clock, person(5, 'inspector.es@mites.gob.es', OTHER_TENANT))?.authority.id).to.equal('ES-ITSS');
  });

  it('reads tenant ids in any case, and takes them from participants.json (none listed there yet)', () => {
    expect(tenantMayActFor(db, 'PT-ACT', ACT_TENANT.toUpperCase())).to.equal(true);
    expect(loadParticipants().authorities.every((authority) => Array.isArray(authority.tenantIds))).to.equal(true);
  });
});
