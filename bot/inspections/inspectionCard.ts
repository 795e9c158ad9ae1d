import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { InspectionParticipant, InspectionView } from '../../src/inspections/inspectionQueries';
import { allowedTransitions } from '../../src/inspections/inspectionLifecycle';
import { RSVP_OPEN_STATUSES, type InspectionStatus } from '../../src/inspections/vocabulary';
import { FRAUD_TYPES } from '../../src/alerts/vocabulary';
import { countryName } from '../../src/reference/countries';
import { naceLabel } from '../../src/reference/nace';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';
import { writtenInMark } from '../cards/readerViews';
import { identifierText } from '../alerts/alertCard';
import { datesText, kindLabel, placeText, statesText, statusLabel } from './inspectionText';

const STATUS_COLOR: Record<InspectionStatus, string> = {
  proposed: 'Accent',
  agreed: 'Good',
  carried_out: 'Good',
  report_shared: 'Good',
  closed: 'Default',
  postponed: 'Warning',
  cancelled: 'Attention',
};

/** Names shown per answer and state; the count says how many more there are. */
const NAMES_SHOWN = 6;
/** The action statuses after which offering "mark implemented" makes no sense. */
const ACTION_DONE = ['implemented', 'cancelled'];

function names(t: Translate, participants: InspectionParticipant[]): string {
  const shown = participants.slice(0, NAMES_SHOWN).map((p) => `${p.displayName?.slice(0, 60) || p.authority.shortName} (${p.authority.shortName})`);
  if (participants.length > NAMES_SHOWN) shown.push(t('inspections.card.more', { count: participants.length - NAMES_SHOWN }));
  return shown.join(', ');
}

/** One line per participating state (and ELA when its staff answered): who joins, who cannot. */
function participantRows(t: Translate, language: Language, inspection: InspectionView) {
  const groups = [...inspection.states, ...(inspection.participants.some((p) => !p.authority.memberState) ? [null] : [])];
  return groups.map((state) => {
    const ofState = inspection.participants.filter((p) => p.authority.memberState === state);
    const joining = ofState.filter((p) => p.answer === 'join');
    const declining = ofState.filter((p) => p.answer === 'decline');
    const parts = [
      ...(joining.length > 0 ? [t('inspections.card.joining', { count: joining.length, names: names(t, joining) })] : []),
      ...(declining.length > 0 ? [t('inspections.card.declining', { count: declining.length, names: names(t, declining) })] : []),
    ];
    return { title: state ? countryName(state, language) : t('inspections.card.elaRow'), value: parts.length > 0 ? parts.join(' · ') : t('inspections.card.noAnswerYet') };
  });
}

function outcomeFacts(t: Translate, language: Language, inspection: InspectionView) {
  const outcome = inspection.outcome;
  if (!outcome) return [];
  const infringements = FRAUD_TYPES.filter((type) => (outcome.infringements[type] ?? 0) > 0).map((type) => `${t(`alerts.fraudType.${type}`)}: ${outcome.infringements[type]}`);
  return [
    { title: t('inspections.card.companiesInspected'), value: String(outcome.companiesInspected) },
    { title: t('inspections.card.workersChecked'), value: String(outcome.workersChecked) },
    { title: t('inspections.card.infringements'), value: infringements.length > 0 ? infringements.join(', ') : t('inspections.card.noInfringements') },
    { title: t('inspections.card.followUp'), value: outcome.followUp },
    { title: t('inspections.card.reportReference'), value: outcome.reportReference },
    { title: t('inspections.card.reportedOn'), value: `${formatDate(outcome.reportedAt, language)} (${inspection.authorities.find((a) => a.id === outcome.reportedByAuthorityId)?.shortName ?? outcome.reportedByAuthorityId})` },
  ];
}

function statusLine(t: Translate, inspection: InspectionView): string {
  if (inspection.status === 'cancelled') return t('inspections.card.cancelledLine', { reason: inspection.statusReason ?? '' });
  if (inspection.status === 'postponed') {
    return inspection.statusReason ? `${t('inspections.card.postponedLine')} ${t('inspections.card.reasonLine', { reason: inspection.statusReason })}` : t('inspections.card.postponedLine');
  }
  return '';
}

