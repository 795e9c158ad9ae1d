import { expect } from 'chai';
import { cardProblems, assertValidCard, TEAMS_CARD_LIMIT_BYTES } from './helpers/cardValidator';
import { helpCard } from '../bot/handlers/help';
import { renderCard, listCardTemplates } from '../bot/cards/renderCard';
import { commandNames } from '../bot/app';
import { LANGUAGES } from '../src/i18n/languages';
import { translator } from '../src/i18n/translate';
import { alertFormCard, prefilledValues } from '../bot/alerts/alertForm';
import { alertCard } from '../bot/alerts/alertCard';
import { alertListCard, confirmationCard, dossierCard } from '../bot/alerts/alertViews';
import type { AlertView } from '../src/alerts/alertQueries';
import { FRAUD_TYPES } from '../src/alerts/vocabulary';

const LONG = 'Ç'.repeat(200);

function sampleAlert(overrides: Partial<AlertView> = {}): AlertView {
  return {
    id: 1,
    ref: 'AL-2026-0042',
    status: 'open',
    urgency: 'urgent',
    company: { id: 7, name: LONG, identifiers: [{ type: 'pt_nipc', country: 'PT', value: '599004002' }, { type: 'eu_vat', country: 'PT', value: 'PT599004002' }, { type: 'other', country: 'DE', value: 'X'.repeat(40) }] },
    registrationCountry: 'PT',
    countriesConcerned: ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'RO', 'SK', 'SI', 'ES', 'SE'],
    fraudTypes: [...FRAUD_TYPES],
    sector: '43',
    summary: 'S'.repeat(2000),
    imiRequestNumber: 'IMI-'.repeat(10),
    caseReference: 'C'.repeat(60),
    reportingAuthority: { id: 'PT-ACT', shortName: 'ACT', memberState: 'PT' },
    reportingUserId: 1,
    createdAt: '2026-03-12T10:00:00Z',
    outcome: null,
    closedAt: null,
    personalDataHidden: false,
    responses: ['ES-ITSS', 'ES-TGSS', 'FR-DSS', 'FR-URSSAF', 'FR-DGT', 'IT-INL', 'IT-MLPS', 'PT-ISS', 'EU-ELA'].map((id) => ({
      authorityId: id,
      authorityShortName: id.split('-')[1],
      memberState: id.split('-')[0],
      answer: 'investigating' as const,
      note: 'N'.repeat(500),
      respondedAt: '2026-03-13T10:00:00Z',
    })),
    version: 3,
    ...overrides,
  };
}

describe('Adaptive Cards the app produces', () => {
  for (const language of LANGUAGES) {
    const t = translator(language);

    it(`help card is valid at 1.5 and under the size limit in ${language}, in every variant`, () => {
      assertValidCard(helpCard({ t, commandNames: commandNames(), tabUrl: null }));
      assertValidCard(
        helpCard({
          t,
          commandNames: commandNames(),
          tabUrl: 'https://desk.example.org/tab/?view=board',
          notice: t('identity.localDemo', { authority: 'ACT', state: 'PT' }),
          hint: t('errors.unknownCommand', { text: 'x'.repeat(80) }),
        }),
      );
    });

    it(`welcome card is valid at 1.5 in ${language}`, () => {
      assertValidCard(renderCard('welcome', { title: t('welcome.title'), body: t('welcome.body'), privacy: t('welcome.privacy'), start: t('welcome.start') }));
    });
  }

  for (const language of LANGUAGES) {
    const t = translator(language);

    it(`alert form is valid and under the size limit in ${language}, empty, with every error and with duplicates`, () => {
      assertValidCard(alertFormCard(t, language, { formId: '00000000-0000-4000-8000-000000000001', values: prefilledValues({}) }));
      const errors = ['companyName', 'identifiers.0', 'identifiers.1', 'identifiers.2', 'registrationCountry', 'countriesConcerned', 'sector', 'fraudTypes', 'urgency', 'summary', 'imiRequestNumber', 'caseReference'].map((field) => ({ field, key: 'alerts.errors.identifier.checksum' }));
      const values = Object.fromEntries(['companyName', 'identifierValue0', 'identifierValue1', 'identifierValue2', 'summary'].map((k) => [k, k === 'summary' ? 'S'.repeat(2000) : LONG]));
      const flagged = [1, 2, 3].map((n) => ({ companyId: n, companyName: LONG, matchedBy: 'name' as const, alerts: [1, 2, 3].map((m) => ({ ref: `AL-2026-000${m}`, memberState: 'ES', authorityShortName: 'ITSS', createdAt: '2026-03-12T10:00:00Z' })) }));
      assertValidCard(alertFormCard(t, language, { formId: '00000000-0000-4000-8000-000000000001', values, errors, flagged, notice: 'N', mode: 'dialog' }));
    });

    it(`alert card is valid in ${language}: open with every answer, closed, and with personal data hidden`, () => {
      assertValidCard(alertCard(t, language, sampleAlert(), 'notice'));
      assertValidCard(alertCard(t, language, sampleAlert({ status: 'closed', outcome: 'confirmed', closedAt: '2026-04-01T00:00:00Z' })));
      assertValidCard(alertCard(t, language, sampleAlert({ status: 'closed', outcome: 'not_confirmed', closedAt: '2026-04-01T00:00:00Z', summary: null, personalDataHidden: true, responses: [] })));
    });

    it(`alert list, dossier and confirmation cards are valid in ${language}`, () => {
      const items = Array.from({ length: 8 }, (_, i) => ({ ref: `AL-2026-00${10 + i}`, status: 'open' as const, urgency: 'routine' as const, companyName: LONG, reportingAuthorityShortName: 'ACT', reportingState: 'PT', createdAt: '2026-03-12T10:00:00Z', responseCount: 9 }));
      assertValidCard(alertListCard(t, language, { items, hasMore: true, offset: 8, filter: { text: LONG, country: 'PT', status: 'open', mine: true } }, 'n'));
      assertValidCard(alertListCard(t, language, { items: [], hasMore: false, offset: 0, filter: {} }, null));
      const alerts = Array.from({ length: 20 }, () => sampleAlert());
      assertValidCard(dossierCard(t, language, { id: 7, name: LONG, country: 'PT', sector: '43', identifiers: sampleAlert().company.identifiers, alerts, inspections: [] }, 'n'));
      assertValidCard(confirmationCard(t('alerts.posted.title', { ref: 'AL-2026-0042' }), [t('alerts.posted.body', { company: LONG })], null));
    });
  }

  it('omits the optional parts of the help card when they are empty', () => {
    const card = JSON.stringify(helpCard({ t: translator('en'), commandNames: commandNames(), tabUrl: null }));
    expect(card).not.to.include('Action.OpenUrl');
    expect(card).not.to.include('"color":"Warning"');
  });

  it('has a test above for every card template', () => {
    expect(listCardTemplates().sort()).to.deep.equal(['alertCard', 'alertForm', 'alertList', 'companyChoice', 'companyDossier', 'confirmation', 'help', 'welcome']);
  });
});

describe('the card validator', () => {
  it('rejects an unknown element, a version above 1.5, duplicate input ids and an oversized card', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] }).join()).to.match(/Unknown element type/);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.6', body: [] }).join()).to.match(/above 1.5/);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] }).join()).to.match(/Duplicate|unique/);
    const huge = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x'.repeat(TEAMS_CARD_LIMIT_BYTES) }] };
    expect(cardProblems(huge).join()).to.match(/over Teams/);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${missing}' }] }).join()).to.match(/unexpanded/);
  });
});
