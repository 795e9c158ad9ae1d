import { stdnum } from 'stdnum';
import { openDatabase, type Db } from '../src/store/database';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { FRAUD_TYPES } from '../src/alerts/vocabulary';
import { ACTION_STATUSES, ACTION_TYPES } from '../src/plans/vocabulary';
import { naceDivisions } from '../src/reference/nace';
import { indexCompanyName } from '../src/companies/companyStore';
import { backfillAnswerDeadlines } from '../src/alerts/answerDeadlineBackfill';
import { DEFAULT_ANSWER_DAYS } from '../src/alerts/answerDeadlines';
import { systemClock } from '../src/clock';

export interface ScaleSpec {
  companies: number;
  alerts: number;
  years: number;
  actionsPerYear: number;
  updates: number;
}

export const FULL_SCALE: ScaleSpec = { companies: 200_000, alerts: 1_000_000, years: 10, actionsPerYear: 50, updates: 2_000 };

/** Deterministic pseudo-random numbers, so every run builds the same store. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Atlântico', 'Ibérica', 'Mediterrânea', 'Alpina', 'Transportes', 'Construções', 'Obras', 'Edilizia', 'Costruzioni', 'Logística', 'Servicios', 'Bâtiment', 'Travaux', 'Agro', 'Horeca', 'Montagem', 'Impianti', 'Limpiezas', 'Sécurité', 'Trasporti'];
const SECOND = ['Norte', 'Sul', 'Levante', 'Poniente', 'Riviera', 'Cerdanya', 'Douro', 'Tejo', 'Ebro', 'Garonne', 'Roya', 'Corse', 'Minho', 'Algarve', 'Galicia', 'Sardegna', 'Lombarda', 'Occitane', 'Extremadura', 'Alentejo'];
const FORMS = ['Lda', 'Unipessoal Lda', 'SL', 'SA', 'SARL', 'SAS', 'Srl', 'SpA', 'EURL', 'Soc. Coop.'];
const LOREM = 'Posted workers without PD A1 on several construction sites; wages paid below the host-state minimum; registered office shared with dozens of companies; subcontracting chain hides the real employer'.split(' ');

/** Finds the check character that makes a number valid under stdnum's national algorithm. */
function withCheckDigit(validator: { validate(v: string): { isValid: boolean } }, body: string, alphabet = '0123456789'): string | null {
  for (const c of alphabet) if (validator.validate(body + c).isValid) return body + c;
  return null;
}

function identifierFor(random: () => number, country: string, n: number): { type: string; country: string; value: string } {
  const digits = (length: number) => String(Math.floor(random() * 10 ** length)).padStart(length, '0');
  switch (country) {
    case 'PT': {
      const value = withCheckDigit(stdnum.PT.nipc, `5${digits(7)}`);
      if (value) return { type: 'pt_nipc', country, value };
      break;
    }
    case 'FR': {
      const value = withCheckDigit(stdnum.FR.siren, digits(8));
      if (value) return { type: 'fr_siren', country, value };
      break;
    }
    case 'IT': {
      const value = withCheckDigit(stdnum.IT.iva, digits(10));
      if (value) return { type: 'it_piva', country, value };
      break;
    }
    case 'ES': {
      const value = withCheckDigit(stdnum.ES.cif, `B${digits(7)}`, '0123456789ABCDEFGHIJ');
      if (value) return { type: 'es_cif', country, value };
      break;
    }
  }
  return { type: 'other', country, value: `X${n.toString(36).toUpperCase()}${digits(4)}` };
}

/**
 * Builds a store at the scale of years of cooperation: companies with a realistic identifier mix,
 * alerts with countries, fraud types and answers, and ten years of plans with their updates.
 */
