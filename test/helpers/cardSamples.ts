import type { AlertView } from '../../src/alerts/alertQueries';
import { FRAUD_TYPES } from '../../src/alerts/vocabulary';
import type { InspectionView } from '../../src/inspections/inspectionQueries';
import type { ActionDetail } from '../../src/plans/actionQueries';
import { ACTION_TOPICS, FUNDING_SOURCES } from '../../src/plans/vocabulary';
import { loadParticipants, type Authority } from '../../src/reference/participants';

/**
 * Cards at their largest, built from the views' own input types. `text` stands for whatever people
 * typed (company names, summaries, notes, places, titles, names): a long string for size checks,
 * hostile markdown for the checks that user text is shown literally.
 */

export const LONG = 'Ç'.repeat(200);

/** The real authorities (reference data, not typed by users), in every language they have. */
export const AUTHORITIES: Authority[] = loadParticipants().authorities.map((a) => ({ ...a, names: a.names as Record<string, string> }));
export const MEMBER_STATES = ['ES', 'FR', 'IT', 'PT'].map((code) => ({ code, names: { en: code } }));

export function sampleAlert(overrides: Partial<AlertView> = {}, text = LONG): AlertView {
  return {
    id: 1,
    ref: 'AL-2026-0042',
    status: 'open',
    urgency: 'urgent',
    company: { id: 7, name: text, identifiers: [{ type: 'pt_nipc', country: 'PT', value: '599004002' }, { type: 'eu_vat', country: 'PT', value: 'PT599004002' }, { type: 'other', country: 'DE', value: text === LONG ? 'X'.repeat(40) : text }] },
    registrationCountry: 'PT',
    countriesConcerned: ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'RO', 'SK', 'SI', 'ES', 'SE'],
    fraudTypes: [...FRAUD_TYPES],
    sector: '43',
    summary: text === LONG ? 'S'.repeat(2000) : text,
    summaryLanguage: 'pt',
    imiRequestNumber: text === LONG ? 'IMI-'.repeat(10) : text,
    caseReference: text === LONG ? 'C'.repeat(60) : text,
    reportingAuthority: { id: 'PT-ACT', shortName: 'ACT', memberState: 'PT', names: { en: 'Authority for Working Conditions', local: 'Autoridade para as Condições do Trabalho' } },
    reportingUserId: 1,
    createdAt: '2026-03-12T10:00:00Z',
    outcome: null,
    closedAt: null,
    personalDataHidden: false,
    responses: ['ES-ITSS', 'ES-TGSS', 'FR-DSS', 'FR-URSSAF', 'FR-DGT', 'IT-INL', 'IT-MLPS', 'PT-ISS', 'EU-ELA'].map((id) => ({
      authorityId: id,
      authorityShortName: id.split('-')[1],
      memberState: id.split('-')[0],
      answer: 'investigating' as const,
      note: text === LONG ? 'N'.repeat(500) : text,
      noteLanguage: 'es' as const,
      respondedAt: '2026-03-13T10:00:00Z',
      beforeEdit: true,
    })),
    // Many corrections, each changing every field: the card shows the latest few.
    edits: Array.from({ length: 12 }, (_, i) => ({
      at: `2026-03-${String(14 + i).padStart(2, '0')}T10:00:00Z`,
      by: { shortName: 'ACT', memberState: 'PT' },
      changes: [
        { field: 'summary' as const },
        { field: 'identifiers' as const, added: ['other:' + 'X'.repeat(64)], removed: ['pt_nipc:599004002'] },
        { field: 'fraudTypes' as const, added: [...FRAUD_TYPES], removed: [] },
        { field: 'countriesConcerned' as const, added: ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI'], removed: ['DE', 'GR', 'HU', 'IE'] },
        { field: 'urgency' as const, from: 'routine' as const, to: 'urgent' as const },
      ],
    })),
    withdrawal: null,
    answersDueOn: '2026-03-16',
    notAnswered: AUTHORITIES.filter((a) => a.memberState && a.memberState !== 'PT').map((a) => ({ id: a.id, shortName: a.shortName, memberState: a.memberState })),
    version: 3,
    ...overrides,
  };
}

