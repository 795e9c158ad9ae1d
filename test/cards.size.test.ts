import { expect } from 'chai';
import { assertValidCard } from './helpers/cardValidator';
import { AUTHORITIES, MEMBER_STATES, sampleAction, sampleInspection } from './helpers/cardSamples';
import { LANGUAGES } from '../src/i18n/languages';
import { translator } from '../src/i18n/translate';
import { alertFormCard } from '../bot/alerts/alertForm';
import { inspectionFormCard } from '../bot/inspections/inspectionForm';
import { outcomeFormCard } from '../bot/inspections/outcomeForm';
import { actionFormCard, emptyActionForm } from '../bot/plans/actionForm';
import { actionCard } from '../bot/plans/actionViews';

const FORM_ID = '00000000-0000-4000-8000-000000000001';
/** What a client that ignores maxLength can send: a 100,000-character value. */
const HUGE = 'Résumé '.repeat(14_286).slice(0, 100_000);

type Node = Record<string, any>;

/** The input with this id, and what follows it in its list. */
function inputOf(card: unknown, id: string): { input: Node; next: Node | undefined } {
  const lists: Node[][] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      lists.push(value as Node[]);
      value.forEach(walk);
    } else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(card);
  for (const list of lists) {
    const index = list.findIndex((node) => node && node.type === 'Input.Text' && node.id === id);
    if (index >= 0) return { input: list[index], next: list[index + 1] };
  }
  throw new Error(`no input ${id}`);
}

describe('a value longer than its field, shown again in a refused form', () => {
  for (const language of LANGUAGES) {
    const t = translator(language);
    /** The form re-shows `id` cut to its maxLength, says so right below it, and stays a card Teams accepts. */
    const expectCut = (card: unknown, id: string, max: number) => {
      assertValidCard(card);
      const { input, next } = inputOf(card, id);
      expect(input.maxLength).to.equal(max);
      expect(input.value).to.equal(HUGE.slice(0, max));
      expect(next?.text).to.equal(t('cards.valueCut', { max }));
    };

    it(`is cut at the field's maximum, with a note saying so, in the alert form in ${language}`, () => {
      const values = { companyName: HUGE, identifierValue0: HUGE, summary: HUGE, imiRequestNumber: HUGE, caseReference: HUGE };
      const card = alertFormCard(t, language, { formId: FORM_ID, values, errors: [{ field: 'summary', key: 'alerts.errors.tooLong', vars: { max: 2000 } }] });
      expectCut(card, 'summary', 2000);
      expectCut(card, 'companyName', 200);
    });

    it(`is cut in the inspection form and the outcome form in ${language}`, () => {
      const base = { formId: FORM_ID, memberStates: MEMBER_STATES, authorities: AUTHORITIES, planYear: 2026, origin: { alertRef: null }, planActions: null };
      const card = inspectionFormCard(t, language, { ...base, values: { city: HUGE, region: HUGE, notes: HUGE, companyName0: HUGE, companyValue0: HUGE } });
      expectCut(card, 'notes', 1000);
      expectCut(card, 'city', 100);
      expectCut(card, 'companyName0', 200);
      const outcome = outcomeFormCard(t, language, sampleInspection({ status: 'carried_out', outcome: null }), { formId: FORM_ID, values: { followUp: HUGE, reportReference: HUGE } });
      expectCut(outcome, 'followUp', 1000);
      expectCut(outcome, 'reportReference', 60);
    });

    it(`is cut in the new-action form and the action card's update form in ${language}`, () => {
      const form = actionFormCard(t, language, { formId: FORM_ID, values: { ...emptyActionForm(2025), actionTitle: HUGE, description: HUGE }, memberStates: MEMBER_STATES, authorities: AUTHORITIES });
      expectCut(form, 'description', 4000);
      expectCut(form, 'actionTitle', 200);
      expectCut(actionCard(t, language, sampleAction('x'), { values: { note: HUGE } }), 'note', 1000);
    });
  }

  it('is cut as the domain counts (UTF-16 units), never through the middle of a character', () => {
    const card = alertFormCard(translator('en'), 'en', { formId: FORM_ID, values: { summary: `a${'😀'.repeat(1500)}` } });
    expect(inputOf(card, 'summary').input.value).to.equal(`a${'😀'.repeat(999)}`);
  });

  it('is left alone when it fits, with no note', () => {
    const t = translator('en');
    const card = alertFormCard(t, 'en', { formId: FORM_ID, values: { summary: 'S'.repeat(2000) } });
    const { input, next } = inputOf(card, 'summary');
    expect(input.value).to.have.length(2000);
    expect(JSON.stringify(next ?? {})).not.to.include(t('cards.valueCut', { max: 2000 }));
  });
});
