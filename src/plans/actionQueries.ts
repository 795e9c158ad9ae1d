import { sql, type Db } from '../store/database';
import { actionByRef, actionsOfYear, allActions, bilateralPair, involvedStates, withoutId, type ActionSummary } from './actionRows';
import { allowedNextStatuses } from './transitions';
import type { ActionStatus, ActionType } from './vocabulary';
import type { Language } from '../i18n/languages';
import { writtenLanguage } from '../i18n/writtenLanguage';
import { prioritiesOfAction, type Priority } from './priorities';

export interface ActionFilter {
  year?: number | null;
  /** A member state leading or taking part. */
  state?: string | null;
  status?: ActionStatus | null;
  type?: ActionType | null;
  /** NACE division code. */
  sector?: string | null;
  /** "ES-PT" (either order): bilateral actions of exactly these two states. */
  pair?: string | null;
  text?: string | null;
}

export interface ActionPage {
  items: ActionSummary[];
  total: number;
  offset: number;
  limit: number;
  hasMore: boolean;
}

export interface PlanFacets {
  states: string[];
  pairs: string[];
  types: ActionType[];
  sectors: string[];
}

export const MAX_PAGE_SIZE = 200;

/** Lower case without accents, so "merida" finds "Mérida" and "PORTO" finds "Porto". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** "pt-es", "ES–PT", "es/pt" -> "ES-PT"; null when it is not two distinct two-letter codes. */
export function normalisePair(pair: string): string | null {
  const codes = pair.toUpperCase().split(/[\s\-–—/+,]+/).filter(Boolean);
  if (codes.length !== 2 || codes.some((code) => !/^[A-Z]{2}$/.test(code)) || codes[0] === codes[1]) return null;
  return codes.sort().join('-');
}

function matches(action: ActionSummary, filter: ActionFilter, pair: string | null, words: string[]): boolean {
  if (filter.status && action.status !== filter.status) return false;
  if (filter.type && action.type !== filter.type) return false;
  if (filter.state && !involvedStates(action).includes(filter.state)) return false;
  if (filter.sector && !action.sectors.includes(filter.sector)) return false;
  if (pair && bilateralPair(action) !== pair) return false;
  if (words.length > 0) {
    const haystack = foldText(`${action.ref} ${action.title} ${action.description} ${action.places.map((p) => `${p.city ?? ''} ${p.region ?? ''}`).join(' ')}`);
    if (!words.every((word) => haystack.includes(word))) return false;
  }
  return true;
}

/**
 * The actions matching every given filter, in year and reference order, one page at a time.
 * A year's plan holds tens of actions, so filtering after one indexed read is simple and exact
 * (accent-insensitive text, for one).
 */
export function listActions(db: Db, filter: ActionFilter, page: { offset?: number; limit?: number } = {}): ActionPage {
  const offset = Math.max(0, Math.floor(page.offset ?? 0));
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(page.limit ?? 50)));
  const pair = filter.pair ? normalisePair(filter.pair) : null;
  if (filter.pair && !pair) return { items: [], total: 0, offset, limit, hasMore: false };
  const words = filter.text ? foldText(filter.text).split(/\s+/).filter(Boolean) : [];
  const candidates = filter.year ? actionsOfYear(db, filter.year) : allActions(db);
  const found = candidates.filter((action) => matches(action, filter, pair, words));
  return { items: found.slice(offset, offset + limit).map(withoutId), total: found.length, offset, limit, hasMore: offset + limit < found.length };
}

/** What the filters of a year can offer: only values some action of that year has. */
export function planFacets(db: Db, year: number): PlanFacets {
  const actions = actionsOfYear(db, year);
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  return {
    states: sorted(actions.flatMap(involvedStates)),
    pairs: sorted(actions.map(bilateralPair).filter((pair): pair is string => pair !== null)),
    types: sorted(actions.map((action) => action.type)) as ActionType[],
    sectors: sorted(actions.flatMap((action) => action.sectors)),
  };
}

export type TimelineKind = 'created' | 'status' | 'note' | 'carried_over';

export interface TimelineEntry {
  kind: TimelineKind;
  at: string;
  by: { name: string | null; authority: { id: string; shortName: string; memberState: string | null } | null };
  statusFrom: ActionStatus | null;
  statusTo: ActionStatus | null;
  note: string | null;
  /** The language the note was written in, from its author's recorded Teams locale; null when unknown. */
  noteLanguage: Language | null;
  /** The action's version right after this entry. */
  version: number | null;
}

