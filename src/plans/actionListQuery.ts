import type { DomainErrorDetail } from '../errors';
import { isNaceDivision } from '../reference/nace';
import { normalisePair, type ActionFilter } from './actionQueries';
import { isActionStatus } from './transitions';
import { ACTION_TYPES, type ActionType } from './vocabulary';

export interface ActionListQuery {
  filter: ActionFilter;
  offset: number;
  limit: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Reads `?year&state&status&type&sector&pair&text&offset&limit`, reporting every bad parameter at once. */
export function readActionListQuery(query: Record<string, unknown>): { ok: true; value: ActionListQuery } | { ok: false; errors: DomainErrorDetail[] } {
  const errors: DomainErrorDetail[] = [];
  const bad = (field: string) => errors.push({ field, key: 'plan.errors.badFilter', vars: { name: field } });

  const yearText = text(query.year);
  const year = yearText ? Number(yearText) : null;
  if (yearText && (!Number.isInteger(year) || year! < 2000 || year! > 2100)) bad('year');

  const state = text(query.state).toUpperCase() || null;
  if (state && !/^[A-Z]{2}$/.test(state)) bad('state');

  const status = text(query.status) || null;
  if (status && !isActionStatus(status)) bad('status');

  const type = text(query.type) || null;
  if (type && !(ACTION_TYPES as readonly string[]).includes(type)) bad('type');

  const sector = text(query.sector) || null;
  if (sector && !isNaceDivision(sector)) bad('sector');

  const pairText = text(query.pair);
  const pair = pairText ? normalisePair(pairText) : null;
  if (pairText && !pair) bad('pair');

  const search = text(query.text).slice(0, 100) || null;
  const offset = text(query.offset) ? Number(text(query.offset)) : 0;
  if (!Number.isInteger(offset) || offset < 0) bad('offset');
  const limit = text(query.limit) ? Number(text(query.limit)) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) bad('limit');

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      filter: { year, state, status: status as ActionFilter['status'], type: type as ActionType | null, sector, pair, text: search },
      offset,
      limit,
    },
  };
}
