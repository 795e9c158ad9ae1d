import { inTransaction, sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { DomainError, type DomainErrorDetail } from '../errors';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import type { Language } from '../i18n/languages';
import type { Translate } from '../i18n/translate';
import { isNaceDivision, naceLabel } from '../reference/nace';
import { assertCoordinator } from './actionAccess';
import { ACTION_TOPICS, type ActionTopic } from './vocabulary';

/** A year's plan has a handful of priorities, not a catalogue: the meeting agrees a few. */
export const PRIORITIES_MAX = 12;

/** One of a year's priorities: a sector (NACE division), a topic of the plan's vocabulary, or both. */
export interface Priority {
  id: number;
  year: number;
  sector: string | null;
  topic: ActionTopic | null;
  position: number;
  /** Removed from the year's list: still named on what was tagged with it, no longer offered. */
  removed: boolean;
}

interface PriorityRow {
  id: number;
  year: number;
  sector: string | null;
  topic: ActionTopic | null;
  position: number;
  removedAt: string | null;
}

const SELECT = 'SELECT id, plan_year AS year, sector, topic, position, removed_at AS removedAt FROM plan_priorities';
const toPriority = (row: PriorityRow): Priority => ({ id: row.id, year: row.year, sector: row.sector, topic: row.topic, position: row.position, removed: row.removedAt !== null });

/** The year's priorities in their order; the removed ones too when asked (to name old tags). */
export function listPriorities(db: Db, year: number, options: { includeRemoved?: boolean } = {}): Priority[] {
  const rows = sql(db, `${SELECT} WHERE plan_year = ? ${options.includeRemoved ? '' : 'AND removed_at IS NULL'} ORDER BY removed_at IS NOT NULL, position, id`).all(year) as PriorityRow[];
  return rows.map(toPriority);
}

export function prioritiesByIds(db: Db, ids: readonly number[]): Priority[] {
  if (ids.length === 0) return [];
  const rows = sql(db, `${SELECT} WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY position, id`).all(...ids) as PriorityRow[];
  return rows.map(toPriority);
}

/** How many times the year's priorities were set (0 before the first): the form carries it. */
export function prioritiesVersion(db: Db, year: number): number {
  return (sql(db, 'SELECT version FROM plan_priority_versions WHERE plan_year = ?').get(year) as { version: number } | undefined)?.version ?? 0;
}

/** "Construction of buildings · Third-country nationals": the sector's NACE name and the topic's, in the reader's language. */
export function priorityLabel(t: Translate, language: Language, priority: Pick<Priority, 'sector' | 'topic'>): string {
  return [priority.sector ? `${priority.sector} – ${naceLabel(priority.sector, language)}` : null, priority.topic ? t(`plan.topic.${priority.topic}`) : null].filter(Boolean).join(' · ');
}

/** One priority as typed in the form: a sector and a topic, either may be empty. */
export interface PriorityDraft {
  sector?: string;
  topic?: string;
}

const keyOf = (p: { sector: string | null; topic: string | null }) => `${p.sector ?? ''}|${p.topic ?? ''}`;

/**
 * Checks the priorities to add; each problem at its own field (`sector<i>` or `topic<i>`, i from 1),
 * every problem at once. Empty rows are skipped.
 */
export function checkPriorityDrafts(drafts: readonly PriorityDraft[]): { ok: true; priorities: Array<{ sector: string | null; topic: ActionTopic | null }> } | { ok: false; errors: DomainErrorDetail[] } {
  const errors: DomainErrorDetail[] = [];
  const priorities: Array<{ sector: string | null; topic: ActionTopic | null }> = [];
  drafts.forEach((draft, index) => {
    const sector = (draft.sector ?? '').trim();
    const topic = (draft.topic ?? '').trim();
    if (!sector && !topic) return;
    if (sector && !isNaceDivision(sector)) errors.push({ field: `sector${index + 1}`, key: 'priorities.errors.unknownSector', vars: { value: sector.slice(0, 20) } });
    if (topic && !(ACTION_TOPICS as readonly string[]).includes(topic)) errors.push({ field: `topic${index + 1}`, key: 'priorities.errors.unknownTopic', vars: { value: topic.slice(0, 40) } });
    priorities.push({ sector: sector || null, topic: (topic || null) as ActionTopic | null });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, priorities };
}

export interface SetPrioritiesRequest {
  year: number;
  /** The ids of the year's current priorities to keep; the others are removed. */
  keep: readonly number[];
  /** Priorities to add, checked by checkPriorityDrafts. */
  add: ReadonlyArray<{ sector: string | null; topic: ActionTopic | null }>;
  /** The version the form was shown with: a form older than the last change is refused. */
  expectedVersion: number;
  correlationId?: string;
}

/**
 * Coordinators set the year's priorities: those kept stay (their tags with them), new ones are
 * added after them, the rest are removed from the list (still named where they were used). A
 * priority removed then added again comes back as it was.
 */
export function setPriorities(db: Db, clock: Clock, member: Member, request: SetPrioritiesRequest): Priority[] {
  assertCoordinator(member);
  return inTransaction(db, () => {
    const version = prioritiesVersion(db, request.year);
    if (version !== request.expectedVersion) throw new DomainError({ key: 'priorities.errors.stale', vars: { year: request.year } });
    const current = listPriorities(db, request.year);
    const all = listPriorities(db, request.year, { includeRemoved: true });
    const kept = current.filter((priority) => request.keep.includes(priority.id));
    const seen = new Set(kept.map(keyOf));
    const added = request.add.filter((priority) => {
      const key = keyOf(priority);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (kept.length + added.length > PRIORITIES_MAX) throw new DomainError({ key: 'priorities.errors.tooMany', vars: { max: PRIORITIES_MAX } });
    const now = clock.now().toISOString();
    for (const priority of current) if (!request.keep.includes(priority.id)) sql(db, 'UPDATE plan_priorities SET removed_at = ? WHERE id = ?').run(now, priority.id);
    let position = Math.max(0, ...kept.map((priority) => priority.position));
    for (const priority of added) {
      position += 1;
      const removed = all.find((old) => old.removed && keyOf(old) === keyOf(priority));
      if (removed) sql(db, 'UPDATE plan_priorities SET removed_at = NULL, position = ? WHERE id = ?').run(position, removed.id);
      else
        sql(db, 'INSERT INTO plan_priorities (plan_year, sector, topic, position, set_by_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
          request.year,
          priority.sector,
          priority.topic,
          position,
          member.userId,
          now,
        );
    }
    sql(db, 'INSERT INTO plan_priority_versions (plan_year, version) VALUES (?, 1) ON CONFLICT(plan_year) DO UPDATE SET version = version + 1').run(request.year);
    const result = listPriorities(db, request.year);
    appendAudit(db, clock, {
      actor: actorOf(member),
      action: 'plan.priorities_set',
      subjectType: 'plan',
      subjectRef: String(request.year),
      details: { priorities: result.map((priority) => keyOf(priority)), removed: current.length - kept.length, added: added.length },
      correlationId: request.correlationId,
    });
    return result;
  });
}

/**
 * The priorities chosen on a form ("3,5"), checked against the year's current list; an unknown
 * or removed one is refused at the field given.
 */
export function checkPriorityChoice(db: Db, year: number, chosen: readonly string[], field = 'priorities'): { ok: true; ids: number[] } | { ok: false; errors: DomainErrorDetail[] } {
  const offered = new Set(listPriorities(db, year).map((priority) => priority.id));
  const ids = [...new Set(chosen.map((value) => Number(value)))];
  if (ids.some((id) => !Number.isInteger(id) || !offered.has(id))) return { ok: false, errors: [{ field, key: 'priorities.errors.notOfYear', vars: { year } }] };
  return { ok: true, ids };
}

/** Tags an action with priorities of its year (inside the caller's transaction). */
export function tagAction(db: Db, actionId: number, priorityIds: readonly number[]): void {
  for (const id of priorityIds) sql(db, 'INSERT INTO action_priorities (action_id, priority_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(actionId, id);
}

/** The priorities each action of a year is tagged with, by action reference. */
export function actionPriorityIds(db: Db, year: number): Map<string, number[]> {
  const rows = sql(db, 'SELECT a.ref, ap.priority_id AS id FROM action_priorities ap JOIN actions a ON a.id = ap.action_id WHERE a.plan_year = ? ORDER BY a.ref, ap.priority_id').all(year) as Array<{ ref: string; id: number }>;
  const byRef = new Map<string, number[]>();
  for (const row of rows) byRef.set(row.ref, [...(byRef.get(row.ref) ?? []), row.id]);
  return byRef;
}

/** The priorities one action is tagged with. */
export function prioritiesOfAction(db: Db, ref: string): Priority[] {
  const ids = (sql(db, 'SELECT ap.priority_id AS id FROM action_priorities ap JOIN actions a ON a.id = ap.action_id WHERE a.ref = ?').all(ref) as Array<{ id: number }>).map((row) => row.id);
  return prioritiesByIds(db, ids);
}

/**
 * The priorities a proposal serves, by name in the reader's language, for the card, the tab and the
 * stage (which groups proposals by it); the priority typed before there was a choice, as written;
 * '' when it serves none.
 */
export function proposalPriorityText(t: Translate, language: Language, proposal: { priorities: readonly Pick<Priority, 'sector' | 'topic'>[]; priority: string }): string {
  if (proposal.priorities.length > 0) return proposal.priorities.map((priority) => priorityLabel(t, language, priority)).join('; ');
  return proposal.priority;
}