/** An inspection with every list at its longest: four states, every authority, 40 answers, the whole outcome. */
export function sampleInspection(overrides: Partial<InspectionView> = {}, text = LONG): InspectionView {
  const authorities = AUTHORITIES.filter((a) => a.memberState).map((a) => ({ id: a.id, shortName: a.shortName, memberState: a.memberState }));
  return {
    id: 1,
    ref: 'CJI-2026-007',
    kind: 'joint',
    status: 'proposed',
    hostState: 'ES',
    states: ['ES', 'FR', 'IT', 'PT'],
    authorities,
    leadAuthority: authorities[2],
    sector: '49',
    city: text.slice(0, 100),
    region: text.slice(0, 100),
    placeState: 'ES',
    startDate: '2026-05-12',
    endDate: '2026-08-09',
    action: { id: 3, ref: '2026-07', title: text, status: 'initiated', version: 4, leadAuthority: authorities[2] },
    elaSupport: true,
    notesLanguage: 'fr',
    imiRequestNumber: text.slice(0, 40),
    notes: text === LONG ? LONG.repeat(5) : text,
    statusReason: text === LONG ? LONG.repeat(3).slice(0, 500) : text,
    outcome: {
      companiesInspected: 1_000_000,
      workersChecked: 1_000_000,
      infringements: Object.fromEntries(FRAUD_TYPES.map((type) => [type, 1_000_000])),
      followUp: text === LONG ? LONG.repeat(5) : text,
      reportReference: text === LONG ? 'X'.repeat(60) : text,
      reportedAt: '2026-06-01T10:00:00Z',
      reportedByAuthorityId: 'ES-ITSS',
      formId: null,
    },
    companies: Array.from({ length: 4 }, (_, i) => ({
      id: i + 1,
      name: text,
      identifiers: sampleAlert({}, text).company.identifiers,
      alertRefs: ['AL-2026-0001', 'AL-2026-0002', 'AL-2026-0003', 'AL-2026-0004', 'AL-2026-0005'],
    })),
    participants: Array.from({ length: 40 }, (_, i) => ({
      userId: i + 1,
      displayName: text.slice(0, 100),
      authority: authorities[i % authorities.length],
      answer: i % 3 ? ('join' as const) : ('decline' as const),
      answeredAt: '2026-04-01T10:00:00Z',
    })),
    createdByUserId: 1,
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    version: 12,
    ...overrides,
  };
}

/** A plan action whose every typed field (title, description, reason, places, notes, names) is `text`. */
export function sampleAction(text: string): ActionDetail {
  return {
    ref: '2024-142',
    year: 2024,
    title: text,
    description: text,
    type: 'information_exchange',
    scope: 'multilateral',
    status: 'postponed',
    statusReason: text,
    leadState: 'PT',
    leadAuthority: { id: 'PT-ACT', shortName: 'ACT' },
    states: ['ES', 'FR', 'IT', 'PT'],
    sectors: ['43'],
    topics: [...ACTION_TOPICS],
    period: '2024-Q4',
    startDate: '2024-10-01',
    endDate: '2024-12-20',
    places: [{ city: text, region: null, country: 'PT' }],
    funding: [...FUNDING_SOURCES],
    originRef: '2023-115',
    version: 57,
    updatedAt: '2024-10-03T14:05:00Z',
    authorities: AUTHORITIES.map((a) => ({ id: a.id, shortName: a.shortName, memberState: a.memberState })),
    sourceNote: text,
    carriedToRef: '2025-101',
    allowedNext: ['planned', 'initiated', 'cancelled'],
    timeline: [{ kind: 'note', at: '2024-10-03T14:05:00Z', by: { name: text, authority: { id: 'ES-TGSS', shortName: 'TGSS', memberState: 'ES' } }, statusFrom: null, statusTo: null, note: text, noteLanguage: 'fr', version: 2 }],
  };
}