export interface ActionDetail extends ActionSummary {
  authorities: Array<{ id: string; shortName: string; memberState: string | null }>;
  sourceNote: string | null;
  /** The action of the next year's plan this one was carried over into. */
  carriedToRef: string | null;
  allowedNext: ActionStatus[];
  /** Newest first. */
  timeline: TimelineEntry[];
  /** The priorities of its year it serves (removed ones still named). */
  priorities?: Priority[];
}

interface TimelineRow {
  kind: TimelineKind;
  at: string;
  userName: string | null;
  authorityId: string | null;
  authorityShortName: string | null;
  authorityState: string | null;
  statusFrom: ActionStatus | null;
  statusTo: ActionStatus | null;
  note: string | null;
  version: number | null;
  noteLocale: string | null;
}

export function actionTimeline(db: Db, actionId: number): TimelineEntry[] {
  const rows = sql(
    db,
    `SELECT u.kind, u.created_at AS at, us.display_name AS userName, au.id AS authorityId, au.short_name AS authorityShortName,
            au.member_state AS authorityState, u.status_from AS statusFrom, u.status_to AS statusTo, u.note, us.locale AS noteLocale,
            u.action_version AS version
       FROM action_updates u
       LEFT JOIN users us ON us.id = u.user_id
       LEFT JOIN authorities au ON au.id = u.authority_id
      WHERE u.action_id = ? ORDER BY u.created_at DESC, u.id DESC`,
  ).all(actionId) as TimelineRow[];
  return rows.map((row) => ({
    kind: row.kind,
    at: row.at,
    by: {
      name: row.userName,
      authority: row.authorityId ? { id: row.authorityId, shortName: row.authorityShortName ?? row.authorityId, memberState: row.authorityState } : null,
    },
    statusFrom: row.statusFrom,
    statusTo: row.statusTo,
    note: row.note,
    noteLanguage: row.note ? writtenLanguage(row.noteLocale) : null,
    version: row.version,
  }));
}

/** One action with everything its card and detail view show, its timeline newest first; null if unknown. */
export function getActionDetail(db: Db, ref: string): ActionDetail | null {
  const action = actionByRef(db, ref);
  if (!action) return null;
  const authorities = sql(
    db,
    `SELECT au.id, au.short_name AS shortName, au.member_state AS memberState
       FROM action_authorities x JOIN authorities au ON au.id = x.authority_id
      WHERE x.action_id = ? ORDER BY au.member_state, au.id`,
  ).all(action.id) as ActionDetail['authorities'];
  const extra = sql(
    db,
    `SELECT a.source_note AS sourceNote, (SELECT c.ref FROM actions c WHERE c.origin_action_id = a.id) AS carriedToRef FROM actions a WHERE a.id = ?`,
  ).get(action.id) as { sourceNote: string | null; carriedToRef: string | null };
  return {
    ...withoutId(action),
    authorities,
    sourceNote: extra.sourceNote,
    carriedToRef: extra.carriedToRef,
    allowedNext: [...allowedNextStatuses(action.status)],
    timeline: actionTimeline(db, action.id),
    priorities: prioritiesOfAction(db, action.ref),
  };
}

/** The newest note written on an action, for the assessment's list of actions not implemented. */
export function lastNotes(db: Db, year: number): Map<string, { note: string; at: string; authorityShortName: string | null; memberState: string | null }> {
  const rows = sql(
    db,
    `SELECT a.ref, u.note, u.created_at AS at, au.short_name AS authorityShortName, au.member_state AS memberState
       FROM action_updates u
       JOIN actions a ON a.id = u.action_id
       LEFT JOIN authorities au ON au.id = u.authority_id
      WHERE a.plan_year = ? AND u.note IS NOT NULL AND u.note <> ''
        AND u.id = (SELECT u2.id FROM action_updates u2 WHERE u2.action_id = u.action_id AND u2.note IS NOT NULL AND u2.note <> ''
                     ORDER BY u2.created_at DESC, u2.id DESC LIMIT 1)`,
  ).all(year) as Array<{ ref: string; note: string; at: string; authorityShortName: string | null; memberState: string | null }>;
  return new Map(rows.map((row) => [row.ref, { note: row.note, at: row.at, authorityShortName: row.authorityShortName, memberState: row.memberState }]));
}
