import { expect } from 'chai';
import { detectIdentifier, normaliseIdentifier, type IdentifierType } from '../src/companies/identifiers';

/** Changes the last check-relevant digit, so a valid number fails its check digit. */
function breakCheckDigit(value: string): string {
  const last = value.at(-1)!;
  const replacement = /\d/.test(last) ? String((Number(last) + 1) % 10) : last === 'A' ? 'B' : 'A';
  return value.slice(0, -1) + replacement;
}

// Valid numbers (fictional), each derived from its national check-digit algorithm.
const CASES: Array<{ type: IdentifierType; typed: string; value: string; personal: boolean }> = [
  { type: 'pt_nipc', typed: '599 004 002', value: '599004002', personal: false },
  { type: 'pt_nif', typed: '123456789', value: '123456789', personal: true },
  { type: 'es_cif', typed: 'B-49990013', value: 'B49990013', personal: false },
  { type: 'es_nif', typed: '12345678-Z', value: '12345678Z', personal: true },
  { type: 'es_nie', typed: 'X1234567L', value: 'X1234567L', personal: true },
  { type: 'fr_siren', typed: '999 880 008', value: '999880008', personal: false },
  { type: 'fr_siret', typed: '999 770 415 00019', value: '99977041500019', personal: false },
  { type: 'fr_tva', typed: 'FR 59 999770415', value: 'FR59999770415', personal: false },
  { type: 'it_piva', typed: '09997770012', value: '09997770012', personal: false },
  { type: 'it_cf', typed: 'rssmra85t10a562s', value: 'RSSMRA85T10A562S', personal: true },
  { type: 'eu_vat', typed: 'PT 599.004.002', value: 'PT599004002', personal: false },
  { type: 'eu_vat', typed: 'ESB49990013', value: 'ESB49990013', personal: false },
  { type: 'eu_vat', typed: 'IT09997770012', value: 'IT09997770012', personal: false },
  { type: 'eu_vat', typed: 'EL094259216', value: 'EL094259216', personal: false },
];

describe('company identifiers', () => {
  for (const { type, typed, value, personal } of CASES) {
    it(`accepts and normalises a valid ${type} (${typed}) and rejects it with a broken check digit`, () => {
      const result = normaliseIdentifier(type, typed);
      expect(result).to.deep.equal({ ok: true, identifier: { type, country: result.ok ? result.identifier.country : '', value, personal } });
      const broken = normaliseIdentifier(type, breakCheckDigit(value));
      expect(broken.ok, breakCheckDigit(value)).to.equal(false);
    });
  }

  it('says Greek VAT numbers start with EL, as stdnum keys them GR', () => {
    expect(normaliseIdentifier('eu_vat', 'GR094259216')).to.deep.equal({ ok: false, problem: 'greek_prefix' });
    expect(normaliseIdentifier('eu_vat', 'EL094259216')).to.deep.include({ ok: true });
  });

  it('names the problem: checksum, length, format, missing country', () => {
    expect(normaliseIdentifier('pt_nipc', '599004003')).to.deep.equal({ ok: false, problem: 'checksum' });
    expect(normaliseIdentifier('fr_siren', '12345')).to.deep.equal({ ok: false, problem: 'length' });
    expect(normaliseIdentifier('eu_vat', '599004002')).to.deep.equal({ ok: false, problem: 'country' });
    expect(normaliseIdentifier('other', 'AB-123', null)).to.deep.equal({ ok: false, problem: 'country' });
    expect(normaliseIdentifier('other', 'AB-123', 'DE')).to.deep.equal({ ok: true, identifier: { type: 'other', country: 'DE', value: 'AB123', personal: false } });
    expect(normaliseIdentifier('pt_nipc', '   ')).to.deep.equal({ ok: false, problem: 'empty' });
  });

  it('accepts a national number pasted with its VAT prefix', () => {
    expect(normaliseIdentifier('pt_nipc', 'PT599004002')).to.deep.include({ ok: true });
    expect(normaliseIdentifier('es_cif', 'ESB49990013')).to.deep.include({ ok: true });
  });

  it('recognises untyped numbers, companies before persons', () => {
    expect(detectIdentifier('B49990013')).to.include({ type: 'es_cif' });
    expect(detectIdentifier('999 880 008')).to.include({ type: 'fr_siren' });
    expect(detectIdentifier('99977041500019')).to.include({ type: 'fr_siret' });
    expect(detectIdentifier('FR59999770415')).to.include({ type: 'eu_vat', country: 'FR' });
    expect(detectIdentifier('hello')).to.equal(null);
  });
});
