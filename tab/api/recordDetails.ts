import type { Db } from '../../src/store/database';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { Member } from '../../src/identity/members';
import type { AlertView } from '../../src/alerts/alertQueries';
import type { EditableAlertItem } from '../../src/alerts/alertReading';
import { mayEditAlert } from '../../src/alerts/editAlert';
import { editLines, withdrawnLine } from '../../src/alerts/alertHistoryText';
import { FRAUD_TYPES, MAX_IDENTIFIERS, NOTE_MAX_LENGTH, SUMMARY_MAX_LENGTH, URGENCIES } from '../../src/alerts/vocabulary';
import { IDENTIFIER_TYPES } from '../../src/companies/identifiers';
import type { InspectionView } from '../../src/inspections/inspectionQueries';
import type { RequestView } from '../../src/requests/requestQueries';
import { findQuestion, topicName } from '../../src/requests/questionCatalogue';
import { authorityName } from '../../src/reference/authorityNames';
import { COUNTRIES, countryName } from '../../src/reference/countries';
import { naceLabel } from '../../src/reference/nace';
import { writtenInMark } from '../../src/i18n/writtenLanguage';
import { channelPostLink } from './channelPostLink';
import type { FacetChoice } from './apiTypes';
import type { AlertEditBody, EditableAlertsBody, RecordDetailBody, Tone } from './alertApiTypes';

/** How the presenters reach what is around the record: the store (its channel post) and the mode. */
export interface DetailContext {
  db: Db;
  mode: 'local' | 'production';
  t: Translate;
  language: Language;
}

// The outbox keys under which the bot posts each record in the cooperation channel
// (bot/alerts/alertHandlers.ts, bot/inspections/inspectionChannel.ts, bot/requests/requestHandlers.ts).
const POST_KEY = { alert: (ref: string) => `alert:${ref}:posted`, inspection: (ref: string) => `cji:${ref}:posted`, request: (ref: string) => `request:${ref}:posted` };

const dateFormats = new Map<Language, Intl.DateTimeFormat>();
function day(iso: string, language: Language): string {
  let format = dateFormats.get(language);
  if (!format) dateFormats.set(language, (format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })));
  return format.format(new Date(iso));
}

const authorityLine = (authority: { shortName: string; memberState: string | null }) => `${authority.memberState ?? 'EU'} · ${authority.shortName}`;
const present = (facts: Array<{ label: string; value: string }>) => facts.filter((fact) => fact.value !== '');
const URGENCY_TONE: Record<AlertView['urgency'], Tone> = { routine: 'default', priority: 'warning', urgent: 'attention' };

function sortedChoices(language: Language, choices: FacetChoice[]): FacetChoice[] {
  const collator = new Intl.Collator(language);
  return choices.sort((a, b) => collator.compare(a.label, b.label));
}

/** The correction form's starting point: the alert as stored, every choice labelled in the reader's language. */
function alertEditBody(t: Translate, language: Language, alert: AlertView): AlertEditBody {
  return {
    version: alert.version,
    values: {
      summary: alert.summary ?? '',
      identifiers: Array.from({ length: MAX_IDENTIFIERS }, (_, i) => {
        const identifier = alert.company.identifiers[i];
        return { type: identifier?.type ?? '', value: identifier?.value ?? '', country: identifier?.country ?? '' };
      }),
      fraudTypes: [...alert.fraudTypes],
      countriesConcerned: [...alert.countriesConcerned],
      urgency: alert.urgency,
    },
    choices: {
      identifierTypes: IDENTIFIER_TYPES.map((key) => ({ key, label: t(`alerts.identifierType.${key}`) })),
      countries: sortedChoices(language, COUNTRIES.map((key) => ({ key, label: countryName(key, language) }))),
      fraudTypes: FRAUD_TYPES.map((key) => ({ key, label: t(`alerts.fraudType.${key}`) })),
      urgencies: URGENCIES.map((key) => ({ key, label: t(`alerts.urgency.${key}`) })),
    },
    maxIdentifiers: MAX_IDENTIFIERS,
    summaryMaxLength: SUMMARY_MAX_LENGTH,
    reasonMaxLength: NOTE_MAX_LENGTH,
  };
}

