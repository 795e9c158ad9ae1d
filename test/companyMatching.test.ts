import { expect } from 'chai';
import { openDatabase } from '../src/store/database';
import { insertCompany } from '../src/companies/companyStore';
import { companiesWithSimilarName, nameSimilarity, searchCompanies } from '../src/companies/companyMatching';
import { systemClock } from '../src/clock';

describe('matching company names', () => {
  const db = openDatabase(':memory:');
  const id = insertCompany(db, systemClock, { name: 'Construções Atlântico do Norte, Lda', country: 'PT', naceCode: '41', identifiers: [] });
  insertCompany(db, systemClock, { name: 'Edilizia Città Alta S.r.l.', country: 'IT', naceCode: '41', identifiers: [] });
  for (let i = 0; i < 100; i++) insertCompany(db, systemClock, { name: `Construções Genéricas ${i}, Lda`, country: 'PT', naceCode: '41', identifiers: [] });

  it('finds a closely matching name whatever the accents, legal form and punctuation', () => {
    const matches = companiesWithSimilarName(db, 'Construcoes Atlantico do Norte LDA');
    expect(matches.map((m) => m.companyId)).to.deep.equal([id]);
    expect(matches[0].similarity).to.be.greaterThan(0.9);
  });

  it('does not confuse companies that only share a common word', () => {
    expect(companiesWithSimilarName(db, 'Construções Beira Mar, Lda')).to.deep.equal([]);
    expect(nameSimilarity('Construções Beira Mar, Lda', 'Construções Atlântico do Norte, Lda')).to.be.lessThan(0.5);
  });

  it('finds the company sharing every word when a common word alone fills the candidates', () => {
    const crowded = openDatabase(':memory:');
    for (let i = 0; i < 100; i++) insertCompany(crowded, systemClock, { name: `Construções Genéricas ${i}, Lda`, country: 'PT', naceCode: '41', identifiers: [] });
    // Stored last, so it is not among the first companies that share "construções".
    const valeVerde = insertCompany(crowded, systemClock, { name: 'Construções Vale Verde, Lda', country: 'PT', naceCode: '41', identifiers: [] });
    expect(companiesWithSimilarName(crowded, 'Construcoes Vale Verde').map((m) => m.companyId)).to.deep.equal([valeVerde]);
    crowded.close();
  });

  it('finds a company by part of its name without its accents', () => {
    expect(searchCompanies(db, 'Citta Alta', null).map((c) => c.name)).to.deep.equal(['Edilizia Città Alta S.r.l.']);
  });
});
