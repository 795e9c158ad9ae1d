import { expect } from 'chai';
import { assertValidCard } from './helpers/cardValidator';
import { AUTHORITIES, MEMBER_STATES, sampleAction, sampleInspection } from './helpers/cardSamples';
import { LANGUAGES } from '../src/i18n/languages';
import { translator } from '../src/i18n/translate';
import { alertFormCard } from '../bot/alerts/alertForm';
import { inspectionFormCard } from '../bot/inspections/inspectionForm';
import { outcomeFormCard } from '../bot/inspections/outcomeForm';
import { actionFormCard, emptyActionForm } from '../bot/plans/actionForm';
import { actionCard, actionListCard, statusPostCard } from '../bot/plans/actionViews';
import { alertCard } from '../bot/alerts/alertCard';
import { alertListCard, confirmationCard, dossierCard } from '../bot/alerts/alertViews';
import { inspectionCard } from '../bot/inspections/inspectionCard';
import { inspectionListCard } from '../bot/inspections/inspectionList';
import { reminderCard } from '../bot/inspections/reminderJob';
import { carryOverConfirmationCard } from '../bot/plans/planViews';
import { renderCard } from '../bot/cards/renderCard';
import { CARD_BYTES_LIMIT, cardBytes, fitCard } from '../bot/cards/cardLimits';
import { sampleAlert } from './helpers/cardSamples';
import { literalTexts, markdownTexts } from './helpers/cardText';

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

describe('the size of every card the app sends', () => {
  /** 20,000 characters (40 KB in UTF-8) in every field people type. */
  const WALL = 'Ç'.repeat(20_000);
  const t = translator('fr');

  /** Valid, under the limit the renderer keeps, and still showing the start of what was typed. */
  const fits = (card: unknown) => {
    assertValidCard(card);
    expect(cardBytes(card)).to.be.at.most(CARD_BYTES_LIMIT);
    return card;
  };

  it('stays under Teams\' limit with 20,000 characters in every typed field, on every kind of card that shows them', () => {
    const alert = sampleAlert({}, WALL);
    const answerButtons = (card: any) => card.actions.filter((action: any) => action.verb === 'alert.respond').length;
    expect(answerButtons(fits(alertCard(t, 'fr', alert)))).to.equal(3);
    // What was typed is cut first; the catalogue's words are left whole.
    expect(literalTexts(alertCard(t, 'fr', alert)).some((text) => text.startsWith('ÇÇÇÇ') && text.endsWith('…'))).to.equal(true);
    expect(markdownTexts(alertCard(t, 'fr', alert)).filter((text) => text.endsWith('…'))).to.deep.equal([]);
    const item = { ref: 'AL-2026-0010', status: 'open' as const, urgency: 'routine' as const, companyName: WALL, reportingAuthorityShortName: 'ACT', reportingState: 'PT', createdAt: '2026-03-12T10:00:00Z', responseCount: 9 };
    fits(alertListCard(t, 'fr', { items: Array.from({ length: 8 }, () => item), hasMore: true, offset: 0, filter: { text: WALL } }, null));
    const inspections = Array.from({ length: 50 }, (_, i) => ({ ref: `CJI-2026-${i}`, status: 'agreed', startDate: '2026-05-12', endDate: '2026-05-14', city: WALL, hostState: 'ES' }));
    fits(dossierCard(t, 'fr', { id: 7, name: WALL, country: 'PT', sector: '43', identifiers: alert.company.identifiers, alerts: Array.from({ length: 20 }, () => alert), inspections }, null));
    fits(confirmationCard('x', Array.from({ length: 50 }, () => WALL), null));
    fits(inspectionCard(t, 'fr', sampleInspection({ status: 'cancelled' }, WALL)));
    const cji = { ref: 'CJI-2026-010', kind: 'concerted' as const, status: 'agreed' as const, city: WALL, placeState: 'PT', startDate: '2026-05-12', endDate: '2026-05-14', states: 'ES, PT', leadShortName: 'ACT', joining: 3 };
    fits(inspectionListCard(t, 'fr', { items: Array.from({ length: 8 }, () => cji), hasMore: false, offset: 0, request: { period: 'upcoming', country: null, sector: null } }, null));
    fits(reminderCard({ config: { defaultLanguage: 'fr' } as Parameters<typeof reminderCard>[0]['config'] }, { kind: 'report_due', forDate: '2026-05-12', inspection: sampleInspection({}, WALL) }));
    const action = sampleAction(WALL);
    fits(actionCard(t, 'fr', { ...action, timeline: Array.from({ length: 6 }, () => action.timeline[0]) }));
    fits(actionListCard(t, 'fr', { items: Array.from({ length: 8 }, () => action), total: 8, hasMore: false, offset: 0, filter: { text: WALL } }, null, null));
    fits(statusPostCard(t, 'fr', { action, from: 'initiated', to: 'postponed', note: WALL, noteLanguage: 'pt', by: AUTHORITIES[0], at: '2024-10-03T14:05:00Z' }, { implemented: 1, total: 4 }, null));
    const items = Array.from({ length: 25 }, (_, i) => ({ fromRef: `2024-${100 + i}`, title: WALL, status: 'postponed' as const, toRef: null }));
    fits(carryOverConfirmationCard(t, { fromYear: 2024, toYear: 2025, targetStatus: null, toCopy: items, alreadyCarried: [], cancelled: 0 }, null, null));
    fits(renderCard('companyChoice', { notice: '', title: t('alerts.dossier.choose', { query: WALL }), companies: Array.from({ length: 10 }, (_, i) => ({ companyId: String(i), label: WALL })) }));
  });

  it('drops the last entries of a list that stays too long once its texts are short, an ellipsis in their place', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `ligne ${i}`);
    const card = fits(confirmationCard('Titre', lines, null)) as { body: Array<{ inlines?: Array<{ text: string }>; text?: string }> };
    expect(card.body[1].inlines![0].text).to.equal('ligne 0');
    expect(card.body[card.body.length - 1].text).to.equal('…');
  });

  it('keeps, of a card made of nothing but inputs, what fits rather than sending what Teams refuses', () => {
    const inputs = Array.from({ length: 3000 }, (_, i) => ({ type: 'Input.Text', id: `field${i}`, label: `Field ${i}` }));
    const card = fitCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Form' }, ...inputs], actions: [{ type: 'Action.Execute', verb: 'x', title: 'Send' }] });
    fits(card);
    expect(card.body).to.deep.equal([{ type: 'TextBlock', text: 'Form' }]);
  });
});
