import type { DomainErrorDetail } from '../errors';
import type { Authority } from '../reference/participants';
import { isNaceDivision } from '../reference/nace';
import {
  ACTION_SCOPES,
  ACTION_TOPICS,
  ACTION_TYPES,
  BILATERAL_STATE_COUNT,
  DESCRIPTION_MAX_LENGTH,
  FUNDING_SOURCES,
  TITLE_MAX_LENGTH,
  type ActionScope,
  type ActionTopic,
  type ActionType,
  type FundingSource,
} from './vocabulary';

/** What a coordinator typed into the new-action form, before any checking. */
export interface ActionDraft {
  year?: string;
  title?: string;
  description?: string;
  type?: string;
  scope?: string;
  states?: string[];
  leadState?: string;
  leadAuthority?: string;
  sectors?: string[];
  topics?: string[];
  period?: string;
  funding?: string[];
}

/** A checked new action, ready to store. */
export interface ActionInput {
  year: number;
  title: string;
  description: string;
  type: ActionType;
  scope: ActionScope;
  states: string[];
  leadState: string;
  leadAuthorityId: string | null;
  sectors: string[];
  topics: ActionTopic[];
  period: string | null;
  funding: FundingSource[];
}

export interface ActionReference {
  memberStates: string[];
  authorities: Authority[];
  /** Plans can be drafted for the next few years, not for the distant past or future. */
  thisYear: number;
}

export type ActionValidation = { ok: true; input: ActionInput } | { ok: false; errors: DomainErrorDetail[] };

const FIRST_PLAN_YEAR = 2023;
const YEARS_AHEAD = 3;

const text = (value: string | undefined) => (value ?? '').trim();
const distinct = (values: string[] | undefined) => [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];

function oneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/**
 * Checks a whole new-action submission and reports every problem at once, each on its field, so
 * the form can come back with all messages and all typed values.
 */
export function validateActionDraft(draft: ActionDraft, reference: ActionReference): ActionValidation {
  const errors: DomainErrorDetail[] = [];
  const required = (field: string) => errors.push({ field, key: 'plan.errors.required' });

  const year = Number(text(draft.year));
  const lastYear = reference.thisYear + YEARS_AHEAD;
  if (!text(draft.year)) required('year');
  else if (!Number.isInteger(year) || year < FIRST_PLAN_YEAR || year > lastYear) errors.push({ field: 'year', key: 'plan.errors.yearOutOfRange', vars: { first: FIRST_PLAN_YEAR, last: lastYear } });

  const title = text(draft.title);
  if (!title) required('title');
  else if (title.length > TITLE_MAX_LENGTH) errors.push({ field: 'title', key: 'plan.errors.tooLong', vars: { max: TITLE_MAX_LENGTH } });

  const description = text(draft.description);
  if (description.length > DESCRIPTION_MAX_LENGTH) errors.push({ field: 'description', key: 'plan.errors.tooLong', vars: { max: DESCRIPTION_MAX_LENGTH } });

  const type = text(draft.type);
  if (!type) required('type');
  else if (!oneOf(ACTION_TYPES, type)) errors.push({ field: 'type', key: 'plan.errors.unknownChoice' });

  const scope = text(draft.scope);
  if (!scope) required('scope');
  else if (!oneOf(ACTION_SCOPES, scope)) errors.push({ field: 'scope', key: 'plan.errors.unknownChoice' });

  const states = distinct(draft.states).map((code) => code.toUpperCase());
  if (states.length === 0) errors.push({ field: 'states', key: 'plan.errors.chooseStates' });
  else if (states.some((code) => !reference.memberStates.includes(code))) errors.push({ field: 'states', key: 'plan.errors.unknownChoice' });
  else if (scope === 'bilateral' && states.length !== BILATERAL_STATE_COUNT) errors.push({ field: 'states', key: 'plan.errors.bilateralTwoStates' });
  else if (scope === 'multilateral' && states.length <= BILATERAL_STATE_COUNT) errors.push({ field: 'states', key: 'plan.errors.multilateralStates' });

  const leadState = text(draft.leadState).toUpperCase();
  if (!leadState) required('leadState');
  else if (!reference.memberStates.includes(leadState)) errors.push({ field: 'leadState', key: 'plan.errors.unknownChoice' });
  else if (states.length > 0 && !states.includes(leadState)) errors.push({ field: 'leadState', key: 'plan.errors.leadNotAmongStates', vars: { state: leadState } });

  const leadAuthorityId = text(draft.leadAuthority) || null;
  if (leadAuthorityId) {
    const authority = reference.authorities.find((candidate) => candidate.id === leadAuthorityId);
    if (!authority) errors.push({ field: 'leadAuthority', key: 'plan.errors.unknownChoice' });
    else if (leadState && authority.memberState !== leadState) errors.push({ field: 'leadAuthority', key: 'plan.errors.authorityNotOfLeadState', vars: { authority: authority.shortName, state: leadState } });
  }

  const sectors = distinct(draft.sectors);
  if (sectors.some((code) => !isNaceDivision(code))) errors.push({ field: 'sectors', key: 'plan.errors.unknownChoice' });
  const topics = distinct(draft.topics);
  if (topics.some((topic) => !oneOf(ACTION_TOPICS, topic))) errors.push({ field: 'topics', key: 'plan.errors.unknownChoice' });
  const funding = distinct(draft.funding);
  if (funding.some((source) => !oneOf(FUNDING_SOURCES, source))) errors.push({ field: 'funding', key: 'plan.errors.unknownChoice' });

  // A month (2025-03), a quarter (2025-Q2) or the whole year (2025), within the plan's year.
  const period = text(draft.period).toUpperCase() || null;
  if (period) {
    const match = /^(\d{4})(?:-(0[1-9]|1[0-2]|Q[1-4]))?$/.exec(period);
    if (!match) errors.push({ field: 'period', key: 'plan.errors.periodFormat' });
    else if (Number.isInteger(year) && Number(match[1]) !== year) errors.push({ field: 'period', key: 'plan.errors.periodOutsideYear', vars: { year } });
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      year,
      title,
      description,
      type: type as ActionType,
      scope: scope as ActionScope,
      states: states.sort(),
      leadState,
      leadAuthorityId,
      sectors: sectors.sort(),
      topics: topics as ActionTopic[],
      period,
      funding: funding as FundingSource[],
    },
  };
}
