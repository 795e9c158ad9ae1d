import { expect } from 'chai';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/store/database';
import { listMigrations, migrate, schemaVersion } from '../src/store/migrate';
import { loadParticipants, syncParticipants, authorityForEmail, findAuthority, listAuthorities } from '../src/reference/participants';
import { isStoreEmpty, loadDemoData } from '../src/demo/loadDemoData';
import { getPlanView, listPlanYears } from '../src/plans/planQueries';
import { systemClock } from '../src/clock';
import { listAudit } from '../src/audit/audit';
import { tempDbPath } from './helpers/testApp';
import { insertCompany } from '../src/companies/companyStore';

describe('the store', () => {
  it('migrates an empty database to the newest schema and records the version in user_version', () => {
    const db = new Database(':memory:');
    const applied = migrate(db);
    const newest = listMigrations().at(-1)!.version;
    expect(applied.at(-1)).to.equal(newest);
    expect(schemaVersion(db)).to.equal(newest);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    for (const table of ['member_states', 'authorities', 'users', 'plans', 'actions', 'action_updates', 'companies', 'company_identifiers', 'alerts', 'alert_responses', 'inspections', 'inspection_participants', 'conversation_references', 'outbox', 'audit_log']) {
      expect(tables).to.include(table);
    }
  });

  it('does nothing when migrations run again on a migrated database', () => {
    const file = tempDbPath();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(migrate(db)).to.deep.equal([]);
    db.close();
  });

  it('refuses a store written by a newer build, and leaves it as it is', () => {
    const db = new Database(':memory:');
    migrate(db);
    const version = schemaVersion(db);
    db.pragma(`user_version = ${version + 1}`);
    expect(() => migrate(db)).to.throw(/newer than this build knows/);
    expect(schemaVersion(db)).to.equal(version + 1);
  });

  it('rolls back a failing migration whole, leaving the version where it was', () => {
    const db = new Database(':memory:');
    migrate(db);
    const before = schemaVersion(db);
    const broken = { version: before + 1, name: 'broken', sql: 'CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table;' };
    expect(() => migrate(db, [broken])).to.throw();
    expect(schemaVersion(db)).to.equal(before);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).to.equal(undefined);
  });

  it('keeps pending channel posts through the outbox migration and forgets the content of sent and failed ones', () => {
    const db = new Database(':memory:');
    migrate(db, listMigrations().filter((m) => m.version < 6));
    const insert = db.prepare(`INSERT INTO outbox (conversation_id, dedupe_key, kind, activity_json, status, next_attempt_at, created_at)
                               VALUES ('19:c', ?, 'post', ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
    insert.run('pending-one', JSON.stringify({ text: 'still to send' }), 'pending');
    insert.run('sent-one', JSON.stringify({ text: 'Ditta Rossi, RSSMRA85T10A562S' }), 'sent');
    insert.run('failed-one', JSON.stringify({ text: 'Ditta Bianchi, BNCLRA80A41F205G' }), 'failed');
    migrate(db, listMigrations().filter((m) => m.version <= 6));
    const rows = db.prepare('SELECT dedupe_key AS key, status, content_json AS content FROM outbox ORDER BY id').all();
    expect(rows).to.deep.equal([
      { key: 'pending-one', status: 'pending', content: JSON.stringify({ activity: { text: 'still to send' } }) },
      { key: 'sent-one', status: 'sent', content: 'null' },
      { key: 'failed-one', status: 'failed', content: 'null' },
    ]);
  });

  it('rewrites ready-made pending posts to what they showed when the outbox holds only what to draw (0013)', () => {
    const db = new Database(':memory:');
    migrate(db, listMigrations().filter((m) => m.version < 13));
    const insert = db.prepare(`INSERT INTO outbox (conversation_id, dedupe_key, kind, content_json, status, next_attempt_at, created_at)
                               VALUES ('19:c', ?, 'post', ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`);
    const ready = JSON.stringify({ activity: { type: 'message', attachments: [] } });
    insert.run('action:2024-03:status:v4', ready, 'pending');
    insert.run('cji:CJI-2026-001:reminder:starts_soon:2026-03-02', ready, 'pending');
    insert.run('welcome:19:c', ready, 'pending');
    insert.run('action:2024-05:status:v2:changed-in-flight', ready, 'pending');
    insert.run('something:else', ready, 'pending');
    insert.run('alert:AL-2026-0001:posted', JSON.stringify({ card: { kind: 'alert', subject: 'AL-2026-0001' } }), 'pending');
    insert.run('action:2024-01:status:v2', 'null', 'sent');
    migrate(db);
    const rows = db.prepare('SELECT dedupe_key AS key, status, content_json AS content FROM outbox ORDER BY id').all() as Array<{ key: string; status: string; content: string }>;
    const card = (kind: string, subject: string) => JSON.stringify({ card: { kind, subject } });
    expect(rows).to.deep.equal([
      { key: 'action:2024-03:status:v4', status: 'pending', content: card('action-status', '2024-03@4') },
      { key: 'cji:CJI-2026-001:reminder:starts_soon:2026-03-02', status: 'pending', content: card('cji-reminder', 'CJI-2026-001|starts_soon|2026-03-02') },
      { key: 'welcome:19:c', status: 'pending', content: card('welcome', 'en') },
      { key: 'action:2024-05:status:v2:changed-in-flight', status: 'pending', content: card('action-status', '2024-05@2') },
      { key: 'something:else', status: 'dropped', content: 'null' },
      { key: 'alert:AL-2026-0001:posted', status: 'pending', content: card('alert', 'AL-2026-0001') },
      { key: 'action:2024-01:status:v2', status: 'sent', content: 'null' },
    ]);
  });

  it('indexes the words of the names of companies stored before the word index existed', () => {
    const db = new Database(':memory:');
    migrate(db, listMigrations().filter((m) => m.version < 8));
    db.prepare("INSERT INTO companies (id, name, country, created_at, updated_at) VALUES (7, 'Construções Atlântico do Norte, Lda', 'PT', 'x', 'x')").run();
    migrate(db);
    expect(db.prepare('SELECT word FROM company_name_words WHERE company_id = 7 ORDER BY word').pluck().all()).to.deep.equal(['atlantico', 'construcoes', 'norte']);
  });

  it('keeps no word of a deleted company in the name word index, and follows a renamed one', () => {
    const db = openDatabase(':memory:');
    const insert = (name: string) => insertCompany(db, systemClock, { name, country: 'IT', naceCode: null, identifiers: [] });
    const trader = insert('Qzxqv Wjkp Sole Trader');
    const renamed = insert('Edilizia Rossi Srl');
    const words = () => db.prepare('SELECT company_id AS companyId, word FROM company_name_words ORDER BY company_id, word').all();
    db.prepare('DELETE FROM companies WHERE id = ?').run(trader);
    db.prepare("UPDATE companies SET name = 'Edilizia Bianchi Srl' WHERE id = ?").run(renamed);
    expect(words()).to.deep.equal([
      { companyId: renamed, word: 'bianchi' },
      { companyId: renamed, word: 'edilizia' },
    ]);
  });

  it('removes a deleted company from the name index at once (FTS5 secure-delete)', () => {
    const db = openDatabase(':memory:');
    const insert = (name: string) => insertCompany(db, systemClock, { name, country: 'IT', naceCode: null, identifiers: [] });
    insert('Other Company Ltd');
    const lastInsertRowid = insert('Qzxqv Wjkp Sole Trader');
    const indexBytes = () => Buffer.concat((db.prepare('SELECT block FROM companies_fts_data').all() as Array<{ block: Buffer }>).map((row) => row.block)).toString('latin1');
    expect(indexBytes()).to.include('wjk');
    db.prepare('DELETE FROM companies WHERE id = ?').run(lastInsertRowid);
    // Not only hidden from searches: the index's own pages no longer hold the name's trigrams.
    expect(db.prepare(`SELECT rowid FROM companies_fts WHERE companies_fts MATCH '"wjkp"'`).all()).to.deep.equal([]);
    expect(indexBytes()).not.to.include('wjk').and.not.to.include('zxq');
    expect(indexBytes()).to.include('mpa');
  });

  it('opens with WAL checkpointed every 4000 pages, foreign keys and a busy timeout', () => {
    const db = openDatabase(tempDbPath());
    expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
    expect(db.pragma('foreign_keys', { simple: true })).to.equal(1);
    expect(db.pragma('busy_timeout', { simple: true })).to.equal(5000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).to.equal(4000);
    db.close();
  });
});

describe('participants as data', () => {
  const db = openDatabase(':memory:');
  syncParticipants(db, loadParticipants());

  it('holds the nine authorities of the four member states and ELA as supporter', () => {
    const authorities = listAuthorities(db);
    const participants = authorities.filter((a) => a.role === 'participant').map((a) => a.id).sort();
    expect(participants).to.deep.equal(['ES-ITSS', 'ES-TGSS', 'FR-DGT', 'FR-DSS', 'FR-URSSAF', 'IT-INL', 'IT-MLPS', 'PT-ACT', 'PT-ISS']);
    expect(authorities.find((a) => a.id === 'EU-ELA')).to.include({ role: 'supporter', type: 'eu_agency', memberState: null });
  });

  it('maps e-mail addresses to authorities by domain, including subdomains', () => {
    expect(authorityForEmail(db, 'someone@act.gov.pt')?.id).to.equal('PT-ACT');
    expect(authorityForEmail(db, 'someone@lazio.ispettorato.gov.it')?.id).to.equal('IT-INL');
    expect(authorityForEmail(db, 'someone@example.com')).to.equal(null);
  });

  it('maps only a plain mailbox, by whole domain labels, and a guest by the home address in their name', () => {
    for (const lookAlike of ['intruder@act.gov.pt.evil.com', 'intruder@evilact.gov.pt', 'a@evil.com@act.gov.pt', '"a@act.gov.pt"@evil.com', 'a @act.gov.pt', 'a@act..gov.pt', 'a@-act.gov.pt', '@act.gov.pt', 'act.gov.pt']) {
      expect(authorityForEmail(db, lookAlike), lookAlike).to.equal(null);
    }
    expect(authorityForEmail(db, 'Inspector@ACT.gov.pt')?.id).to.equal('PT-ACT');
    expect(authorityForEmail(db, 'maria.silva_act.gov.pt#EXT#@mitesgob.onmicrosoft.com')?.id).to.equal('PT-ACT');
    expect(authorityForEmail(db, 'jean_dupont_urssaf.fr#EXT#@actgovpt.onmicrosoft.com')?.id).to.equal('FR-URSSAF');
    // The name of a guest from elsewhere maps nowhere, whatever the host tenant is.
    expect(authorityForEmail(db, 'someone_gmail.com#EXT#@act.gov.pt')).to.equal(null);
  });

  it('adds a new member state and authority by editing data, and deactivates removed ones', () => {
    const base = loadParticipants();
    const joined = loadParticipants({
      memberStates: [...base.memberStates, { code: 'BE', names: { en: 'Belgium', fr: 'Belgique', it: 'Belgio', pt: 'Bélgica', es: 'Bélgica' }, joinedYear: 2026 }],
      authorities: [
        ...base.authorities.filter((a) => a.id !== 'IT-MLPS'),
        { id: 'BE-ONSS', memberState: 'BE', type: 'social_security', role: 'participant', shortName: 'ONSS', names: { en: 'National Social Security Office' }, emailDomains: ['onss.fgov.be'] },
      ],
    });
    expect(findAuthority(db, 'IT-MLPS')?.shortName).to.equal('MLPS');
    syncParticipants(db, joined);
    expect(authorityForEmail(db, 'agent@onss.fgov.be')?.id).to.equal('BE-ONSS');
    expect(listAuthorities(db).map((a) => a.id)).not.to.include('IT-MLPS');
    expect(findAuthority(db, 'IT-MLPS')).to.equal(null);
    expect(findAuthority(db, 'BE-ONSS')?.memberState).to.equal('BE');
    syncParticipants(db, base);
    expect(findAuthority(db, 'IT-MLPS')?.shortName).to.equal('MLPS');
  });

  it('rejects an authority of a member state that is not listed', () => {
    const base = loadParticipants();
    expect(() =>
      loadParticipants({ ...base, authorities: [...base.authorities, { ...base.authorities[0], id: 'DE-X', memberState: 'DE' }] }),
    ).to.throw(/unknown member state DE/);
  });
});

describe('demo data from the seed document', () => {
  const db = openDatabase(':memory:');
  syncParticipants(db, loadParticipants());
  loadDemoData(db, systemClock);

  it('puts every company in both name indexes, consistent with the companies table', () => {
    const count = (query: string) => (db.prepare(query).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM companies')).to.be.greaterThan(0);
    expect(count('SELECT count(*) AS n FROM companies_fts_docsize')).to.equal(count('SELECT count(*) AS n FROM companies'));
    expect(count('SELECT count(*) AS n FROM companies c WHERE NOT EXISTS (SELECT 1 FROM company_name_words w WHERE w.company_id = c.id)')).to.equal(0);
    // Compares the trigram index with the names it was built from; throws on any difference.
    db.exec("INSERT INTO companies_fts(companies_fts, rank) VALUES ('integrity-check', 1)");
  });

  it('holds the 2023 and 2024 plans with their agreed action counts, then illustrative plans for this year and the next', () => {
    const year = new Date().getUTCFullYear();
    expect(listPlanYears(db)).to.deep.equal([2023, 2024, year, year + 1]);
    expect(getPlanView(db, 2023)!.agreedActionCount).to.equal(24);
    expect(getPlanView(db, 2024)!.agreedActionCount).to.equal(42);
  });

  it('lists every activity the seed names, with places, dates and states', () => {
    const actions = [...getPlanView(db, 2023)!.actions, ...getPlanView(db, 2024)!.actions];
    expect(actions.filter((a) => a.title.startsWith('Illustrative')), 'the seed stays as it is').to.deep.equal([]);
    const cities = actions.flatMap((a) => a.places.map((p) => p.city));
    for (const city of ['Zamora', 'Mérida', 'Lisboa', 'Nice', 'Ajaccio', 'Porto-Vecchio', 'Porto', 'Puigcerdà', 'Toulouse']) {
      expect(cities, city).to.include(city);
    }
    const zamora = actions.find((a) => a.places.some((p) => p.city === 'Zamora'))!;
    expect(zamora).to.include({ startDate: '2023-09-21', scope: 'bilateral' });
    expect(zamora.states).to.deep.equal(['ES', 'PT']);
    const roadTransport = actions.find((a) => a.sectors.includes('49') && a.states.includes('ES'))!;
    expect(roadTransport).to.include({ startDate: '2024-11-22', endDate: '2024-11-23' });
    const lisbon = actions.find((a) => a.places.some((p) => p.city === 'Lisboa'))!;
    expect(lisbon).to.include({ type: 'staff_exchange', startDate: '2023-10-30', endDate: '2023-10-31' });
    expect(lisbon.states).to.deep.equal(['IT', 'PT']);
    expect(actions.some((a) => a.scope === 'multilateral' && a.type === 'information_exchange')).to.equal(true);
    for (const action of actions.filter((a) => a.scope === 'bilateral')) expect(action.states, action.ref).to.have.length(2);
  });

  it('loads once, records it in the audit log and leaves the store non-empty', () => {
    expect(isStoreEmpty(db)).to.equal(false);
    expect(listAudit(db, { action: 'demo.loaded' })).to.have.length(1);
  });

  it('holds fictional companies only, with no e-mail address anywhere', () => {
    const names = (db.prepare('SELECT name FROM companies').all() as Array<{ name: string }>).map((r) => r.name);
    expect(names.length).to.be.greaterThan(3);
    for (const name of names) expect(name).to.match(/fictional/i);
    const dump = JSON.stringify(db.prepare('SELECT * FROM actions').all());
    expect(dump).not.to.match(/@[a-z0-9-]+\.[a-z]{2,}/i);
  });
});
