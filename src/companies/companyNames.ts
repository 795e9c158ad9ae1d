/** Legal-form words that say nothing about which company it is. */
const LEGAL_FORMS = new Set([
  'lda', 'limitada', 'unipessoal', 'sa', 'sl', 'slu', 'sll', 'sarl', 'sas', 'sasu', 'eurl', 'snc', 'srl', 'srls', 'spa', 'sas', 'sapa', 'scarl', 'coop', 'ltd', 'limited', 'gmbh', 'bv', 'nv', 'ag', 'and', 'et', 'e', 'y', 'de', 'da', 'do', 'di', 'del', 'la', 'le', 'les', 'the', 'cia', 'co', 'company', 'fictional',
]);

/** The name as it is compared: no accents, case, punctuation or legal form. */
export function normaliseCompanyName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word && !LEGAL_FORMS.has(word))
    .join(' ');
}

/**
 * The words of a name that can tell one company from another, each once: three letters or more
 * ("mar" stays, "pt" goes). The store indexes them (company_name_words), so a change here
 * needs a migration that rebuilds that table.
 */
export function distinctiveNameWords(name: string): string[] {
  return [...new Set(normaliseCompanyName(name).split(' ').filter((word) => word.length >= 3))];
}