/** An alert as the channel card shows it, in the reader's language, with its correction form for those who may use it. */
export function alertDetail(context: DetailContext, member: Member, alert: AlertView): RecordDetailBody {
  const { t, language } = context;
  const open = alert.status === 'open';
  const lines: RecordDetailBody['lines'] = [];
  const withdrawn = withdrawnLine(t, language, alert);
  if (withdrawn) lines.push({ text: withdrawn, tone: 'attention' });
  if (alert.closedAt && alert.outcome) lines.push({ text: t('alerts.card.closedLine', { date: day(alert.closedAt, language), outcome: t(`alerts.outcome.${alert.outcome}`) }), tone: 'default' });
  if (open && alert.answersDueOn) lines.push({ text: t('alertEdit.card.answersDue', { date: day(alert.answersDueOn, language) }), tone: 'warning' });
  if (open && alert.notAnswered.length > 0) lines.push({ text: t('alertEdit.card.notAnswered', { authorities: alert.notAnswered.map(authorityLine).join(', ') }), tone: 'default' });
  if (alert.edits.length > 0) lines.push(...editLines(t, language, alert).map((line) => ({ text: line.text, tone: 'default' as const })));
  const mark = alert.summary ? writtenInMark(t, language, alert.summaryLanguage) : '';
  return {
    kind: 'alert',
    ref: alert.ref,
    title: t('alerts.card.title', { ref: alert.ref }),
    heading: alert.company.name,
    badges: [
      { label: t(`alerts.urgency.${alert.urgency}`), tone: URGENCY_TONE[alert.urgency] },
      { label: alert.withdrawal ? t('alertEdit.card.withdrawn') : t(`alerts.status.${alert.status}`), tone: alert.withdrawal ? 'attention' : open ? 'default' : 'success' },
    ],
    facts: present([
      { label: t('alerts.card.reportingAuthority'), value: `${alert.reportingAuthority.shortName} – ${authorityName(alert.reportingAuthority, language)}` },
      { label: t('alertTab.detail.reported'), value: day(alert.createdAt, language) },
      { label: t('alerts.card.identifiers'), value: alert.company.identifiers.map((identifier) => `${t(`alerts.identifierType.${identifier.type}`)}: ${identifier.value}`).join(', ') },
      { label: t('alerts.card.registrationCountry'), value: countryName(alert.registrationCountry, language) },
      { label: t('alerts.card.countriesConcerned'), value: alert.countriesConcerned.map((code) => countryName(code, language)).join(', ') },
      { label: t('alerts.card.fraudTypes'), value: alert.fraudTypes.map((type) => t(`alerts.fraudType.${type}`)).join(', ') },
      { label: t('alerts.card.sector'), value: alert.sector ? `${alert.sector} – ${naceLabel(alert.sector, language)}` : '' },
      { label: t('alerts.card.imiRequestNumber'), value: alert.imiRequestNumber ?? '' },
      { label: t('alerts.card.caseReference'), value: alert.caseReference ?? '' },
    ]),
    text: alert.summary ? (mark ? `${alert.summary} (${mark})` : alert.summary) : t('alerts.card.summaryHidden'),
    lines,
    answersTitle: t('alerts.card.answersHeader'),
    answers: alert.responses.map((response) => ({
      who: authorityLine({ shortName: response.authorityShortName, memberState: response.memberState }),
      what: [
        response.beforeEdit ? `${t(`alerts.answer.${response.answer}`)} ${t('alertEdit.card.beforeEdit')}` : t(`alerts.answer.${response.answer}`),
        response.note ?? '',
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    channelLink: channelPostLink(context.db, context.mode, POST_KEY.alert(alert.ref)),
    alertEdit: open && !alert.withdrawal && mayEditAlert(member, alert) ? alertEditBody(t, language, alert) : null,
  };
}

/** An inspection as its card shows it: what, where, when, who; target companies as typed. */
export function inspectionDetail(context: DetailContext, inspection: InspectionView): RecordDetailBody {
  const { t, language } = context;
  const joining = inspection.participants.filter((participant) => participant.answer === 'join');
  return {
    kind: 'inspection',
    ref: inspection.ref,
    title: t('inspections.card.title', { kind: t(`inspections.kind.${inspection.kind}`), ref: inspection.ref }),
    heading: inspection.city,
    badges: [{ label: t(`inspections.status.${inspection.status}`), tone: inspection.status === 'cancelled' ? 'attention' : inspection.status === 'proposed' || inspection.status === 'postponed' ? 'warning' : 'default' }],
    facts: present([
      { label: t('inspections.card.dates'), value: `${day(inspection.startDate, language)} – ${day(inspection.endDate, language)}` },
      { label: t('inspections.card.place'), value: [inspection.city, inspection.region, countryName(inspection.placeState, language)].filter(Boolean).join(', ') },
      { label: t('inspections.card.host'), value: countryName(inspection.hostState, language) },
      { label: t('inspections.card.lead'), value: authorityLine(inspection.leadAuthority) },
      { label: t('inspections.card.authorities'), value: inspection.authorities.map(authorityLine).join(', ') },
      { label: t('inspections.card.sector'), value: inspection.sector ? `${inspection.sector} – ${naceLabel(inspection.sector, language)}` : '' },
      { label: t('inspections.card.companies'), value: inspection.companies.map((company) => company.name).join(', ') },
      { label: t('inspections.card.action'), value: inspection.action ? `${inspection.action.ref} – ${inspection.action.title}` : '' },
      { label: t('inspections.card.imiRequestNumber'), value: inspection.imiRequestNumber ?? '' },
    ]),
    text: inspection.notes ? inspection.notes : '',
    lines: inspection.statusReason ? [{ text: t('inspections.card.reasonLine', { reason: inspection.statusReason }), tone: 'default' }] : [],
    answersTitle: t('inspections.card.participantsHeader'),
    // People who said they join, by authority: names as Teams gave them.
    answers: joining.map((participant) => ({ who: authorityLine(participant.authority), what: participant.displayName ?? '—' })),
    channelLink: channelPostLink(context.db, context.mode, POST_KEY.inspection(inspection.ref)),
    alertEdit: null,
  };
}

/** An information request as its two sides see it: route, company, deadlines per addressee; answers stay in Teams. */
export function requestDetail(context: DetailContext, request: RequestView): RecordDetailBody {
  const { t, language } = context;
  const topics = [...new Set(request.questionIds.map((id) => findQuestion(id)?.topic).filter((topic): topic is string => topic !== undefined))];
  return {
    kind: 'request',
    ref: request.ref,
    title: t('requests.view.title', { ref: request.ref }),
    heading: request.company.name,
    badges: [
      { label: t(`requests.urgency.${request.urgency}`), tone: request.urgency === 'urgent' ? 'warning' : 'default' },
      { label: t(`requests.status.${request.status}`), tone: request.status === 'withdrawn' ? 'attention' : 'default' },
    ],
    facts: present([
      { label: t('alertTab.detail.from'), value: `${request.requesterShortName} (${request.requesterMemberState})` },
      { label: t('alertTab.detail.sent'), value: day(request.createdAt, language) },
      { label: t('alertTab.detail.topics'), value: topics.map((topic) => topicName(topic, language)).join(', ') },
      { label: t('alertTab.detail.questions'), value: String(request.questionIds.length + (request.freeQuestion ? 1 : 0)) },
      { label: t('alerts.card.imiRequestNumber'), value: request.imiRequestNumber ?? '' },
      { label: t('alerts.card.caseReference'), value: request.caseReference ?? '' },
      { label: t('alertTab.detail.about'), value: [request.alertRef, request.inspectionRef].filter(Boolean).join(', ') },
    ]),
    text: '',
    lines: [{ text: t('alertTab.detail.answersInTeams'), tone: 'default' }],
    answersTitle: t('alertTab.detail.addressees'),
    answers: request.addressees.map((addressee) => ({
      who: `${addressee.memberState} · ${addressee.shortName}`,
      what: t('requests.view.partLine', { status: t(`requests.addresseeStatus.${addressee.status}`), due: day(addressee.dueDate, language) }),
    })),
    channelLink: channelPostLink(context.db, context.mode, POST_KEY.request(request.ref)),
    alertEdit: null,
  };
}

/** The open alerts the reader may correct or withdraw, as one list of My open items. */
export function editableAlertsBody(t: Translate, language: Language, list: { items: EditableAlertItem[]; total: number }): EditableAlertsBody {
  return {
    title: t('alertTab.editable.title', { number: list.total }),
    empty: t('alertTab.editable.empty'),
    more: list.total > list.items.length ? t('mine.more', { number: list.total - list.items.length }) : '',
    items: list.items.map((item) => ({
      ref: item.ref,
      heading: item.companyName,
      line: item.answersDueOn
        ? t('alertTab.editable.lineWithDeadline', { ref: item.ref, urgency: t(`alerts.urgency.${item.urgency}`), date: day(item.createdAt, language), due: day(item.answersDueOn, language) })
        : t('alertTab.editable.line', { ref: item.ref, urgency: t(`alerts.urgency.${item.urgency}`), date: day(item.createdAt, language) }),
      tone: URGENCY_TONE[item.urgency],
    })),
  };
}
