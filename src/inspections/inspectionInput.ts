import type { DomainErrorDetail } from '../errors';
import { detectIdentifier, IDENTIFIER_TYPES, normaliseIdentifier, type Identifier, type IdentifierType } from '../companies/identifiers';
import { isNaceDivision } from '../reference/nace';
import { daysBetween, isIsoDate } from './dates';
import { isImiRequestNumber } from '../reference/imi';
import {
  COMPANY_NAME_MAX_LENGTH,
  INSPECTION_KINDS,
  MAX_DURATION_DAYS,
  MAX_TARGET_COMPANIES,
  NOTES_MAX_LENGTH,
  PLACE_MAX_LENGTH,
  type InspectionKind,
} from './vocabulary';

/** Identifier types a target company can be given by; "other" needs a country and is left to alerts. */
export const TARGET_IDENTIFIER_TYPES = IDENTIFIER_TYPES.filter((type) => type !== 'other');

/** What a person typed into the inspection form, before any checking. */
export interface InspectionDraft {
  kind?: string;
  hostState?: string;
  states?: string[];
  authorities?: string[];
  leadAuthority?: string;
  sector?: string;
  city?: string;
  region?: string;
  placeState?: string;
  startDate?: string;
  endDate?: string;
  companies?: Array<{ value?: string; type?: string; name?: string }>;
  actionRef?: string;
  elaSupport?: boolean;
  notes?: string;
  imiRequestNumber?: string;
}

export interface TargetCompany {
  identifier: Identifier;
  /** Needed only for a company the store does not know yet. */
  name: string | null;
}

/** A checked inspection, ready to store. */
export interface InspectionInput {
  kind: InspectionKind;
  hostState: string;
  /** Participating member states, the host included, sorted. */
  states: string[];
  /** Participating authorities, the lead included, sorted. */
  authorityIds: string[];
  leadAuthorityId: string;
  sector: string | null;
  city: string;
  region: string | null;
  placeState: string;
  startDate: string;
  endDate: string;
  companies: TargetCompany[];
  actionRef: string | null;
  elaSupport: boolean;
  notes: string | null;
  imiRequestNumber: string | null;
}

/** What the checks need to know of the store: states, authorities, plan actions and companies. */
export interface InspectionReference {
  memberStates: readonly string[];
  authorities: ReadonlyArray<{ id: string; memberState: string | null }>;
  /** The plan action's status, or null when there is no such action. */
  actionStatus(ref: string): string | null;
  companyKnown(identifier: Identifier): boolean;
}

export type InspectionValidation = { ok: true; input: InspectionInput } | { ok: false; errors: DomainErrorDetail[] };

const trimmed = (value: string | undefined) => (value ?? '').trim();
const codes = (values: string[] | undefined) => [...new Set((values ?? []).map((value) => value.trim().toUpperCase()).filter(Boolean))];

/** A typed number checked as the chosen type, or recognised among the national formats when no type is chosen. */
function recogniseIdentifier(value: string, type: string): { identifier: Identifier } | { problem: string } {
  if (!type) {
    const detected = detectIdentifier(value);
    return detected ? { identifier: detected } : { problem: 'inspections.errors.identifierUnrecognised' };
  }
  if (!(TARGET_IDENTIFIER_TYPES as readonly string[]).includes(type)) return { problem: 'inspections.errors.unknownChoice' };
  const result = normaliseIdentifier(type as IdentifierType, value);
  return result.ok ? { identifier: result.identifier } : { problem: `alerts.errors.identifier.${result.problem}` };
}