export function generateStore(file: string, spec: ScaleSpec): { db: Db; identifiers: Array<{ type: string; value: string }>; names: string[] } {
  const db = openDatabase(file);
  syncParticipants(db, loadParticipants());
  const random = mulberry32(20261127);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const authorities = ['PT-ACT', 'PT-ISS', 'ES-ITSS', 'ES-TGSS', 'FR-DSS', 'FR-URSSAF', 'FR-DGT', 'IT-INL', 'IT-MLPS'];
  const divisions = naceDivisions().map((d) => d.code);
  const states = ['PT', 'ES', 'FR', 'IT'];
  const identifiers: Array<{ type: string; value: string }> = [];
  const names: string[] = [];
  const endYear = 2026;
  const startYear = endYear - spec.years + 1;

  db.exec('PRAGMA synchronous = OFF');
  const insertCompany = db.prepare('INSERT INTO companies (id, name, country, nace_code, nace_revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertIdentifier = db.prepare('INSERT OR IGNORE INTO company_identifiers (company_id, type, country, value, personal) VALUES (?, ?, ?, ?, 0)');
  db.transaction(() => {
    for (let id = 1; id <= spec.companies; id++) {
      const country = random() < 0.85 ? pick(states) : pick(['DE', 'PL', 'RO', 'BG', 'NL']);
      const name = `${pick(FIRST)} ${pick(SECOND)} ${id.toString(36)} ${pick(FORMS)}`;
      insertCompany.run(id, name, country, pick(divisions), 'NACE Rev. 2', '2017-01-01T00:00:00.000Z', '2017-01-01T00:00:00.000Z');
      indexCompanyName(db, id, name);
      const identifier = identifierFor(random, country, id);
      insertIdentifier.run(id, identifier.type, identifier.country, identifier.value);
      if (['PT', 'ES', 'FR', 'IT'].includes(country) && random() < 0.5 && identifier.type !== 'other') {
        insertIdentifier.run(id, 'eu_vat', country, `${country}${identifier.value}`);
      }
      if (id % 200 === 0) identifiers.push(identifier);
      if (id % 200 === 100) names.push(name);
    }
  })();

  const insertAlert = db.prepare(
    `INSERT INTO alerts (id, ref, company_id, reporting_user_id, reporting_authority_id, registration_country, nace_code, nace_revision, urgency, summary, status, outcome, closed_at, created_at, updated_at)
     VALUES (?, ?, ?, NULL, ?, ?, ?, 'NACE Rev. 2', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCountry = db.prepare('INSERT OR IGNORE INTO alert_countries (alert_id, member_state) VALUES (?, ?)');
  const insertFraud = db.prepare('INSERT OR IGNORE INTO alert_fraud_types (alert_id, fraud_type) VALUES (?, ?)');
  const insertResponse = db.prepare("INSERT OR IGNORE INTO alert_responses (alert_id, authority_id, answer, responded_at) VALUES (?, ?, ?, ?)");
  const counters = new Map<number, number>();
  const batch = 100_000;
  for (let start = 1; start <= spec.alerts; start += batch) {
    db.transaction(() => {
      for (let id = start; id < start + batch && id <= spec.alerts; id++) {
        // Ids grow with time, as they do in use: alert n is created after alert n-1.
        const year = startYear + Math.floor(((id - 1) / spec.alerts) * spec.years);
        const at = new Date(Date.UTC(year, 0, 1) + ((id - 1) % Math.floor(spec.alerts / spec.years)) * ((365 * 86_400_000) / (spec.alerts / spec.years))).toISOString();
        const sequenceInYear = (counters.get(year) ?? 0) + 1;
        counters.set(year, sequenceInYear);
        const companyId = 1 + Math.floor(random() ** 1.5 * spec.companies);
        const closed = year < endYear - 1 || random() < 0.5;
        const summary = Array.from({ length: 12 }, () => pick(LOREM)).join(' ');
        insertAlert.run(id, `AL-${year}-${String(sequenceInYear).padStart(4, '0')}`, companyId, pick(authorities), pick(states), pick(divisions), pick(['routine', 'priority', 'urgent']), summary, closed ? 'closed' : 'open', closed ? pick(['confirmed', 'not_confirmed', 'referred_to_imi']) : null, closed ? at : null, at, at);
        insertCountry.run(id, pick(states));
        if (random() < 0.4) insertCountry.run(id, pick(states));
        insertFraud.run(id, pick(FRAUD_TYPES));
        if (random() < 0.3) insertFraud.run(id, pick(FRAUD_TYPES));
        if (random() < 0.7) insertResponse.run(id, pick(authorities), pick(['known', 'no_record', 'investigating']), at);
      }
    })();
  }
  for (const [year, value] of counters) db.prepare('INSERT OR REPLACE INTO reference_counters (prefix, year, value) VALUES (?, ?, ?)').run('AL', year, value);

  const now = '2026-01-01T00:00:00.000Z';
  db.transaction(() => {
    const actionIds: number[] = [];
    for (let year = startYear; year <= endYear; year++) {
      db.prepare("INSERT INTO plans (year, status, agreed_action_count, created_at) VALUES (?, 'agreed', ?, ?)").run(year, spec.actionsPerYear, now);
      for (let n = 1; n <= spec.actionsPerYear; n++) {
        const lead = pick(states);
        const other = pick(states.filter((s) => s !== lead));
        const bilateral = random() < 0.6;
        const { lastInsertRowid } = db
          .prepare(
            `INSERT INTO actions (plan_year, ref, title, description, type, scope, lead_state, lead_authority_id, period, status, created_at, updated_at)
             VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(year, `${year}-${String(n).padStart(2, '0')}`, `${pick(ACTION_TYPES)} ${lead}-${other} ${n}`, pick(ACTION_TYPES), bilateral ? 'bilateral' : 'multilateral', lead, authorities.find((a) => a.startsWith(lead)), `${year}-Q${1 + (n % 4)}`, pick(ACTION_STATUSES), now, now);
        const actionId = Number(lastInsertRowid);
        actionIds.push(actionId);
        for (const state of bilateral ? [lead, other] : states) db.prepare('INSERT INTO action_states (action_id, member_state) VALUES (?, ?)').run(actionId, state);
        db.prepare('INSERT INTO action_sectors (action_id, nace_code) VALUES (?, ?)').run(actionId, pick(divisions));
      }
    }
    for (let i = 0; i < spec.updates; i++) {
      db.prepare('INSERT INTO action_updates (action_id, authority_id, status_from, status_to, note, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(pick(actionIds), pick(authorities), 'planned', pick(ACTION_STATUSES), 'Progress noted at the coordination meeting.', now);
    }
  })();
  // The alerts above are written as an older build wrote them, without answer deadlines; a store of
  // this build has had them given at its first start. Given here, so that the measured start is an
  // ordinary one and not the one-off upgrade.
  while (backfillAnswerDeadlines(db, systemClock, DEFAULT_ANSWER_DAYS, 5000).given > 0);
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('ANALYZE');
  return { db, identifiers, names };
}
