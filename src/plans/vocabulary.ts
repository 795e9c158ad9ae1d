/** The fixed vocabularies of the annual plan; labels live in the catalogue under plan.*. */
export const ACTION_STATUSES = ['planned', 'initiated', 'implemented', 'postponed', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_TYPES = [
  'concerted_inspection',
  'joint_inspection',
  'staff_exchange',
  'expert_meeting',
  'workshop',
  'seminar',
  'training',
  'study_visit',
  'information_exchange',
  'awareness_campaign',
  'other',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_SCOPES = ['multilateral', 'bilateral'] as const;
export type ActionScope = (typeof ACTION_SCOPES)[number];

export const ACTION_TOPICS = [
  'posting_of_workers',
  'free_movement',
  'social_security_coordination',
  'osh_accidents',
  'third_country_nationals',
  'temporary_agency_work',
  'information_to_workers_employers',
] as const;
export type ActionTopic = (typeof ACTION_TOPICS)[number];

export const FUNDING_SOURCES = ['national', 'ela', 'eurodetachement', 'other_eu'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** Member states a bilateral action involves: exactly two. */
export const BILATERAL_STATE_COUNT = 2;

export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 4000;
export const NOTE_MAX_LENGTH = 1000;
