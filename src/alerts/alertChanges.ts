import type { Urgency } from './vocabulary';

/**
 * What one edit changed, as codes (the card words them in each reader's language): a set gains
 * and loses members, the urgency moves from one level to another, a text is rewritten.
 */
export type AlertChange =
  | { field: 'summary' }
  | { field: 'identifiers'; added: string[]; removed: string[] }
  | { field: 'fraudTypes'; added: string[]; removed: string[] }
  | { field: 'countriesConcerned'; added: string[]; removed: string[] }
  | { field: 'urgency'; from: Urgency; to: Urgency };

export const EDITABLE_FIELDS = ['summary', 'identifiers', 'fraudTypes', 'countriesConcerned', 'urgency'] as const;

function setChange(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } | null {
  const added = after.filter((value) => !before.includes(value)).sort();
  const removed = before.filter((value) => !after.includes(value)).sort();
  return added.length + removed.length > 0 ? { added, removed } : null;
}

/** An identifier as the history names it: its value (its type is on the card already). */
export const identifierKey = (identifier: { type: string; value: string }) => `${identifier.type}:${identifier.value}`;

export interface EditableAlert {
  summary: string | null;
  identifiers: Array<{ type: string; value: string }>;
  fraudTypes: readonly string[];
  countriesConcerned: readonly string[];
  urgency: Urgency;
}

/** The changes from one state of an alert's editable fields to another; empty when nothing changed. */
export function diffAlert(before: EditableAlert, after: EditableAlert): AlertChange[] {
  const changes: AlertChange[] = [];
  if ((before.summary ?? '') !== (after.summary ?? '')) changes.push({ field: 'summary' });
  const identifiers = setChange(before.identifiers.map(identifierKey), after.identifiers.map(identifierKey));
  if (identifiers) changes.push({ field: 'identifiers', ...identifiers });
  const fraudTypes = setChange(before.fraudTypes, after.fraudTypes);
  if (fraudTypes) changes.push({ field: 'fraudTypes', ...fraudTypes });
  const countries = setChange(before.countriesConcerned, after.countriesConcerned);
  if (countries) changes.push({ field: 'countriesConcerned', ...countries });
  if (before.urgency !== after.urgency) changes.push({ field: 'urgency', from: before.urgency, to: after.urgency });
  return changes;
}