function checkTargets(rows: InspectionDraft['companies'], reference: InspectionReference, errors: DomainErrorDetail[]): TargetCompany[] {
  const targets: TargetCompany[] = [];
  (rows ?? []).slice(0, MAX_TARGET_COMPANIES).forEach((row, index) => {
    const field = `companies.${index}`;
    const value = trimmed(row.value);
    const name = trimmed(row.name) || null;
    if (!value) {
      if (name) errors.push({ field, key: 'inspections.errors.identifierMissing' });
      return;
    }
    const recognised = recogniseIdentifier(value, trimmed(row.type));
    if ('problem' in recognised) {
      errors.push({ field, key: recognised.problem });
      return;
    }
    const identifier = recognised.identifier;
    if (name && name.length > COMPANY_NAME_MAX_LENGTH) errors.push({ field, key: 'inspections.errors.tooLong', vars: { max: COMPANY_NAME_MAX_LENGTH } });
    else if (targets.some((known) => known.identifier.type === identifier.type && known.identifier.value === identifier.value)) errors.push({ field, key: 'inspections.errors.identifierRepeated' });
    else if (!name && !reference.companyKnown(identifier)) errors.push({ field, key: 'inspections.errors.companyNameNeeded' });
    else targets.push({ identifier, name });
  });
  return targets;
}

function checkPlace(draft: InspectionDraft, errors: DomainErrorDetail[]): { city: string; region: string | null } {
  const city = trimmed(draft.city);
  if (!city) errors.push({ field: 'city', key: 'inspections.errors.required' });
  else if (city.length > PLACE_MAX_LENGTH) errors.push({ field: 'city', key: 'inspections.errors.tooLong', vars: { max: PLACE_MAX_LENGTH } });
  const region = trimmed(draft.region) || null;
  if (region && region.length > PLACE_MAX_LENGTH) errors.push({ field: 'region', key: 'inspections.errors.tooLong', vars: { max: PLACE_MAX_LENGTH } });
  return { city, region };
}

/** Start and end as calendar days, end not before start, within a plausible span. */
export function checkDates(startDate: string, endDate: string, fields: { start: string; end: string }, errors: DomainErrorDetail[]): void {
  if (!startDate) errors.push({ field: fields.start, key: 'inspections.errors.required' });
  else if (!isIsoDate(startDate)) errors.push({ field: fields.start, key: 'inspections.errors.badDate' });
  if (!endDate) errors.push({ field: fields.end, key: 'inspections.errors.required' });
  else if (!isIsoDate(endDate)) errors.push({ field: fields.end, key: 'inspections.errors.badDate' });
  if (isIsoDate(startDate) && isIsoDate(endDate)) {
    if (endDate < startDate) errors.push({ field: fields.end, key: 'inspections.errors.endBeforeStart' });
    else if (daysBetween(startDate, endDate) > MAX_DURATION_DAYS) errors.push({ field: fields.end, key: 'inspections.errors.spanTooLong', vars: { max: MAX_DURATION_DAYS } });
  }
}

/**
 * Checks a whole submission and reports every problem at once, each on the field it belongs to.
 * The host state joins the participating states and the lead authority the participating
 * authorities, so nobody has to pick them twice.
 */
