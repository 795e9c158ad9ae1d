import { sql, type Db } from '../store/database';
import type { Clock } from '../clock';

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

/** Inserts a company and its (already normalised) identifiers; the caller owns the transaction. */
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
  for (const identifier of company.identifiers) {
    sql(
      db,
      `INSERT INTO company_identifiers (company_id, type, country, value, personal)
       VALUES (@companyId, @type, @country, @value, @personal)`,
    ).run({ companyId, ...identifier, personal: identifier.personal ? 1 : 0 });
  }
  return companyId;
}

export function countCompanies(db: Db): number {
  return (sql(db, 'SELECT count(*) AS n FROM companies').get() as { n: number }).n;
}
