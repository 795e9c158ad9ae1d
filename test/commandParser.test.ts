import { expect } from 'chai';
import { normaliseMessageText, parseCommand, splitArguments } from '../bot/commands/parseCommand';

const KNOWN = new Set(['help', 'alert']);

describe('parsing a command from a Teams message', () => {
  it('strips what is left of an @mention, entities and non-breaking spaces', () => {
    expect(normaliseMessageText('<at>Cooperation Desk</at>&nbsp;/help')).to.equal('/help');
    expect(normaliseMessageText('&nbsp;/help\u00a0 ')).to.equal('/help');
    expect(normaliseMessageText('<p>/alert&nbsp;B49990013 &amp; Co</p>')).to.equal('/alert B49990013 & Co');
  });

  it('reads the command word case-insensitively with or without the slash when known', () => {
    expect(parseCommand('/HELP', KNOWN)).to.include({ name: 'help', rest: '' });
    expect(parseCommand('help', KNOWN)).to.include({ name: 'help' });
    expect(parseCommand('hello there', KNOWN)).to.include({ name: null, text: 'hello there' });
    expect(parseCommand('/unknown x', KNOWN)).to.include({ name: 'unknown', rest: 'x' });
  });

  it('keeps quoted company names together', () => {
    expect(splitArguments('PT599001437 "Demo Obras Exemplo, Lda"')).to.deep.equal(['PT599001437', 'Demo Obras Exemplo, Lda']);
    expect(parseCommand('/alert B49990013 “Acme Demo SL”', KNOWN).args).to.deep.equal(['B49990013', 'Acme Demo SL']);
  });

  it('treats an empty message as no command', () => {
    expect(parseCommand('<at>Cooperation Desk</at>', KNOWN)).to.include({ name: null, text: '' });
    expect(parseCommand(undefined, KNOWN)).to.include({ name: null, text: '' });
  });
});
