import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../src/store/database';
import { companiesWithIdentifiers, searchCompanies } from '../src/companies/companyMatching';
import { listAlerts } from '../src/alerts/alertQueries';
import { getPlanView } from '../src/plans/planQueries';
import { listActions } from '../src/plans/actionQueries';
import { planAssessment } from '../src/plans/planSummary';
import { searchEverything } from '../src/search/searchEverything';
import type { Member } from '../src/identity/members';
import type { IdentifierType } from '../src/companies/identifiers';
import { generateStore, type ScaleSpec } from './generateStore';
import { percentile, round, timeRuns } from './lib/stats';
import type { Report } from './lib/report';

export interface ScaleStore {
  file: string;
  db: Db;
}

interface Measure {
  name: string;
  app: (i: number) => unknown;
  raw?: (i: number) => unknown;
  budgetP95?: number;
  runs: number;
}

/** Builds the store at scale, then times the app's queries against raw indexed equivalents. */
export async function benchStoreScale(report: Report, spec: ScaleSpec, extraMeasures: (db: Db) => Measure[] = () => []): Promise<ScaleStore> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cooperation-desk-bench-')), 'scale.db');
  const started = process.hrtime.bigint();
  const { db, identifiers, names } = generateStore(file, spec);
  const seconds = round(Number(process.hrtime.bigint() - started) / 1e9, 1);
  report.add({ section: 'store', measure: `generation (${spec.alerts} alerts, ${spec.companies} companies)`, value: seconds, unit: 's' });
  report.add({ section: 'store', measure: 'database size', value: round(fs.statSync(file).size / 1024 / 1024, 0), unit: 'MiB' });

  const rawIdentifier = db.prepare('SELECT company_id FROM company_identifiers WHERE type = ? AND value = ?');
  const rawName = db.prepare('SELECT rowid FROM companies_fts WHERE companies_fts MATCH ? LIMIT 10');
  const rawAlerts = db.prepare('SELECT id, ref FROM alerts ORDER BY created_at DESC LIMIT 9');
  const partials = names.map((name) => name.split(' ')[2]).filter((part) => part.length >= 3);
  const latestYear = (db.prepare('SELECT max(year) AS y FROM plans').get() as { y: number }).y;
  // A participating authority's member searching (it sees alerts too, the widest search); each search is audited.
  const clock = { now: () => new Date() };
  const searchUser = db.prepare('SELECT id FROM users LIMIT 1').get() as { id: number } | undefined;
  const searcher: Member = {
    userId: searchUser?.id ?? (null as unknown as number),
    aadObjectId: 'bench-searcher',
    authority: { id: 'PT-ACT', memberState: 'PT', type: 'labour_inspectorate', role: 'participant', shortName: 'ACT', names: {} },
    role: 'member',
    viaDemo: false,
  };

  const measures: Measure[] = [
    {
      name: 'company lookup by identifier',
      app: (i) => companiesWithIdentifiers(db, [{ ...identifiers[i % identifiers.length], country: identifiers[i % identifiers.length].value.slice(0, 2), personal: false } as { type: IdentifierType; value: string; country: string; personal: boolean }]),
      raw: (i) => rawIdentifier.all(identifiers[i % identifiers.length].type, identifiers[i % identifiers.length].value),
      budgetP95: 5,
      runs: 2000,
    },
    {
      name: 'company search by partial name',
      app: (i) => searchCompanies(db, partials[i % partials.length], null, 10),
      raw: (i) => rawName.all(`"${partials[i % partials.length]}"`),
      budgetP95: 5,
      runs: 1000,
    },
    {
      name: '/alerts listing (open, country filter)',
      app: (i) => listAlerts(db, { status: 'open', country: ['PT', 'ES', 'FR', 'IT'][i % 4], limit: 8 }),
      raw: () => rawAlerts.all(),
      runs: 500,
    },
    {
      name: '/alerts listing (text filter)',
      app: (i) => listAlerts(db, { text: partials[i % partials.length], limit: 8 }),
      runs: 300,
    },
    {
      name: '/search across everything (partial name)',
      app: (i) => searchEverything(db, clock, searcher, { text: partials[i % partials.length], limit: 8 }),
      budgetP95: 50,
      runs: 300,
    },
    {
      name: '/search across everything (identifier)',
      app: (i) => searchEverything(db, clock, searcher, { text: identifiers[i % identifiers.length].value, limit: 8 }),
      budgetP95: 50,
      runs: 300,
    },
    { name: 'plan board query (one year)', app: () => getPlanView(db, latestYear), budgetP95: 10, runs: 500 },
    { name: 'plan board filtered list (one year, state)', app: (i) => listActions(db, { year: latestYear, state: ['PT', 'ES', 'FR', 'IT'][i % 4] }), budgetP95: 10, runs: 500 },
    { name: 'annual assessment (one year)', app: (i) => planAssessment(db, latestYear - (i % 3)), budgetP95: 50, runs: 200 },
    ...extraMeasures(db),
  ];
  for (const measure of measures) {
    const app = timeRuns(measure.app, measure.runs);
    const p50 = round(percentile(app, 50), 3);
    const p95 = round(percentile(app, 95), 3);
    if (measure.raw) {
      const raw = timeRuns(measure.raw, measure.runs);
      const rawP50 = round(percentile(raw, 50), 3);
      report.add({ section: 'store', measure: `${measure.name} p50 / p95`, value: `${p50} / ${p95}`, baseline: `${rawP50} / ${round(percentile(raw, 95), 3)}`, unit: 'ms', ratio: round(p50 / rawP50, 2), budget: measure.budgetP95 ? `p95 < ${measure.budgetP95} ms` : undefined, ok: measure.budgetP95 ? p95 < measure.budgetP95 : undefined });
    } else {
      report.add({ section: 'store', measure: `${measure.name} p50 / p95`, value: `${p50} / ${p95}`, unit: 'ms', budget: measure.budgetP95 ? `p95 < ${measure.budgetP95} ms` : undefined, ok: measure.budgetP95 ? p95 < measure.budgetP95 : undefined });
    }
  }
  return { file, db };
}
