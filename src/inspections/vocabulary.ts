/** The fixed vocabularies of concerted and joint inspections; labels live in the catalogue under inspections.*. */
export const INSPECTION_KINDS = ['concerted', 'joint'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const INSPECTION_STATUSES = ['proposed', 'agreed', 'carried_out', 'report_shared', 'closed', 'postponed', 'cancelled'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

/**
 * ELA's process as a state machine: request -> agreement -> inspection -> post-inspection report ->
 * closing. Postponing (new dates) and cancelling (a reason) are possible until it has taken place;
 * a postponed inspection is agreed again on its new dates, postponed once more, or cancelled when
 * the new dates never come (the lead authority decides, as for any cancellation).
 */
export const TRANSITIONS: Readonly<Record<InspectionStatus, readonly InspectionStatus[]>> = {
  proposed: ['agreed', 'postponed', 'cancelled'],
  agreed: ['carried_out', 'postponed', 'cancelled'],
  postponed: ['agreed', 'postponed', 'cancelled'],
  carried_out: ['report_shared'],
  report_shared: ['closed'],
  closed: [],
  cancelled: [],
};

/**
 * Cancelling and closing end the inspection for every state: the lead authority (or a
 * coordinator) decides them. Any participating authority may agree, report it carried out or
 * postpone it, as they do today by e-mail.
 */
export const LEAD_ONLY_STATUSES: readonly InspectionStatus[] = ['cancelled', 'closed'];

/** People answer "I'll join" / "Can't join" until the inspection has taken place. */
export const RSVP_OPEN_STATUSES: readonly InspectionStatus[] = ['proposed', 'agreed', 'postponed'];
export const RSVP_ANSWERS = ['join', 'decline'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

export const REMINDER_KINDS = ['starts_soon', 'report_due'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const isReminderKind = (value: unknown): value is ReminderKind => (REMINDER_KINDS as readonly unknown[]).includes(value);

export const NOTES_MAX_LENGTH = 1000;
export const PLACE_MAX_LENGTH = 100;
export const COMPANY_NAME_MAX_LENGTH = 200;
export const REASON_MAX_LENGTH = 500;
export const FOLLOW_UP_MAX_LENGTH = 1000;
export const MAX_TARGET_COMPANIES = 3;
/** A longer span is almost always a typo in the year; real operations last days, not seasons. */
export const MAX_DURATION_DAYS = 90;
export const MAX_COUNT = 1_000_000;