export function validateInspectionDraft(draft: InspectionDraft, reference: InspectionReference): InspectionValidation {
  const errors: DomainErrorDetail[] = [];
  const kind = trimmed(draft.kind);
  if (!kind) errors.push({ field: 'kind', key: 'inspections.errors.required' });
  else if (!(INSPECTION_KINDS as readonly string[]).includes(kind)) errors.push({ field: 'kind', key: 'inspections.errors.unknownChoice' });

  const memberStates = new Set(reference.memberStates);
  const hostState = trimmed(draft.hostState).toUpperCase();
  if (!hostState) errors.push({ field: 'hostState', key: 'inspections.errors.required' });
  else if (!memberStates.has(hostState)) errors.push({ field: 'hostState', key: 'inspections.errors.unknownChoice' });

  const chosenStates = codes(draft.states);
  const states = [...new Set([...chosenStates, ...(memberStates.has(hostState) ? [hostState] : [])])].sort();
  if (chosenStates.some((state) => !memberStates.has(state))) errors.push({ field: 'states', key: 'inspections.errors.unknownChoice' });
  else if (states.length < 2) errors.push({ field: 'states', key: 'inspections.errors.atLeastTwoStates' });

  const authorities = new Map(reference.authorities.filter((a) => a.memberState).map((a) => [a.id, a.memberState as string]));
  const leadAuthorityId = trimmed(draft.leadAuthority).toUpperCase();
  const leadState = authorities.get(leadAuthorityId);
  if (!leadAuthorityId) errors.push({ field: 'leadAuthority', key: 'inspections.errors.required' });
  else if (!leadState) errors.push({ field: 'leadAuthority', key: 'inspections.errors.unknownChoice' });
  else if (!states.includes(leadState)) errors.push({ field: 'leadAuthority', key: 'inspections.errors.leadOutsideStates' });

  const chosenAuthorities = codes(draft.authorities);
  const authorityIds = [...new Set([...chosenAuthorities, ...(leadState ? [leadAuthorityId] : [])])].sort();
  if (chosenAuthorities.some((id) => !authorities.has(id))) errors.push({ field: 'authorities', key: 'inspections.errors.unknownChoice' });
  else if (chosenAuthorities.some((id) => !states.includes(authorities.get(id)!))) errors.push({ field: 'authorities', key: 'inspections.errors.authorityOutsideStates' });
  else if (states.length >= 2) {
    const without = states.filter((state) => !authorityIds.some((id) => authorities.get(id) === state));
    if (without.length > 0) errors.push({ field: 'authorities', key: 'inspections.errors.stateWithoutAuthority', vars: { states: without.join(', ') } });
  }

  const sector = trimmed(draft.sector) || null;
  if (sector && !isNaceDivision(sector)) errors.push({ field: 'sector', key: 'inspections.errors.unknownSector' });

  const { city, region } = checkPlace(draft, errors);
  const placeState = trimmed(draft.placeState).toUpperCase();
  if (!placeState) errors.push({ field: 'placeState', key: 'inspections.errors.required' });
  else if (!memberStates.has(placeState)) errors.push({ field: 'placeState', key: 'inspections.errors.unknownChoice' });
  else if (kind === 'joint' && hostState && placeState !== hostState) errors.push({ field: 'placeState', key: 'inspections.errors.jointInHostState' });
  else if (kind === 'concerted' && !states.includes(placeState)) errors.push({ field: 'placeState', key: 'inspections.errors.placeOutsideStates' });

  const startDate = trimmed(draft.startDate);
  const endDate = trimmed(draft.endDate);
  checkDates(startDate, endDate, { start: 'startDate', end: 'endDate' }, errors);

  const companies = checkTargets(draft.companies, reference, errors);

  const actionRef = trimmed(draft.actionRef) || null;
  if (actionRef) {
    const status = reference.actionStatus(actionRef);
    if (status === null) errors.push({ field: 'actionRef', key: 'inspections.errors.unknownAction' });
    else if (status === 'cancelled') errors.push({ field: 'actionRef', key: 'inspections.errors.actionCancelled' });
  }

  const notes = trimmed(draft.notes) || null;
  if (notes && notes.length > NOTES_MAX_LENGTH) errors.push({ field: 'notes', key: 'inspections.errors.tooLong', vars: { max: NOTES_MAX_LENGTH } });

  const imiRequestNumber = trimmed(draft.imiRequestNumber) || null;
  if (imiRequestNumber && !isImiRequestNumber(imiRequestNumber)) errors.push({ field: 'imiRequestNumber', key: 'inspections.errors.badImiRequestNumber' });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      kind: kind as InspectionKind,
      hostState,
      states,
      authorityIds,
      leadAuthorityId,
      sector,
      city,
      region,
      placeState,
      startDate,
      endDate,
      companies,
      actionRef,
      elaSupport: draft.elaSupport === true,
      notes,
      imiRequestNumber,
    },
  };
}
