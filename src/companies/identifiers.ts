import { stdnum, euVat } from 'stdnum';

export const IDENTIFIER_TYPES = [
  'eu_vat',
  'pt_nif',
  'pt_nipc',
  'es_nif',
  'es_cif',
  'es_nie',
  'fr_siren',
  'fr_siret',
  'fr_tva',
  'it_piva',
  'it_cf',
  'other',
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export type IdentifierProblem = 'empty' | 'format' | 'length' | 'checksum' | 'country' | 'greek_prefix' | 'too_long';

export interface Identifier {
  type: IdentifierType;
  country: string;
  /** Compact form: no spaces, dots or dashes, upper case; EU VAT numbers keep their prefix. */
  value: string;
  /** Identifies a natural person (a sole trader's tax number): retention rules apply. */
  personal: boolean;
}

export type IdentifierResult = { ok: true; identifier: Identifier } | { ok: false; problem: IdentifierProblem };

interface ValidateResult {
  isValid: boolean;
  compact?: string;
  isIndividual?: boolean;
  error?: { name?: string };
}
interface Validator {
  validate(value: string): ValidateResult;
}

const NATIONAL: Record<Exclude<IdentifierType, 'eu_vat' | 'other'>, { country: string; validator: Validator; alwaysPersonal?: boolean }> = {
  pt_nif: { country: 'PT', validator: stdnum.PT.nif },
  pt_nipc: { country: 'PT', validator: stdnum.PT.nipc },
  es_nif: { country: 'ES', validator: stdnum.ES.nif },
  es_cif: { country: 'ES', validator: stdnum.ES.cif },
  es_nie: { country: 'ES', validator: stdnum.ES.nie, alwaysPersonal: true },
  fr_siren: { country: 'FR', validator: stdnum.FR.siren },
  fr_siret: { country: 'FR', validator: stdnum.FR.siret },
  fr_tva: { country: 'FR', validator: stdnum.FR.tva },
  it_piva: { country: 'IT', validator: stdnum.IT.iva },
  it_cf: { country: 'IT', validator: stdnum.IT.codicefiscale },
};

/** Spaces, dots, dashes, slashes and underscores that people type inside numbers. */
export function compactIdentifier(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/[\s.\-/_\u00a0]/g, '');
}

function problemOf(result: ValidateResult): IdentifierProblem {
  switch (result.error?.name) {
    case 'InvalidChecksum':
      return 'checksum';
    case 'InvalidLength':
      return 'length';
    default:
      return 'format';
  }
}

/** stdnum's EU VAT map keys Greece as GR, while VAT numbers carry EL; each entry lists validators. */
function vatValidators(prefix: string): Validator[] {
  const map = euVat as unknown as Record<string, Validator[] | undefined>;
  return map[prefix === 'EL' ? 'GR' : prefix] ?? [];
}

function validateEuVat(raw: string): IdentifierResult {
  const compact = compactIdentifier(raw);
  const prefix = compact.slice(0, 2);
  if (!/^[A-Z]{2}$/.test(prefix)) return { ok: false, problem: 'country' };
  if (prefix === 'GR') return { ok: false, problem: 'greek_prefix' };
  const validators = vatValidators(prefix);
  if (validators.length === 0) return { ok: false, problem: 'country' };
  const results = validators.map((validator) => validator.validate(compact));
  const result = results.find((r) => r.isValid) ?? results[0];
  if (!result.isValid) return { ok: false, problem: problemOf(result) };
  const number = (result.compact ?? compact).replace(/^[A-Z]{2}/, '');
  const country = prefix === 'EL' ? 'GR' : prefix;
  return { ok: true, identifier: { type: 'eu_vat', country, value: `${prefix}${number}`, personal: result.isIndividual === true } };
}

/**
 * Checks and normalises an identifier with the national check-digit algorithms (stdnum), so that
 * "PT 599 001 437", "599.001.437" and "599001437" are one company.
 */
export function normaliseIdentifier(type: IdentifierType, raw: string, otherCountry?: string | null): IdentifierResult {
  if (!raw || !raw.trim()) return { ok: false, problem: 'empty' };
  if (raw.length > 64) return { ok: false, problem: 'too_long' };
  if (type === 'eu_vat') return validateEuVat(raw);
  if (type === 'other') {
    const value = compactIdentifier(raw);
    if (!/^[A-Z0-9]{2,40}$/.test(value)) return { ok: false, problem: 'format' };
    if (!otherCountry || !/^[A-Z]{2}$/.test(otherCountry)) return { ok: false, problem: 'country' };
    return { ok: true, identifier: { type, country: otherCountry, value, personal: false } };
  }
  const spec = NATIONAL[type];
  let compact = compactIdentifier(raw);
  // People paste national numbers with their VAT prefix (PT599001437); the national form has none.
  if (compact.startsWith(spec.country) && type !== 'fr_tva' && !/^\d/.test(compact)) compact = compact.slice(2);
  const result = spec.validator.validate(compact);
  if (!result.isValid) return { ok: false, problem: problemOf(result) };
  let value = result.compact ?? compact;
  if (type === 'fr_tva') value = `FR${value.replace(/^FR/, '')}`;
  return { ok: true, identifier: { type, country: spec.country, value, personal: spec.alwaysPersonal === true || result.isIndividual === true } };
}

/** The order in which an untyped number is tried: company numbers before personal ones. */
const DETECTION_ORDER: IdentifierType[] = ['eu_vat', 'fr_siret', 'fr_siren', 'it_piva', 'pt_nipc', 'es_cif', 'it_cf', 'es_nie', 'es_nif', 'pt_nif', 'fr_tva'];

/** Recognises a typed identifier whose type the user did not choose (e.g. `/alert B49990013`). */
export function detectIdentifier(raw: string): Identifier | null {
  const compact = compactIdentifier(raw);
  if (!compact) return null;
  for (const type of DETECTION_ORDER) {
    if (type === 'eu_vat' && !/^[A-Z]{2}[0-9A-Z]{2,}/.test(compact)) continue;
    const result = normaliseIdentifier(type, compact);
    if (result.ok) return result.identifier;
  }
  return null;
}
