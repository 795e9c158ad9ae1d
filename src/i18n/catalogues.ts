import type { Language } from './languages';
import enCommon from './locales/en/common.json';
import enPlan from './locales/en/plan.json';
import enTab from './locales/en/tab.json';
import frCommon from './locales/fr/common.json';
import frPlan from './locales/fr/plan.json';
import frTab from './locales/fr/tab.json';
import itCommon from './locales/it/common.json';
import itPlan from './locales/it/plan.json';
import itTab from './locales/it/tab.json';
import ptCommon from './locales/pt/common.json';
import ptPlan from './locales/pt/plan.json';
import ptTab from './locales/pt/tab.json';
import esCommon from './locales/es/common.json';
import esPlan from './locales/es/plan.json';
import esTab from './locales/es/tab.json';

type Catalogue = Record<string, unknown>;

/**
 * One message catalogue per language, kept in a file per feature so that features can grow
 * side by side; each file holds its own top-level sections. Static imports so that the tab
 * bundle carries them too.
 */
function catalogue(...parts: Catalogue[]): Catalogue {
  const merged: Catalogue = {};
  for (const part of parts) {
    for (const [section, value] of Object.entries(part)) {
      if (section in merged) throw new Error(`catalogue section "${section}" is defined twice`);
      merged[section] = value;
    }
  }
  return merged;
}

export const catalogues: Record<Language, Catalogue> = {
  en: catalogue(enCommon, enPlan, enTab),
  fr: catalogue(frCommon, frPlan, frTab),
  it: catalogue(itCommon, itPlan, itTab),
  pt: catalogue(ptCommon, ptPlan, ptTab),
  es: catalogue(esCommon, esPlan, esTab),
};
