import { inTransaction, type Db } from '../store/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit';
import { actorOf, type Member } from '../identity/members';
import { getInspection, type InspectionView } from './inspectionQueries';

/**
 * An inspection as one member opens it on its own (the tab's detail). Every member sees an
 * inspection, as on its channel card and with /cji, but its target companies are case data: the
 * read is audited in its own transaction.
 */
export function readInspectionDetail(db: Db, clock: Clock, member: Member, ref: string, correlationId?: string): InspectionView | null {
  return inTransaction(db, () => {
    const inspection = getInspection(db, ref);
    if (inspection) appendAudit(db, clock, { actor: actorOf(member), action: 'inspection.read', subjectType: 'inspection', subjectRef: inspection.ref, correlationId });
    return inspection;
  });
}
