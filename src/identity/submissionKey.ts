import type { Member } from './members';

/**
 * The key that makes a form's submission happen once: who sent it, and the id the form was shown
 * with. Scoped to the person rather than their authority, because the one who sends a form again
 * (Teams resending after 15 s, a double click, the card clicked once more days later) is the
 * person it was shown to; the person stays the same when a local-mode user switches the
 * authority they act for; a form id read off someone else's card (a channel form, a forwarded
 * card) never hands another person's record back as "already submitted"; and every record
 * stores the user who created it, so keys can be rebuilt from the store
 * (migration 0011 did so for the alerts and actions once keyed by authority).
 */
export function submissionKey(member: Pick<Member, 'userId'>, formId: string): string {
  return `${member.userId}:${formId}`;
}
