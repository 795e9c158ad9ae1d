import type { Request } from 'restify';
import { DomainError } from '../../src/errors';

/**
 * The request's JSON object, or an empty one for anything else (no body, an array, a string):
 * the domain then says "required" on each field instead of the route failing on a shape.
 */
export function jsonBody(req: Request): Record<string, unknown> {
  return req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
}

/** The plan year of the route (`:year`); anything else is a plan not found, named as typed (shortened). */
export function planYear(req: Request): number {
  const year = Number(req.params.year);
  if (!Number.isInteger(year)) throw new DomainError({ key: 'plan.errors.planNotFound', vars: { year: String(req.params.year).slice(0, 10) } });
  return year;
}
