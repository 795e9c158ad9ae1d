import { DomainError } from '../../src/errors';
import type { InspectionDraft } from '../../src/inspections/inspectionInput';

/** The message keys of the domain error a command throws; fails if it throws none or another error. */
export function errorKeys(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.details.map((d) => d.key);
    throw error;
  }
  throw new Error('expected a domain error');
}

/** The same for a command that answers with a promise (a group-committed one). */
export async function refusalKeys(fn: () => Promise<unknown>): Promise<string[]> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof DomainError) return error.details.map((d) => d.key);
    throw error;
  }
  throw new Error('expected a domain error');
}

/** A complete, valid alert draft, as the domain takes it (the form's values already split into lists). */
export const ALERT_DRAFT = {
  companyName: 'Construções Atlântico Demo, Lda (fictional)',
  identifiers: [{ type: 'pt_nipc', value: '599 004 002' }],
  registrationCountry: 'PT',
  countriesConcerned: ['FR', 'ES'],
  sector: '43',
  fraudTypes: ['letterbox_company'],
  urgency: 'priority',
  summary: 'Posted workers on two sites without PD A1.',
};

/** A complete, valid joint inspection draft: Spain hosts, Portugal's ACT takes part, in road transport. */
export const INSPECTION_DRAFT: InspectionDraft = {
  kind: 'joint',
  hostState: 'ES',
  states: ['PT'],
  authorities: ['PT-ACT'],
  leadAuthority: 'ES-ITSS',
  sector: '49',
  city: 'Badajoz',
  region: 'Extremadura',
  placeState: 'ES',
  startDate: '2026-03-16',
  endDate: '2026-03-18',
  companies: [],
  actionRef: '',
  elaSupport: false,
  notes: '',
};
