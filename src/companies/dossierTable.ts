import { stringify } from 'csv-stringify/sync';
import type { Language } from '../i18n/languages';
import type { Translate } from '../i18n/translate';
import { countryName } from '../reference/countries';
import { naceLabel } from '../reference/nace';
import type { DossierExport } from './dossierExport';

export const DOSSIER_SECTIONS = ['company', 'identifiers', 'alerts', 'answers', 'inspections', 'requests'] as const;
export type DossierSection = (typeof DOSSIER_SECTIONS)[number];

/** One line of the exported dossier, already in the reader's language: the page and the CSV show the same. */
export interface DossierRow {
  reference: string;
  date: string;
  status: string;
  authority: string;
  detail: string;
}

export const DOSSIER_COLUMNS = ['reference', 'date', 'status', 'authority', 'detail'] as const;

const dateFormats = new Map<Language, Intl.DateTimeFormat>();

export function dossierDate(iso: string, language: Language): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(language, format);
  }
  return format.format(new Date(iso));
}

function authorityLabel(memberState: string | null, shortName: string): string {
  return memberState ? `${memberState} · ${shortName}` : shortName;
}

/** The dossier's sections as rows in the reader's language; free text (summaries, notes) stays as written. */
export function dossierRows(dossier: DossierExport, t: Translate, language: Language): Record<DossierSection, DossierRow[]> {
  const date = (iso: string) => dossierDate(iso, language);
  const { company } = dossier;
  return {
    company: [
      {
        reference: company.name,
        date: '',
        status: '',
        authority: '',
        detail: [company.country ? countryName(company.country, language) : null, company.sector ? `${company.sector} – ${naceLabel(company.sector, language)}` : null].filter(Boolean).join(' · '),
      },
    ],
    identifiers: dossier.company.identifiers.map((identifier) => ({
      reference: identifier.value,
      date: '',
      status: '',
      authority: '',
      detail: `${t(`alerts.identifierType.${identifier.type}`)} · ${countryName(identifier.country, language)}`,
    })),
    alerts: dossier.alerts.map((alert) => ({
      reference: alert.ref,
      date: date(alert.createdAt),
      status: alert.outcome ? `${t(`alerts.status.${alert.status}`)} (${t(`alerts.outcome.${alert.outcome}`)})` : t(`alerts.status.${alert.status}`),
      authority: authorityLabel(alert.reportingAuthority.memberState, alert.reportingAuthority.shortName),
      detail: [
        t('dossierExport.alertDetail', { urgency: t(`alerts.urgency.${alert.urgency}`), fraud: alert.fraudTypes.map((type) => t(`alerts.fraudType.${type}`)).join(', ') }),
        alert.imiRequestNumber ? `IMI ${alert.imiRequestNumber}` : null,
        alert.caseReference,
        alert.personalDataHidden ? t('dossierExport.summaryHidden') : alert.summary,
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    answers: dossier.alerts.flatMap((alert) =>
      alert.responses.map((response) => ({
        reference: alert.ref,
        date: date(response.respondedAt),
        status: t(`alerts.answer.${response.answer}`),
        authority: authorityLabel(response.memberState, response.authorityShortName),
        detail: alert.personalDataHidden ? '' : (response.note ?? ''),
      })),
    ),
    inspections: dossier.inspections.map((inspection) => ({
      reference: inspection.ref,
      date: inspection.startDate === inspection.endDate ? date(inspection.startDate) : `${date(inspection.startDate)} – ${date(inspection.endDate)}`,
      status: t(`inspections.status.${inspection.status}`),
      authority: inspection.leadShortName ?? '',
      detail: [[inspection.city, inspection.placeState ? countryName(inspection.placeState, language) : null].filter(Boolean).join(', '), inspection.imiRequestNumber ? `IMI ${inspection.imiRequestNumber}` : null]
        .filter(Boolean)
        .join(' · '),
    })),
    requests: dossier.requests.map((request) => ({
      reference: request.ref,
      date: date(request.createdAt),
      status: t(`requests.status.${request.status}`),
      authority: authorityLabel(request.requesterMemberState, request.requesterShortName),
      detail: t('dossierExport.requestDetail', {
        addressees: request.addressees
          .map((addressee) => t('dossierExport.addressee', { authority: authorityLabel(addressee.memberState, addressee.shortName), status: t(`requests.addresseeStatus.${addressee.status}`), due: date(addressee.dueDate) }))
          .join('; '),
      }),
    })),
  };
}

// A spreadsheet would run a cell starting with one of these as a formula (as in the plan's CSV files).
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The dossier as one CSV table (section, reference, date, status, authority, detail), headers in the reader's language. */
export function dossierCsv(dossier: DossierExport, t: Translate, language: Language): string {
  const rows = dossierRows(dossier, t, language);
  const header = [t('dossierExport.columns.section'), ...DOSSIER_COLUMNS.map((column) => t(`dossierExport.columns.${column}`))];
  const lines = DOSSIER_SECTIONS.flatMap((section) => rows[section].map((row) => [t(`dossierExport.sections.${section}`), ...DOSSIER_COLUMNS.map((column) => row[column])]));
  // The byte-order mark makes Excel read the accents of every language correctly.
  return `\ufeff${stringify([header, ...lines].map((line) => line.map(cell)), { record_delimiter: '\r\n' })}`;
}
