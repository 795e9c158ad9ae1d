import { expect } from 'chai';
import { cardProblems, assertValidCard, TEAMS_CARD_LIMIT_BYTES } from './helpers/cardValidator';
import { helpCard } from '../bot/handlers/help';
import { renderCard, listCardTemplates } from '../bot/cards/renderCard';
import { commandNames } from '../bot/app';
import { LANGUAGES } from '../src/i18n/languages';
import { translator } from '../src/i18n/translate';

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

  it('omits the optional parts of the help card when they are empty', () => {
    const card = JSON.stringify(helpCard({ t: translator('en'), commandNames: commandNames(), tabUrl: null }));
    expect(card).not.to.include('Action.OpenUrl');
    expect(card).not.to.include('"color":"Warning"');
  });

  it('has a test above for every card template', () => {
    expect(listCardTemplates().sort()).to.deep.equal(['help', 'welcome']);
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