/**
 * Once carried out, the lead of the linked plan action is offered to mark the action implemented,
 * or first initiated when the plan has not seen it start: the plan only moves one step at a time.
 */
function actionOffer(t: Translate, inspection: InspectionView) {
  const action = inspection.action;
  const carriedOut = ['carried_out', 'report_shared', 'closed'].includes(inspection.status);
  if (!action || !carriedOut || ACTION_DONE.includes(action.status)) return null;
  const status = action.status === 'initiated' ? 'implemented' : 'initiated';
  return {
    line: t('inspections.card.actionOffer', { ref: action.ref, lead: action.leadAuthority?.shortName ?? '—' }),
    title: t(status === 'implemented' ? 'inspections.card.markImplemented' : 'inspections.card.markInitiated', { ref: action.ref }),
    ref: action.ref,
    status,
    version: action.version,
  };
}

/** The inspection as the channel sees it: facts, who joins, outcome, and the buttons of its status. */
export function inspectionCard(t: Translate, language: Language, inspection: InspectionView, notice: string | null = null): AdaptiveCard {
  const next = allowedTransitions(inspection.status);
  const facts = [
    { title: t('inspections.card.dates'), value: datesText(inspection.startDate, inspection.endDate, language) },
    { title: t('inspections.card.place'), value: placeText(inspection, language) },
    { title: t('inspections.card.host'), value: countryName(inspection.hostState, language) },
    { title: t('inspections.card.states'), value: statesText(inspection.states, language) },
    { title: t('inspections.card.authorities'), value: inspection.authorities.map((a) => `${a.memberState ?? 'EU'} · ${a.shortName}`).join(', ') },
    { title: t('inspections.card.lead'), value: `${inspection.leadAuthority.shortName} (${inspection.leadAuthority.memberState ?? 'EU'})` },
    ...(inspection.sector ? [{ title: t('inspections.card.sector'), value: `${inspection.sector} – ${naceLabel(inspection.sector, language)}` }] : []),
    ...(inspection.action ? [{ title: t('inspections.card.action'), value: `${inspection.action.ref} – ${inspection.action.title}` }] : []),
    ...(inspection.imiRequestNumber ? [{ title: t('inspections.card.imiRequestNumber'), value: inspection.imiRequestNumber }] : []),
    { title: t('inspections.card.elaSupport'), value: t(inspection.elaSupport ? 'inspections.card.elaRequested' : 'inspections.card.elaNotRequested') },
  ];
  return renderCard('cjiCard', {
    notice: notice ?? '',
    ref: inspection.ref,
    title: t('inspections.card.title', { kind: kindLabel(t, inspection.kind), ref: inspection.ref }),
    statusLabel: statusLabel(t, inspection.status),
    statusColor: STATUS_COLOR[inspection.status],
    statusLine: statusLine(t, inspection),
    facts,
    companies: inspection.companies.slice(0, 10).map((company) => ({
      companyId: String(company.id),
      name: company.name,
      identifiers: company.identifiers.slice(0, 4).map((identifier) => identifierText(t, identifier)).join(', '),
      alerts: company.alertRefs.length > 0 ? t('inspections.card.companyAlerts', { refs: company.alertRefs.slice(0, 5).join(', ') }) : '',
    })),
    askForInformation: t('requests.askForInformation'),
    notes: inspection.notes ?? '',
    notesWrittenIn: inspection.notes ? writtenInMark(t, language, inspection.notesLanguage) : '',
    outcome: outcomeFacts(t, language, inspection),
    participants: participantRows(t, language, inspection),
    rules: t('inspections.card.rules', { lead: inspection.leadAuthority.shortName }),
    offer: actionOffer(t, inspection) ?? { line: '', title: '', ref: '', version: 0 },
    hasOffer: actionOffer(t, inspection) !== null,
    can: {
      rsvp: RSVP_OPEN_STATUSES.includes(inspection.status),
      agree: next.includes('agreed'),
      carryOut: next.includes('carried_out'),
      report: next.includes('report_shared'),
      close: next.includes('closed'),
      postpone: next.includes('postponed'),
      cancel: next.includes('cancelled'),
    },
    labels: t('inspections.card', { returnObjects: true }) as unknown as Record<string, string>,
    requiredMessage: t('inspections.errors.required'),
  });
}
