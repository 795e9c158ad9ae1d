import type { DomainErrorDetail } from '../errors';
import { EU_COUNTRIES } from '../reference/countries';

/** The kinds of authority a joining state brings: those the cooperation is made of. */
export const JOINING_AUTHORITY_TYPES = ['labour_inspectorate', 'social_security'] as const;
export type JoiningAuthorityType = (typeof JOINING_AUTHORITY_TYPES)[number];

export const NAME_MAX_LENGTH = 200;
export const SHORT_NAME_MAX_LENGTH = 20;
/** More would be a list pasted by mistake: an authority has a few addresses, not dozens. */
export const MAX_DOMAINS = 10;
export const MAX_TENANTS = 10;

/** What the form or the API sends, as typed: every value a string (lists one per line or comma). */
export interface AuthorityDraft {
  country: string;
  shortName: string;
  nameLocal: string;
  nameEn: string;
  type: string;
  emailDomains: string;
  tenantIds: string;
}

export interface AuthorityInput {
  country: string;
  /** `BE-SPFETCS`: the country and the short name's letters and digits. */
  id: string;
  shortName: string;
  names: { en: string; local: string };
  type: JoiningAuthorityType;
  emailDomains: string[];
  tenantIds: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// A label: letters, digits and inner hyphens, at most 63; the last one a top-level domain of letters.
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const SHORT_NAME = /^[\p{L}\p{N}][\p{L}\p{N} .'&-]*$/u;

const oneLine = (value: unknown): string => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');

/** A list typed one per line, or separated by commas, semicolons or spaces. */
export function splitList(value: unknown): string[] {
  return typeof value === 'string' ? [...new Set(value.split(/[\s,;]+/).map((item) => item.trim().toLowerCase()).filter(Boolean))] : [];
}

/** A mail domain by whole labels: two at least, the last a top-level domain of letters (`emploi.belgique.be`). */
export function isMailDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && /^[a-z]{2,63}$/.test(labels[labels.length - 1]);
}

/** The authority's id from its state and short name: `BE` + `SPF ETCS` is `BE-SPFETCS`. */
export function authorityIdOf(country: string, shortName: string): string {
  const letters = shortName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return `${country}-${letters}`;
}

/**
 * Checks the fields of an authority as typed, each with its own message; what the store decides
 * (a state already in, a domain another authority has) is checked by the command.
 */
export function validateAuthorityDraft(draft: Partial<Record<keyof AuthorityDraft, unknown>>): { ok: true; input: AuthorityInput } | { ok: false; errors: DomainErrorDetail[] } {
  const errors: DomainErrorDetail[] = [];
  const country = oneLine(draft.country).toUpperCase();
  if (!country) errors.push({ field: 'country', key: 'states.errors.required' });
  else if (!(EU_COUNTRIES as readonly string[]).includes(country)) errors.push({ field: 'country', key: 'states.errors.notEuCountry', vars: { country: country.slice(0, 10) } });

  const shortName = oneLine(draft.shortName);
  const id = authorityIdOf(country, shortName);
  if (!shortName) errors.push({ field: 'shortName', key: 'states.errors.required' });
  else if (shortName.length > SHORT_NAME_MAX_LENGTH) errors.push({ field: 'shortName', key: 'states.errors.tooLong', vars: { max: SHORT_NAME_MAX_LENGTH } });
  else if (!SHORT_NAME.test(shortName) || id.length < 4) errors.push({ field: 'shortName', key: 'states.errors.shortNameInvalid' });

  const nameLocal = oneLine(draft.nameLocal);
  const nameEn = oneLine(draft.nameEn);
  for (const [field, value] of [['nameLocal', nameLocal], ['nameEn', nameEn]] as const) {
    if (!value) errors.push({ field, key: 'states.errors.required' });
    else if (value.length > NAME_MAX_LENGTH) errors.push({ field, key: 'states.errors.tooLong', vars: { max: NAME_MAX_LENGTH } });
  }

  const type = oneLine(draft.type);
  if (!type) errors.push({ field: 'type', key: 'states.errors.required' });
  else if (!(JOINING_AUTHORITY_TYPES as readonly string[]).includes(type)) errors.push({ field: 'type', key: 'states.errors.typeInvalid' });

  const emailDomains = splitList(draft.emailDomains).map((domain) => domain.replace(/^@/, ''));
  const badDomain = emailDomains.find((domain) => !isMailDomain(domain));
  if (emailDomains.length === 0) errors.push({ field: 'emailDomains', key: 'states.errors.required' });
  else if (emailDomains.length > MAX_DOMAINS) errors.push({ field: 'emailDomains', key: 'states.errors.tooMany', vars: { max: MAX_DOMAINS } });
  else if (badDomain) errors.push({ field: 'emailDomains', key: 'states.errors.domainInvalid', vars: { domain: badDomain.slice(0, 80) } });

  const tenantIds = splitList(draft.tenantIds);
  const badTenant = tenantIds.find((tenant) => !GUID.test(tenant));
  if (tenantIds.length > MAX_TENANTS) errors.push({ field: 'tenantIds', key: 'states.errors.tooMany', vars: { max: MAX_TENANTS } });
  else if (badTenant) errors.push({ field: 'tenantIds', key: 'states.errors.tenantInvalid', vars: { tenant: badTenant.slice(0, 40) } });

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, input: { country, id, shortName, names: { en: nameEn, local: nameLocal }, type: type as JoiningAuthorityType, emailDomains, tenantIds } };
}
