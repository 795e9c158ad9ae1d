/**
 * The JSON bodies of the tab API's alert routes and of the detail that "My open items" opens for
 * an alert, an inspection or an information request (as apiTypes.ts does for the plan). Every text
 * is already in the reader's language; the tab lays it out. Types only.
 */
import type { FacetChoice } from './apiTypes';

export type RecordKind = 'alert' | 'inspection' | 'request';

export type Tone = 'default' | 'warning' | 'attention' | 'success';

/** What the correction form of an alert starts from: the stored values and the choices, labelled. */
export interface AlertEditBody {
  version: number;
  values: {
    summary: string;
    /** Always `maxIdentifiers` rows; an empty row is one more the person may fill. */
    identifiers: Array<{ type: string; value: string; country: string }>;
    fraudTypes: string[];
    countriesConcerned: string[];
    urgency: string;
  };
  choices: { identifierTypes: FacetChoice[]; countries: FacetChoice[]; fraudTypes: FacetChoice[]; urgencies: FacetChoice[] };
  maxIdentifiers: number;
  summaryMaxLength: number;
  reasonMaxLength: number;
}

/**
 * GET /api/alerts/:ref, /api/open-items/inspection/:ref, /api/open-items/request/:ref: a record as
 * its reader may see it, with a link to its channel post when there is one.
 */
export interface RecordDetailBody {
  kind: RecordKind;
  ref: string;
  title: string;
  /** The company (alert, request) or the place (inspection), as typed. */
  heading: string;
  badges: Array<{ label: string; tone: Tone }>;
  facts: Array<{ label: string; value: string }>;
  /** Free text as written (a summary, notes), with its "written in" mark; '' for none. */
  text: string;
  /** Lines under the facts: deadline, who has not answered, corrections, withdrawal. */
  lines: Array<{ text: string; tone: Tone }>;
  /** Answers of the authorities (alert), addressees (request), participants (inspection). */
  answersTitle: string;
  answers: Array<{ who: string; what: string }>;
  /** A Teams deep link to the record's post in the cooperation channel; null when it has none (or locally). */
  channelLink: string | null;
  /** Present when the reader may correct or withdraw this alert now. */
  alertEdit: AlertEditBody | null;
}

/** POST /api/alerts/:ref/edit and /withdraw: the alert as it is after the change. */
export interface AlertChangedBody extends RecordDetailBody {
  changed: 'edited' | 'withdrawn';
}

/** GET /api/alerts/editable: the open alerts the reader may correct or withdraw, newest first. */
export interface EditableAlertsBody {
  title: string;
  empty: string;
  more: string;
  items: Array<{ ref: string; heading: string; line: string; tone: Tone }>;
}
