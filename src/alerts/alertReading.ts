import type { Db } from '../store/database';
import type { Member } from '../identity/members';
import { assertAlertParticipant } from './alertAccess';
import { getAlert, listAlerts, type AlertListFilter, type AlertListItem, type AlertView } from './alertQueries';

/**
 * An alert or a page of alerts as a member reads them: participating authorities only. The
 * queries without a member stay for what is not one person reading (the channel's shared card,
 * the commands' own checks, retention).
 */
export function readAlert(db: Db, member: Member, ref: string): AlertView | null {
  assertAlertParticipant(member);
  return getAlert(db, ref);
}

export function readAlertList(db: Db, member: Member, filter: AlertListFilter): { items: AlertListItem[]; hasMore: boolean } {
  assertAlertParticipant(member);
  return listAlerts(db, filter);
}
