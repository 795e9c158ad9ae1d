/** The fixed typology of the alert network; labels live in the catalogue under alerts.*. */
export const FRAUD_TYPES = [
  'letterbox_company',
  'bogus_self_employment',
  'fraudulent_posting',
  'undeclared_work',
  'under_declared_work',
  'contribution_evasion',
  'posting_rules_breach',
  'abusive_temporary_agency_work',
  'irregular_third_country_employment',
  'labour_exploitation',
  'concealed_accidents',
  'other',
] as const;
export type FraudType = (typeof FRAUD_TYPES)[number];

export const URGENCIES = ['routine', 'priority', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const ANSWERS = ['known', 'no_record', 'investigating'] as const;
export type Answer = (typeof ANSWERS)[number];

export const OUTCOMES = ['confirmed', 'not_confirmed', 'referred_to_imi', 'inspection_scheduled'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ALERT_STATUSES = ['open', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const SUMMARY_MAX_LENGTH = 2000;
export const COMPANY_NAME_MAX_LENGTH = 200;
export const NOTE_MAX_LENGTH = 500;
export const MAX_IDENTIFIERS = 3;
