import { sql, type Db } from '../store/database';
import { compactIdentifier, type Identifier } from './identifiers';

/** Legal-form words that say nothing about which company it is. */
const LEGAL_FORMS = new Set([
  'lda', 'limitada', 'unipessoal', 'sa', 'sl', 'slu', 'sll', 'sarl', 'sas', 'sasu', 'eurl', 'snc', 'srl', 'srls', 'spa', 'sas', 'sapa', 'scarl', 'coop', 'ltd', 'limited', 'gmbh', 'bv', 'nv', 'ag', 'and', 'et', 'e', 'y', 'de', 'da', 'do', 'di', 'del', 'la', 'le', 'les', 'the', 'cia', 'co', 'company', 'fictional',
]);

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

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i < padded.length - 2; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

function jaccard(x: Set<string>, y: Set<string>): number {
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const gram of x) if (y.has(gram)) shared += 1;
  return shared / (x.size + y.size - shared);
}

/** Jaccard similarity of character trigrams: 1 for the same name, ~0.5 for a close variant. */
export function nameSimilarity(a: string, b: string): number {
  return jaccard(trigrams(normaliseCompanyName(a)), trigrams(normaliseCompanyName(b)));
}

export const SIMILAR_NAME_THRESHOLD = 0.5;

export function companiesWithIdentifiers(db: Db, identifiers: Identifier[]): number[] {
  const ids = new Set<number>();
  for (const identifier of identifiers) {
    const rows = sql(db, 'SELECT company_id AS companyId FROM company_identifiers WHERE type = ? AND value = ?').all(identifier.type, identifier.value) as Array<{ companyId: number }>;
    rows.forEach((row) => ids.add(row.companyId));
    // The same number typed as a national number or as a VAT number is the same company.
    const bare = identifier.value.replace(/^[A-Z]{2}(?=[0-9A-Z])/, '');
    const alike = sql(db, 'SELECT company_id AS companyId FROM company_identifiers WHERE value IN (?, ?) AND country = ?').all(bare, `${identifier.country === 'GR' ? 'EL' : identifier.country}${bare}`, identifier.country) as Array<{ companyId: number }>;
    alike.forEach((row) => ids.add(row.companyId));
  }
  return [...ids];
}

function distinctiveWords(name: string): string[] {
  return normaliseCompanyName(name)
    .split(' ')
    .filter((word) => word.length >= 3)
    .sort((a, b) => b.length - a.length)
    .slice(0, 4)
    .map((word) => `"${word.replace(/"/g, '')}"`);
}

const CANDIDATES = 60;

export interface NameMatch {
  companyId: number;
  name: string;
  similarity: number;
}

/** Companies whose name closely matches (trigram index for candidates, similarity to decide). */
export function companiesWithSimilarName(db: Db, name: string, threshold = SIMILAR_NAME_THRESHOLD, limit = 5): NameMatch[] {
  const words = distinctiveWords(name);
  if (words.length === 0) return [];
  // Names sharing any distinctive word: when they are fewer than the limit, that is every
  // candidate, those sharing all the words included, in one query. Only when common words
  // ("construções") fill the limit are the names sharing all of them fetched, as the likeliest.
  const find = sql(db, 'SELECT rowid AS companyId, name FROM companies_fts WHERE companies_fts MATCH ? LIMIT ?');
  let candidates = find.all(words.join(' OR '), CANDIDATES) as Array<{ companyId: number; name: string }>;
  if (candidates.length >= CANDIDATES && words.length > 1) {
    const sharingAll = find.all(words.join(' AND '), CANDIDATES) as Array<{ companyId: number; name: string }>;
    if (sharingAll.length > 0) candidates = sharingAll;
  }
  const wanted = trigrams(normaliseCompanyName(name));
  return candidates
    .map((candidate) => ({ ...candidate, similarity: jaccard(wanted, trigrams(normaliseCompanyName(candidate.name))) }))
    .filter((candidate) => candidate.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit);
}

/** Free-text company search for /company and the message extension: identifier or part of a name. */
export function searchCompanies(db: Db, text: string, identifier: Identifier | null, limit = 10): Array<{ companyId: number; name: string; country: string | null }> {
  const ids = identifier ? companiesWithIdentifiers(db, [identifier]) : [];
  // Numbers of the "other" type are not recognised by any algorithm; their compact form still matches.
  const compact = compactIdentifier(text);
  if (compact.length >= 4) {
    for (const row of sql(db, 'SELECT company_id AS companyId FROM company_identifiers WHERE value = ?').all(compact) as Array<{ companyId: number }>) {
      if (!ids.includes(row.companyId)) ids.push(row.companyId);
    }
  }
  const results = new Map<number, { companyId: number; name: string; country: string | null }>();
  for (const id of ids) {
    const row = sql(db, 'SELECT id AS companyId, name, country FROM companies WHERE id = ?').get(id) as { companyId: number; name: string; country: string | null } | undefined;
    if (row) results.set(row.companyId, row);
  }
  const cleaned = text.replace(/"/g, ' ').trim();
  if (cleaned.length >= 3 && results.size < limit) {
    const rows = sql(
      db,
      `SELECT c.id AS companyId, c.name, c.country FROM companies_fts f JOIN companies c ON c.id = f.rowid
        WHERE companies_fts MATCH ? ORDER BY rank LIMIT ?`,
    ).all(`"${cleaned}"`, limit) as Array<{ companyId: number; name: string; country: string | null }>;
    for (const row of rows) if (results.size < limit) results.set(row.companyId, row);
  }
  return [...results.values()];
}
