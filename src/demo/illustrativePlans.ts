import { z } from 'zod';
import illustrativeFile from './illustrative-plans.json';
import { sql, type Db } from '../store/database';
import { canMove } from '../plans/transitions';
import { ACTION_SCOPES, ACTION_STATUSES, ACTION_TOPICS, ACTION_TYPES, FUNDING_SOURCES, type ActionStatus } from '../plans/vocabulary';
import { insertDemoAction } from './demoActions';
import { loadIllustrativeCycle } from './illustrativeCycle';

/** A share of the year before today ({elapsed}) or after it ({ahead}); see the file's "about". */
const relativeDay = z.union([z.object({ elapsed: z.number().min(0).max(1) }).strict(), z.object({ ahead: z.number().min(0).max(1) }).strict()]);
type RelativeDay = z.infer<typeof relativeDay>;

const place = z.object({ city: z.string().nullable(), region: z.string().nullable(), country: z.string().length(2) });

const actionFields = {
  number: z.number().int().min(1),
  title: z.string().min(1),
  description: z.string().min(1),
  type: z.enum(ACTION_TYPES),
  scope: z.enum(ACTION_SCOPES),
  states: z.array(z.string().length(2)).min(1),
  leadState: z.string().length(2),
  leadAuthority: z.string(),
  authorities: z.array(z.string()).min(1),
  sectors: z.array(z.string()),
  topics: z.array(z.enum(ACTION_TOPICS)),
  places: z.array(place),
  funding: z.array(z.enum(FUNDING_SOURCES)),
};

const timelineEntry = z.object({
  // Updates have happened already: only days before today.
  at: z.object({ elapsed: z.number().min(0).max(1) }).strict(),
  authority: z.string(),
  to: z.enum(ACTION_STATUSES).optional(),
  note: z.string().min(1).optional(),
});

const currentAction = z
  .object({
    ...actionFields,
    startDate: relativeDay.nullable(),
    endDate: relativeDay.nullable(),
    status: z.enum(ACTION_STATUSES),
    timeline: z.array(timelineEntry),
  })
  .superRefine((action, ctx) => {
    // The timeline must be a life the plan's rules allow, ending in the status the action shows.
    let status: ActionStatus = 'planned';
    let at = 0;
    for (const entry of action.timeline) {
      if (entry.at.elapsed < at) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${action.number}: timeline out of order` });
      at = entry.at.elapsed;
      if (entry.to && !canMove(status, entry.to)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${action.number}: ${status} -> ${entry.to} is not allowed` });
      if (entry.to) status = entry.to;
    }
    if (status !== action.status) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${action.number}: timeline ends ${status}, not ${action.status}` });
  });

const draftAction = z.object({ ...actionFields, quarter: z.number().int().min(1).max(4) });

const illustrativeSchema = z.object({
  about: z.string(),
  titleMarker: z.string().min(1),
  currentYear: z.object({
    agreedAt: z.object({ monthOfPreviousYear: z.number().int().min(1).max(12) }),
    agreedPlace: z.string(),
    actions: z.array(currentAction).min(1),
  }),
  nextYear: z.object({ actions: z.array(draftAction).min(1) }),
});

const SOURCE_NOTE = 'Illustrative example loaded with the demo data; not an agreed action.';

/** Turns a share of the elapsed or remaining year into an instant of `year`, seen from `today`. */
function instantOf(day: RelativeDay, year: number, today: Date): Date {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year, 11, 31, 23, 59, 59);
  const now = Math.min(Math.max(today.getTime(), start), end);
  return 'elapsed' in day ? new Date(start + day.elapsed * (now - start)) : new Date(now + day.ahead * (end - now));
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const ref = (year: number, number: number) => `${year}-${String(number).padStart(2, '0')}`;

export interface IllustrativeLoad {
  years: number[];
  actions: number;
  /** Next year's proposals and national endorsements so far (illustrative-cycle.json). */
  proposals: number;
  endorsements: number;
}

/**
 * The seed's plans end in 2024 and are (almost) all implemented, so on their own they never show
 * what a plan looks like during its year. These made-up actions fill the current year, with every
 * status and a timeline of updates, and next year's draft. They are added only when the current
 * year comes after the seed's last one: with a clock inside the seed's years, its own plans are
 * the current ones, and an invented next year would stand in the way of a real carry-over.
 * Call inside the demo data's transaction.
 */
export function loadIllustrativePlans(db: Db, today: Date, seedYears: readonly number[], now: string): IllustrativeLoad {
  const file = illustrativeSchema.parse(illustrativeFile);
  const year = today.getUTCFullYear();
  if (seedYears.length > 0 && year <= Math.max(...seedYears)) return { years: [], actions: 0, proposals: 0, endorsements: 0 };
  const title = (text: string) => `${file.titleMarker}${text}`;

  const current = file.currentYear;
  sql(db, `INSERT INTO plans (year, status, agreed_action_count, agreed_at, agreed_place, created_at) VALUES (?, 'agreed', ?, ?, ?, ?)`).run(
    year,
    current.actions.length,
    `${year - 1}-${String(current.agreedAt.monthOfPreviousYear).padStart(2, '0')}`,
    current.agreedPlace,
    now,
  );
  for (const action of current.actions) {
    const startDate = action.startDate ? isoDay(instantOf(action.startDate, year, today)) : null;
    const endDate = action.endDate ? isoDay(instantOf(action.endDate, year, today)) : null;
    const actionId = insertDemoAction(db, {
      ...action,
      year,
      ref: ref(year, action.number),
      title: title(action.title),
      period: startDate ? startDate.slice(0, 7) : String(year),
      startDate,
      endDate,
      status: action.status,
      source: SOURCE_NOTE,
      now,
    });
    let status: ActionStatus = 'planned';
    let version = 1;
    let reason: string | null = null;
    let updatedAt = now;
    for (const entry of action.timeline) {
      version += 1;
      updatedAt = instantOf(entry.at, year, today).toISOString();
      sql(
        db,
        `INSERT INTO action_updates (action_id, user_id, authority_id, kind, status_from, status_to, note, action_version, created_at)
         VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(actionId, entry.authority, entry.to ? 'status' : 'note', entry.to ? status : null, entry.to ?? null, entry.note ?? null, version, updatedAt);
      if (entry.to) {
        // As updateActionStatus records it: the reason of a postponement or cancellation is its note.
        reason = entry.to === 'postponed' || entry.to === 'cancelled' ? (entry.note ?? null) : null;
        status = entry.to;
      }
    }
    sql(db, 'UPDATE actions SET version = ?, status_reason = ?, updated_at = ? WHERE id = ?').run(version, reason, updatedAt, actionId);
  }

  const next = year + 1;
  sql(db, "INSERT INTO plans (year, status, created_at) VALUES (?, 'draft', ?)").run(next, now);
  for (const action of file.nextYear.actions) {
    insertDemoAction(db, {
      ...action,
      year: next,
      ref: ref(next, action.number),
      title: title(action.title),
      period: `${next}-Q${action.quarter}`,
      startDate: null,
      endDate: null,
      status: 'planned',
      source: SOURCE_NOTE,
      now,
    });
  }
  const cycle = loadIllustrativeCycle(db, next, today, file.titleMarker);
  return { years: [year, next], actions: current.actions.length + file.nextYear.actions.length, ...cycle };
}
