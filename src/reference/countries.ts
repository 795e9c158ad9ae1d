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

const displayNames = new Map<string, Intl.DisplayNames>();

/** Country names in the user's language come from the platform's CLDR data, not from our code. */
export function countryName(code: string, language: string): string {
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region' });
    displayNames.set(language, names);
  }
  return names.of(code) ?? code;
}
