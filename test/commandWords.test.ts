import { expect } from 'chai';
import { startAppInChannel } from './helpers/teamsActions';
import type { TestApp } from './helpers/testApp';
import { personalMessage } from './helpers/activities';
import { PEOPLE, from } from './helpers/people';
import { translator } from '../src/i18n/translate';
import { LANGUAGES } from '../src/i18n/languages';
import { commandNames } from '../bot/app';
import { parseCommand } from '../bot/commands/parseCommand';
import { commandAliases, commandWordsIn, foldWord, subcommandOf, subcommandWordsIn } from '../bot/commands/commandWords';

const ALL_COMMANDS = commandNames('local');
const KNOWN = new Set(ALL_COMMANDS);

describe('command words in the five languages (catalogue data)', () => {
  it('gives every command its words in every language, the help line showing the first', () => {
    for (const language of LANGUAGES) {
      for (const name of ALL_COMMANDS) expect(commandWordsIn(language, name), `${language} commandWords.${name}`).to.not.be.empty;
    }
  });

  it('has no word that names two commands, in any language or across languages, nor another command\'s English name', () => {
    const owner = new Map<string, string>();
    for (const name of ALL_COMMANDS) owner.set(name, name);
    for (const language of LANGUAGES) {
      for (const name of ALL_COMMANDS) {
        for (const word of commandWordsIn(language, name)) {
          expect(word, `${language} "${word}"`).to.match(/^[a-z\d_-]+$/);
          const earlier = owner.get(word);
          expect(earlier ?? name, `${language} "${word}" is a word of ${earlier} and of ${name}`).to.equal(name);
          owner.set(word, name);
        }
      }
    }
  });

  it('has no subcommand word that names two subcommands of one command', () => {
    for (const name of ALL_COMMANDS) {
      const owner = new Map<string, string>();
      for (const language of LANGUAGES) {
        for (const [sub, words] of Object.entries(subcommandWordsIn(language, name))) {
          for (const word of [foldWord(sub), ...words]) {
            expect(owner.get(word) ?? sub, `${name}: ${language} "${word}"`).to.equal(sub);
            owner.set(word, sub);
          }
        }
      }
    }
  });

  it('parses a command word of any language after a slash, folded, and keeps a bare foreign word as text', () => {
    const aliases = commandAliases();
    expect(parseCommand('/aide', KNOWN, aliases)).to.include({ name: 'help' });
    expect(parseCommand('/Relatório', KNOWN, new Map([['relatorio', 'plan']]))).to.include({ name: 'plan' });
    expect(parseCommand('/alerta', KNOWN, aliases)).to.include({ name: 'alert' });
    expect(parseCommand('/avviso x', KNOWN, aliases)).to.deep.include({ name: 'alert', args: ['x'] });
    expect(parseCommand('/ayuda', KNOWN, aliases)).to.include({ name: 'help' });
    expect(parseCommand('aide', KNOWN, aliases)).to.include({ name: null });
    expect(parseCommand('/help', KNOWN, aliases)).to.include({ name: 'help' });
    // A word for a command this mode has not (/demo in production) stays unknown.
    expect(parseCommand('/demo', new Set(commandNames('production')), aliases)).to.include({ name: 'demo' });
    expect(subcommandOf('cji', 'relatório')).to.equal('report');
    expect(subcommandOf('cji', 'informe')).to.equal('report');
    expect(subcommandOf('cji', 'rapporto')).to.equal('report');
    expect(subcommandOf('company', 'EXPORTAR')).to.equal('export');
    expect(subcommandOf('cji', 'nonsense')).to.equal(null);
  });
});

describe('commands typed in the user language through /api/messages', () => {
  let t: TestApp;
  before(async () => {
    t = await startAppInChannel();
  });
  after(() => t.stop());
  beforeEach(() => t.connector.clear());

  it('answers /aide in French with the French words of every command, the English ones listed beside them', async () => {
    await t.post(personalMessage('/aide', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    const text = JSON.stringify(t.sentCards()[0]);
    const fr = translator('fr');
    expect(text).to.include(fr('help.title'));
    expect(text).to.include('"/aide"').and.include('/alerte').and.include('/recherche <texte>');
    expect(text).to.include(fr('search.aliases', { words: '/help' }));
  });

  it('answers /ayuda in Spanish and /help for a Spanish user still, with /ayuda shown', async () => {
    await t.post(personalMessage('/ayuda', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    await t.post(personalMessage('/help', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    const [first, second] = t.sentCards().map((card) => JSON.stringify(card));
    expect(first).to.equal(second);
    expect(first).to.include(translator('es')('help.title')).and.include('"/ayuda"');
  });

  it('opens the alert form for /alerta in Portuguese and /avviso in Italian', async () => {
    await t.post(personalMessage('/alerta', { ...from(PEOPLE.ptInspector), locale: 'pt-PT' }));
    await t.post(personalMessage('/avviso', { ...from(PEOPLE.itInspector), locale: 'it-IT' }));
    const [pt, it] = t.sentCards().map((card) => JSON.stringify(card));
    expect(pt).to.include(translator('pt')('alerts.form.title'));
    expect(it).to.include(translator('it')('alerts.form.title'));
  });

  it('understands subcommands in the user language: /inspeccion nueva, /cji rapport without a reference', async () => {
    await t.post(personalMessage('/inspeccion nueva', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    expect(JSON.stringify(t.sentCards()[0])).to.include(translator('es')('inspections.form.title'));
    t.connector.clear();
    await t.post(personalMessage('/icc rapport', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    await t.post(personalMessage('/cji report', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    const [french, english] = t.connector.sentActivities().map((call) => JSON.stringify(call.body.text ?? call.body.attachments));
    expect(french).to.equal(english);
  });

  it('keeps a foreign word without a slash as text: the help with an unknown-command hint', async () => {
    await t.post(personalMessage('aide', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    expect(JSON.stringify(t.sentCards()[0])).to.include(JSON.stringify(translator('fr')('errors.unknownCommand', { text: 'aide' })).slice(1, -1));
  });
});
