import type { Db } from '../store/database';
import { getAlert } from '../alerts/alertQueries';
import { getInspection } from '../inspections/inspectionQueries';
import { getRequest } from '../requests/requestQueries';
import { authoritiesAwaitedOnAlert, authoritiesOfInspection, authoritiesAwaitedOnRequest } from './openItems';

/**
 * The authorities a record's channel post is addressed to, by its reference: the same rule as
 * "my open items", so that whoever is mentioned finds the record in their /mine too.
 */
export function alertAudience(db: Db, ref: string): string[] {
  const alert = getAlert(db, ref);
  return alert ? authoritiesAwaitedOnAlert(db, alert) : [];
}

export function inspectionAudience(db: Db, ref: string): string[] {
  const inspection = getInspection(db, ref);
  return inspection ? authoritiesOfInspection(inspection) : [];
}

export function requestAudience(db: Db, ref: string): string[] {
  const request = getRequest(db, ref);
  return request ? authoritiesAwaitedOnRequest(request) : [];
}
