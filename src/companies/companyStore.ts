import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';
import { distinctiveNameWords } from './companyNames';

export interface CompanyIdentifierInput {
  type: string;
  country: string;
  value: string;
  personal?: boolean;
}

export interface NewCompany {
  name: string;
  country: string | null;
  naceCode: string | null;
  naceRevision?: string | null;
  identifiers: CompanyIdentifierInput[];
}

/**
 * Puts a new company's name in the trigram index (search by part of a name) and the word index
 * (the duplicate question). Every company insert goes through here: no trigger does it (0009).
 */
export function indexCompanyName(db: Db, companyId: number, name: string): void {
  sql(db, 'INSERT INTO companies_fts (rowid, name) VALUES (?, ?)').run(companyId, name);
  for (const word of distinctiveNameWords(name)) sql(db, 'INSERT INTO company_name_words (company_id, word) VALUES (?, ?)').run(companyId, word);
}

/** Inserts a company, its name indexes and its (already normalised) identifiers; the caller owns the transaction. */
export function insertCompany(db: Db, clock: Clock, company: NewCompany): number {
  const now = clock.now().toISOString();
  const { lastInsertRowid } = sql(
    db,
    `INSERT INTO companies (name, country, nace_code, nace_revision, created_at, updated_at)
     VALUES (@name, @country, @naceCode, @naceRevision, @now, @now)`,
  ).run({
    name: company.name,
    country: company.country,
    naceCode: company.naceCode,
    naceRevision: company.naceCode ? (company.naceRevision ?? 'NACE Rev. 2') : null,
    now,
  });
  const companyId = Number(lastInsertRowid);
  indexCompanyName(db, companyId, company.name);
  for (const identifier of company.identifiers) {
    sql(
      db,
      `INSERT INTO company_identifiers (company_id, type, country, value, personal)
       VALUES (@companyId, @type, @country, @value, @personal)`,
    ).run({ companyId, ...identifier, personal: identifier.personal ? 1 : 0 });
  }
  return companyId;
}
