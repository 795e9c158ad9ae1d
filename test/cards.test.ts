import { expect } from 'chai';
import { cardProblems, assertValidCard, TEAMS_CARD_LIMIT_BYTES } from './helpers/cardValidator';
import { helpCard } from '../bot/handlers/help';
import { renderCard } from '../bot/cards/renderCard';
import { commandNames } from '../bot/app';
import { LANGUAGES } from '../src/i18n/languages';
import { translator } from '../src/i18n/translate';
import { alertFormCard, prefilledValues } from '../bot/alerts/alertForm';
import { alertCard } from '../bot/alerts/alertCard';
import { alertListCard, confirmationCard, dossierCard } from '../bot/alerts/alertViews';
import { FRAUD_TYPES } from '../src/alerts/vocabulary';
import { inspectionFormCard } from '../bot/inspections/inspectionForm';
import { inspectionCard } from '../bot/inspections/inspectionCard';
import { outcomeFormCard } from '../bot/inspections/outcomeForm';
import { inspectionListCard } from '../bot/inspections/inspectionList';
import { reminderCard } from '../bot/inspections/reminderJob';
import { INSPECTION_STATUSES } from '../src/inspections/vocabulary';
import { AUTHORITIES, LONG, MEMBER_STATES, sampleAlert, sampleInspection } from './helpers/cardSamples';

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

  for (const language of LANGUAGES) {
    const t = translator(language);

    it(`inspection form is valid and under the size limit in ${language}: empty, with every error and long values, and with overlaps and 60 plan actions`, () => {
      const base = { formId: '00000000-0000-4000-8000-000000000001', memberStates: MEMBER_STATES, authorities: AUTHORITIES, planYear: 2026 };
      assertValidCard(inspectionFormCard(t, language, { ...base, origin: { alertRef: null }, values: {}, planActions: null }));
      const values: Record<string, string> = { city: LONG.slice(0, 100), region: LONG.slice(0, 100), notes: LONG.repeat(5), states: 'ES,FR,IT,PT', authorities: AUTHORITIES.map((a) => a.id).join(',') };
      for (let i = 0; i < 3; i++) Object.assign(values, { [`companyValue${i}`]: 'V'.repeat(64), [`companyName${i}`]: LONG, [`companyType${i}`]: 'eu_vat' });
      const planActions = Array.from({ length: 60 }, (_, i) => ({ ref: `2026-${String(i).padStart(2, '0')}`, title: LONG }));
      const worst = { ...base, origin: { alertRef: 'AL-2026-0042' }, values, planActions, notice: t('identity.localDemo', { authority: 'URSSAF', state: 'FR' }) };
      // Field errors and the overlap warning never come together: overlaps are looked for once the form is valid.
      const fields = ['kind', 'hostState', 'states', 'authorities', 'leadAuthority', 'sector', 'city', 'region', 'placeState', 'startDate', 'endDate', 'companies.0', 'companies.1', 'companies.2', 'actionRef', 'notes'];
      assertValidCard(inspectionFormCard(t, language, { ...worst, errors: fields.map((field) => ({ field, key: 'inspections.errors.stateWithoutAuthority', vars: { states: 'ES, FR, IT, PT' } })) }));
      const overlapping = Array.from({ length: 5 }, (_, i) => ({ ref: `CJI-2026-00${i}`, status: 'postponed' as const, city: LONG.slice(0, 100), placeState: 'ES', startDate: '2026-05-28', endDate: '2026-06-02', leadShortName: 'URSSAF' }));
      assertValidCard(inspectionFormCard(t, language, { ...worst, overlapping }));
    });

    it(`inspection card is valid in ${language} in every status, at its longest`, () => {
      for (const status of INSPECTION_STATUSES) assertValidCard(inspectionCard(t, language, sampleInspection({ status }), 'N'.repeat(200)));
      assertValidCard(inspectionCard(t, language, sampleInspection({ action: null, outcome: null, companies: [], participants: [], notes: null, statusReason: null, sector: null, region: null })));
    });

    it(`outcome form, list and reminder cards are valid in ${language}`, () => {
      const values: Record<string, string> = { companiesInspected: '1234567', workersChecked: '1234567', followUp: 'F'.repeat(1000), reportReference: 'X'.repeat(60) };
      for (const type of FRAUD_TYPES) values[`infringement_${type}`] = '1234567';
      const errors = ['companiesInspected', 'workersChecked', 'followUp', 'reportReference', ...FRAUD_TYPES.map((type) => `infringements.${type}`)].map((field) => ({ field, key: 'inspections.errors.badCount', vars: { max: 1_000_000 } }));
      assertValidCard(outcomeFormCard(t, language, sampleInspection({ status: 'carried_out', outcome: null }), { formId: '00000000-0000-4000-8000-000000000001', values: {} }));
      assertValidCard(outcomeFormCard(t, language, sampleInspection({ status: 'carried_out', outcome: null }), { formId: '00000000-0000-4000-8000-000000000001', values, errors, notice: 'n' }));
      const items = Array.from({ length: 8 }, (_, i) => ({ ref: `CJI-2026-0${10 + i}`, kind: 'concerted' as const, status: 'report_shared' as const, city: LONG.slice(0, 100), placeState: 'PT', startDate: '2026-05-12', endDate: '2026-08-09', states: 'ES, FR, IT, PT', leadShortName: 'URSSAF', joining: 999 }));
      assertValidCard(inspectionListCard(t, language, { items, hasMore: true, offset: 8, request: { period: 'past', country: 'PT', sector: '49' } }, 'n'));
      assertValidCard(inspectionListCard(t, language, { items: [], hasMore: false, offset: 0, request: { period: 'upcoming', country: null, sector: null } }, null));
      const config = { defaultLanguage: language } as Parameters<typeof reminderCard>[0]['config'];
      assertValidCard(reminderCard({ config }, { kind: 'starts_soon', forDate: '2026-05-12', inspection: sampleInspection() }));
      assertValidCard(reminderCard({ config }, { kind: 'report_due', forDate: '2026-08-09', inspection: sampleInspection({ status: 'carried_out' }) }));
    });

    it(`inspection confirmation and calendar cards are valid in ${language}`, () => {
      assertValidCard(renderCard('cjiPosted', { notice: 'n', title: t('inspections.posted.title', { ref: 'CJI-2026-007' }), lines: [{ text: t('inspections.posted.noChannel', { ref: 'CJI-2026-007' }) }], ref: 'CJI-2026-007', showLabel: t('inspections.posted.show'), alertRef: 'AL-2026-0042', backLabel: t('inspections.posted.backToAlert', { ref: 'AL-2026-0042' }) }));
      assertValidCard(renderCard('cjiPosted', { notice: '', title: 'x', lines: [{ text: 'y' }], ref: 'CJI-2026-007', showLabel: t('inspections.posted.show'), alertRef: '', backLabel: '' }));
      assertValidCard(renderCard('cjiCalendar', { notice: 'n', title: t('inspections.calendar.title'), intro: t('inspections.calendar.intro'), linkLabel: t('inspections.calendar.link'), url: `https://desk.example.org/api/inspections.ics?token=${'A'.repeat(43)}`, stateLinkLabel: t('inspections.calendar.stateLink', { state: 'España' }), stateUrl: `https://desk.example.org/api/inspections.ics?token=${'B'.repeat(43)}`, replaced: t('inspections.calendar.replaced'), warning: t('inspections.calendar.warning') }));
    });
  }

  it('omits the optional parts of the help card when they are empty', () => {
    const card = JSON.stringify(helpCard({ t: translator('en'), commandNames: commandNames(), tabUrl: null }));
    expect(card).not.to.include('Action.OpenUrl');
    expect(card).not.to.include('"color":"Warning"');
  });

  // That every template is rendered and validated by some test is checked in test/cards.userText.test.ts.
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
