import { sql, type Db } from '../store/database';
import { compactIdentifier, type Identifier } from './identifiers';
import { distinctiveNameWords, normaliseCompanyName } from './companyNames';

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

const CANDIDATES = 60;
/** The words looked up: the longest, as the likeliest to be rare. */
const WORDS_LOOKED_UP = 4;
/** Beyond this many companies a word is common: counting further would not change the choice. */
const COMMON_WORD = 5_000;

export interface NameMatch {
  companyId: number;
  name: string;
  similarity: number;
}

type Candidate = { companyId: number; name: string };

const WORD_PLACEHOLDERS = Array.from({ length: WORDS_LOOKED_UP }, () => '?').join(', ');

/** Fewer words are padded with the first, so that one prepared statement serves every name. */
function paddedWords(words: string[]): string[] {
  return Array.from({ length: WORDS_LOOKED_UP }, (_, i) => words[i] ?? words[0]);
}

function companiesSharingAnyWord(db: Db, words: string[]): Candidate[] {
  // A seek per word, merged here: one statement with IN (...) and DISTINCT took 28 µs in a batch
  // of writes, these about 2 µs each. The limit is written into the SQL: bound as a parameter, it
  // doubled the cost of the seek.
  const candidates = new Map<number, Candidate>();
  for (const word of words) {
    if (candidates.size >= CANDIDATES) break;
    const rows = sql(
      db,
      `SELECT w.company_id AS companyId, c.name FROM company_name_words w JOIN companies c ON c.id = w.company_id
        WHERE w.word = ? LIMIT ${CANDIDATES}`,
    ).all(word) as Candidate[];
    for (const row of rows) if (candidates.size < CANDIDATES) candidates.set(row.companyId, row);
  }
  return [...candidates.values()];
}

/** Companies sharing every word: walks the rarest word's companies, checking the others by key. */
function companiesSharingAllWords(db: Db, words: string[]): Candidate[] {
  const counted = words.map((word) => ({
    word,
    companies: (sql(db, `SELECT count(*) AS n FROM (SELECT 1 FROM company_name_words WHERE word = ? LIMIT ${COMMON_WORD})`).get(word) as { n: number }).n,
  }));
  const rarest = counted.reduce((best, next) => (next.companies < best.companies ? next : best)).word;
  return sql(
    db,
    `SELECT w.company_id AS companyId, c.name FROM company_name_words w JOIN companies c ON c.id = w.company_id
      WHERE w.word = ?
        AND (SELECT count(*) FROM company_name_words o WHERE o.company_id = w.company_id AND o.word IN (${WORD_PLACEHOLDERS})) = ?
      LIMIT ${CANDIDATES}`,
  ).all(rarest, ...paddedWords(words), words.length) as Candidate[];
}

/** Companies whose name closely matches (word index for candidates, trigram similarity to decide). */
export function companiesWithSimilarName(db: Db, name: string, threshold = SIMILAR_NAME_THRESHOLD, limit = 5): NameMatch[] {
  const words = distinctiveNameWords(name)
    .sort((a, b) => b.length - a.length)
    .slice(0, WORDS_LOOKED_UP);
  if (words.length === 0) return [];
  // Names sharing any distinctive word: when they are fewer than the limit, that is every
  // candidate, those sharing all the words included. Only when common words
  // ("construções") fill the limit are the names sharing all of them fetched, as the likeliest.
  let candidates = companiesSharingAnyWord(db, words);
  if (candidates.length >= CANDIDATES && words.length > 1) {
    const sharingAll = companiesSharingAllWords(db, words);
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
  // One FTS5 string: quotes would end it, and SQLite reads a NUL as its end ("unterminated string").
  const cleaned = text.replace(/["\u0000-\u001f\u007f]/g, ' ').trim();
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
