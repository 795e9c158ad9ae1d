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
/** The host tenant of the channel: its guest accounts live there, so ACT lists it for its guests. */
const HOST_TENANT = '33333333-3333-4333-8333-33333333cccc';
/** A French ministries' tenant hosting two bodies, DGT and DSS. */
const MINISTRY_TENANT = '44444444-4444-4444-8444-44444444dddd';

/** The authorities and their people, as one store has them; ACT lists the tenant its people sign in from. */
describe('mapping people across the participating tenants', () => {
  let db: Db;
  let file: string;
  const clock = manualClock('2026-02-10T09:00:00Z');
  const users = () => (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  const person = (n: number, email: string | null, tenantId: string | null, userPrincipalName: string | null = null) => ({
    aadObjectId: `0a4d2f1e-3333-4a6b-9c0d-${String(n).padStart(12, '0')}`,
    tenantId,
    email,
    userPrincipalName,
  });
  const mappedTo = (identity: ReturnType<typeof person>) => resolveMember(db, clock, identity)?.authority.id ?? null;

  beforeEach(() => {
    file = tempDbPath();
    db = openDatabase(file);
    const participants = loadParticipants();
    const act = participants.authorities.find((authority) => authority.id === 'PT-ACT')!;
    act.tenantIds = [ACT_TENANT.toUpperCase()];
    const byId = (id: string) => participants.authorities.find((authority) => authority.id === id)!;
    byId('FR-DGT').tenantIds = [MINISTRY_TENANT];
    byId('FR-DSS').tenantIds = [MINISTRY_TENANT];
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

  describe('the rules in their order', () => {
    it('keeps an existing mapping, whatever the roster says later', () => {
      expect(mappedTo(person(10, 'maria.silva@act.gov.pt', ACT_TENANT))).to.equal('PT-ACT');
      expect(mappedTo(person(10, 'someone@seg-social.pt', OTHER_TENANT))).to.equal('PT-ACT');
    });

    it("maps by the home tenant together with the e-mail domain, a subdomain by whole labels, in any case", () => {
      expect(mappedTo(person(11, 'Maria.Silva@ACT.GOV.PT', ACT_TENANT.toUpperCase()))).to.equal('PT-ACT');
      expect(mappedTo(person(12, null, ACT_TENANT, 'joao@porto.act.gov.pt'))).to.equal('PT-ACT');
    });

    it('lets the e-mail domain choose among the authorities sharing a tenant', () => {
      expect(mappedTo(person(13, 'agent@travail.gouv.fr', MINISTRY_TENANT))).to.equal('FR-DGT');
      expect(mappedTo(person(14, 'agent@social.gouv.fr', MINISTRY_TENANT))).to.equal('FR-DSS');
      // A domain of neither, of an authority that lists other tenants: nobody.
      expect(mappedTo(person(15, 'agent@act.gov.pt', MINISTRY_TENANT))).to.equal(null);
    });

    it("lets the tenant decide where one authority's domain lies inside another's", () => {
      // URSSAF, of another tenant, holding a subdomain of DGT's: the ministry's tenant says DGT.
      db.prepare('INSERT INTO authority_email_domains (domain, authority_id) VALUES (?, ?)').run('idf.travail.gouv.fr', 'FR-URSSAF');
      db.prepare('INSERT INTO authority_tenants (tenant_id, authority_id) VALUES (?, ?)').run(OTHER_TENANT, 'FR-URSSAF');
      expect(mappedTo(person(22, 'agent@idf.travail.gouv.fr', MINISTRY_TENANT))).to.equal('FR-DGT');
      expect(mappedTo(person(23, 'agent@idf.travail.gouv.fr', OTHER_TENANT))).to.equal('FR-URSSAF');
    });

    it('takes the tenant with the e-mail before the home address a guest name carries', () => {
      expect(mappedTo(person(16, 'maria.silva@act.gov.pt', ACT_TENANT, 'maria.silva_seg-social.pt#EXT#@host.onmicrosoft.com'))).to.equal('PT-ACT');
    });

    it("maps a guest (no e-mail) by the home address in their principal name, from the host tenant their authority lists", () => {
      const guest = 'maria.silva_act.gov.pt#EXT#@host.onmicrosoft.com';
      expect(mappedTo(person(17, null, HOST_TENANT, guest))).to.equal(null);
      db.prepare('INSERT INTO authority_tenants (tenant_id, authority_id) VALUES (?, ?)').run(HOST_TENANT, 'PT-ACT');
      expect(mappedTo(person(18, null, HOST_TENANT, guest))).to.equal('PT-ACT');
    });

    it("takes a guest's home address before the e-mail the host tenant gave the account", () => {
      expect(mappedTo(person(19, 'jean.dupont@seg-social.pt', OTHER_TENANT, 'jean.dupont_urssaf.fr#EXT#@host.onmicrosoft.com'))).to.equal('FR-URSSAF');
    });

    it('falls back to the e-mail alone where the tenant settles nothing', () => {
      expect(mappedTo(person(20, 'agent@urssaf.fr', MINISTRY_TENANT))).to.equal('FR-URSSAF');
      expect(mappedTo(person(21, 'agent@seg-social.pt', null))).to.equal('PT-ISS');
    });

    it('never maps a look-alike domain or an address that is not one plain mailbox, from the authority\'s own tenant either', () => {
      const lookAlikes = ['x@act.gov.pt.evil.com', 'x@evilact.gov.pt', 'a@evil.com@act.gov.pt', 'x@act-gov.pt', 'x@gov.pt'];
      lookAlikes.forEach((address, i) => {
        expect(mappedTo(person(30 + i, address, ACT_TENANT)), address).to.equal(null);
        expect(mappedTo(person(40 + i, null, ACT_TENANT, address)), address).to.equal(null);
        expect(mappedTo(person(50 + i, address, OTHER_TENANT)), address).to.equal(null);
      });
      expect(mappedTo(person(60, null, ACT_TENANT, 'x_act.gov.pt.evil.com#EXT#@host.onmicrosoft.com'))).to.equal(null);
      expect(mappedTo(person(61, 'x@travail.gouv.fr.evil.com', MINISTRY_TENANT))).to.equal(null);
      expect(users()).to.equal(0);
    });
  });

  it('reads tenant ids in any case, and takes them from participants.json (none listed there yet)', () => {
    expect(tenantMayActFor(db, 'PT-ACT', ACT_TENANT.toUpperCase())).to.equal(true);
    expect(loadParticipants().authorities.every((authority) => Array.isArray(authority.tenantIds))).to.equal(true);
  });
});
