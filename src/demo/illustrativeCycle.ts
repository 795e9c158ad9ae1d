import { z } from 'zod';
import cycleFile from './illustrative-cycle.json';
import { sql, type Db } from '../store/database';
import { validateActionDraft } from '../plans/actionInput';
import { listAuthorities, listMemberStates } from '../reference/participants';

const DAY_MS = 86_400_000;

const dated = { authority: z.string(), daysAgo: z.number().int().min(0).max(300) };

const cycleSchema = z.object({
  about: z.string(),
  proposals: z.array(
    z.object({
      ...dated,
      title: z.string().min(1),
      description: z.string().min(1),
      type: z.string(),
      scope: z.string(),
      states: z.array(z.string()),
      leadState: z.string(),
      leadAuthority: z.string(),
      sectors: z.array(z.string()),
      topics: z.array(z.string()),
      period: z.string(),
      funding: z.array(z.string()),
      rationale: z.string().min(1),
      priority: z.string().min(1),
      joins: z.array(z.object(dated)),
      supports: z.array(z.object(dated)),
    }),
  ),
  endorsements: z.array(z.object({ state: z.string().length(2), ...dated })),
});

export interface IllustrativeCycleLoad {
  proposals: number;
  endorsements: number;
}

/** The illustrative participant acting for an authority: a user row no real account has (`illustrative:PT-ACT`). */
export function illustrativeUser(db: Db, authorityId: string, now: string): number {
  const aadObjectId = `illustrative:${authorityId}`;
  sql(db, 'INSERT OR IGNORE INTO users (aad_object_id, display_name, authority_id, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)').run(aadObjectId, null, authorityId, now, now);
  return (sql(db, 'SELECT id FROM users WHERE aad_object_id = ?').get(aadObjectId) as { id: number }).id;
}

/**
 * Next year's plan in preparation: proposals (each checked as the proposal form checks it), the
 * states that joined them and the authorities that support them, and the draft endorsed by some
 * states, so that the cycle's cards and the stage show something on a first run. Written as the
 * commands write them, without their audit entries and events: nothing happened, nothing is posted.
 * Call inside the demo data's transaction, after the draft plan of `year` exists.
 */
export function loadIllustrativeCycle(db: Db, year: number, today: Date, titleMarker: string): IllustrativeCycleLoad {
  const file = cycleSchema.parse(cycleFile);
  const reference = { memberStates: listMemberStates(db).map((state) => state.code), authorities: listAuthorities(db), thisYear: today.getUTCFullYear() };
  const stateOf = new Map(reference.authorities.map((authority) => [authority.id, authority.memberState]));
  const at = (daysAgo: number) => new Date(today.getTime() - daysAgo * DAY_MS).toISOString();
  file.proposals.forEach((proposal, index) => {
    const checked = validateActionDraft(
      { ...proposal, year: String(year), title: `${titleMarker}${proposal.title}`, period: `${year}-${proposal.period}` },
      reference,
    );
    if (!checked.ok) throw new Error(`illustrative-cycle.json: proposal ${index + 1}: ${checked.errors.map((error) => `${error.field}: ${error.key}`).join(', ')}`);
    const ref = `P${year}-${String(index + 1).padStart(2, '0')}`;
    const created = at(proposal.daysAgo);
    const last = Math.min(proposal.daysAgo, ...proposal.joins.map((join) => join.daysAgo), ...proposal.supports.map((support) => support.daysAgo));
    const { lastInsertRowid } = sql(
      db,
      `INSERT INTO proposals (ref, plan_year, input_json, rationale, priority, proposed_by_user_id, authority_id, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(ref, year, JSON.stringify(checked.input), proposal.rationale, proposal.priority, illustrativeUser(db, proposal.authority, created), proposal.authority, 1 + proposal.joins.length + proposal.supports.length, created, at(last));
    for (const join of proposal.joins) {
      sql(db, 'INSERT INTO proposal_joins (proposal_id, member_state, authority_id, user_id, at) VALUES (?, ?, ?, ?, ?)').run(
        lastInsertRowid,
        stateOf.get(join.authority),
        join.authority,
        illustrativeUser(db, join.authority, created),
        at(join.daysAgo),
      );
    }
    for (const support of proposal.supports) {
      sql(db, 'INSERT INTO proposal_supports (proposal_id, authority_id, user_id, at) VALUES (?, ?, ?, ?)').run(lastInsertRowid, support.authority, illustrativeUser(db, support.authority, created), at(support.daysAgo));
    }
  });
  for (const endorsement of file.endorsements) {
    if (stateOf.get(endorsement.authority) !== endorsement.state) throw new Error(`illustrative-cycle.json: ${endorsement.authority} does not endorse for ${endorsement.state}`);
    const when = at(endorsement.daysAgo);
    sql(db, 'INSERT INTO plan_endorsements (plan_year, member_state, endorsed_by_user_id, authority_id, endorsed_at) VALUES (?, ?, ?, ?, ?)').run(
      year,
      endorsement.state,
      illustrativeUser(db, endorsement.authority, when),
      endorsement.authority,
      when,
    );
  }
  return { proposals: file.proposals.length, endorsements: file.endorsements.length };
}
