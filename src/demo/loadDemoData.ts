import { z } from 'zod';
import planFile from './plan-actions.json';
import companiesFile from './companies.json';
import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit, SYSTEM_ACTOR } from '../audit/audit';
import { insertCompany } from '../companies/companyStore';
import { insertDemoAction } from './demoActions';
import { loadIllustrativePlans, type IllustrativeLoad } from './illustrativePlans';
import { loadDemoRequests } from './demoRequests';
import { ACTION_SCOPES, ACTION_STATUSES, ACTION_TOPICS, ACTION_TYPES, FUNDING_SOURCES } from '../plans/vocabulary';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const demoPlanSchema = z.object({
  plans: z.array(
    z.object({
      year: z.number().int(),
      agreedActionCount: z.number().int().nullable(),
      agreedAt: z.string().nullable(),
      agreedPlace: z.string().nullable(),
    }),
  ),
  actions: z.array(
    z.object({
      ref: z.string().regex(/^\d{4}-\d{2,3}$/),
      year: z.number().int(),
      title: z.string().min(1),
      description: z.string(),
      type: z.enum(ACTION_TYPES),
      scope: z.enum(ACTION_SCOPES),
      states: z.array(z.string().length(2)).min(1),
      leadState: z.string().length(2).nullable(),
      leadAuthority: z.string().nullable(),
      authorities: z.array(z.string()),
      sectors: z.array(z.string()),
      topics: z.array(z.enum(ACTION_TOPICS)),
      period: z.string().nullable(),
      startDate: isoDate.nullable(),
      endDate: isoDate.nullable(),
      places: z.array(z.object({ city: z.string().nullable(), region: z.string().nullable().optional(), country: z.string().length(2) })),
      funding: z.array(z.enum(FUNDING_SOURCES)),
      status: z.enum(ACTION_STATUSES),
      source: z.string(),
    }),
  ),
});

const demoCompaniesSchema = z.object({
  companies: z.array(
    z.object({
      name: z.string().min(1),
      country: z.string().length(2),
      sector: z.string().nullable(),
      identifiers: z.array(z.object({ type: z.string(), country: z.string(), value: z.string() })).min(1),
    }),
  ),
});

export function isStoreEmpty(db: Db): boolean {
  const { n } = sql(db, 'SELECT (SELECT count(*) FROM plans) + (SELECT count(*) FROM companies) AS n').get() as { n: number };
  return n === 0;
}

// A type rather than an interface: startApp logs it as a plain record.
export type DemoLoad = {
  /** Actions of the seed document. */
  actions: number;
  companies: number;
  /** The current year and the next, when the illustrative plans were added (see illustrativePlans). */
  illustrativeYears: number[];
  illustrativeActions: number;
  /** Next year's illustrative proposals and the states that have endorsed its draft. */
  illustrativeProposals: number;
  illustrativeEndorsements: number;
  /** Information requests between the demo authorities (see demoRequests). */
  requests: number;
};

/**
 * Loads the activities of the seed document (2023-2024 plans), illustrative plans for the current
 * and next year, a few fictional companies and information requests about them, so a newcomer
 * sees a realistic board at once.
 * Runs only on an empty store, in one transaction.
 */
export function loadDemoData(db: Db, clock: Clock): DemoLoad {
  const plan = demoPlanSchema.parse(planFile);
  const { companies } = demoCompaniesSchema.parse(companiesFile);
  const now = clock.now().toISOString();
  let illustrative: IllustrativeLoad = { years: [], actions: 0, proposals: 0, endorsements: 0 };
  let requests = 0;
  db.transaction(() => {
    for (const p of plan.plans) {
      sql(
        db,
        `INSERT INTO plans (year, status, agreed_action_count, agreed_at, agreed_place, created_at)
         VALUES (@year, 'agreed', @agreedActionCount, @agreedAt, @agreedPlace, @now)`,
      ).run({ ...p, now });
    }
    for (const action of plan.actions) insertDemoAction(db, { ...action, now });
    illustrative = loadIllustrativePlans(db, clock.now(), plan.plans.map((p) => p.year), now);
    for (const company of companies) {
      insertCompany(db, clock, { name: company.name, country: company.country, naceCode: company.sector, identifiers: company.identifiers });
    }
    requests = loadDemoRequests(db, clock.now());
    appendAudit(db, clock, {
      actor: SYSTEM_ACTOR,
      action: 'demo.loaded',
      details: { actions: plan.actions.length, companies: companies.length, illustrativeYears: illustrative.years, illustrativeActions: illustrative.actions, illustrativeProposals: illustrative.proposals, illustrativeEndorsements: illustrative.endorsements, requests },
    });
  }).immediate();
  return {
    actions: plan.actions.length,
    companies: companies.length,
    illustrativeYears: illustrative.years,
    illustrativeActions: illustrative.actions,
    illustrativeProposals: illustrative.proposals,
    illustrativeEndorsements: illustrative.endorsements,
    requests,
  };
}
