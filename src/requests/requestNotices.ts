import type { PartChange, RequestChange } from './requestLifecycle';
import type { RequestView } from './requestQueries';

/** The changes one side of a request is told of; closing and withdrawing end it, and the notice's status says so. */
export const TOLD_CHANGES = ['acknowledged', 'answered', 'deadline_proposed', 'deadline_accepted', 'deadline_declined'] as const;
export type ToldChange = (typeof TOLD_CHANGES)[number];

export const isToldChange = (change: RequestChange | string): change is ToldChange => (TOLD_CHANGES as readonly string[]).includes(change);

/** What a notice tells: which change of which addressed part, and what it came to (a status, a date). */
export interface RequestNotice extends PartChange {
  ref: string;
  change: ToldChange;
}

/**
 * A notice named whole by one string (the outbox's subject and part of its dedupe key): the same
 * change telling the same thing is told once, so a resent answer or proposal tells nothing twice,
 * while an answer that completes the part, or another date proposed, is a new notice.
 */
export const noticeSubject = (notice: RequestNotice) => [notice.ref, notice.change, notice.authorityId, notice.outcome].join('|');

export function parseNoticeSubject(subject: string): RequestNotice | null {
  const [ref, change, authorityId, outcome, ...rest] = subject.split('|');
  if (!ref || !authorityId || outcome === undefined || rest.length > 0 || !isToldChange(change)) return null;
  return { ref, change, authorityId, outcome };
}

/**
 * Whom a change is told to: the person who sent the request, of what an addressed authority did
 * (acknowledged, answered, asked for more time); the person who asked for more time, of the
 * requester's decision. Null when nobody is (the proposer unknown).
 */
export function noticeRecipient(request: RequestView, notice: RequestNotice): number | null {
  if (notice.change === 'deadline_accepted' || notice.change === 'deadline_declined') {
    return request.addressees.find((a) => a.authorityId === notice.authorityId)?.proposedByUserId ?? null;
  }
  return request.requesterUserId;
}
