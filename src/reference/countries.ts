/** EU member states (ISO 3166-1), for registration countries and countries concerned. */
export const EU_COUNTRIES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const;

/** EEA and Switzerland, where posting rules and social security coordination also apply. */
export const OTHER_COORDINATION_COUNTRIES = ['IS', 'LI', 'NO', 'CH'] as const;

export const COUNTRIES: readonly string[] = [...EU_COUNTRIES, ...OTHER_COORDINATION_COUNTRIES];

export function isKnownCountry(code: string): boolean {
  return COUNTRIES.includes(code);
}

const namesByLanguage = new Map<string, { displayNames: Intl.DisplayNames; known: Map<string, string> }>();

/**
 * Country names in the user's language come from the platform's CLDR data, not from our code.
 * Each name is looked up once: cards name several countries, and a card is drawn on every turn.
 */
export function countryName(code: string, language: string): string {
  let names = namesByLanguage.get(language);
  if (!names) {
    names = { displayNames: new Intl.DisplayNames([language], { type: 'region' }), known: new Map() };
    namesByLanguage.set(language, names);
  }
  let name = names.known.get(code);
  if (name === undefined) {
    name = names.displayNames.of(code) ?? code;
    // Codes come from stored records; the bound only keeps a stray one from growing the map.
    if (names.known.size < 512) names.known.set(code, name);
  }
  return name;
}
