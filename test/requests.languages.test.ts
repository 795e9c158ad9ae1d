import { expect } from 'chai';
import { activity, personalMessage } from './helpers/activities';
import { assertValidCard } from './helpers/cardValidator';
import { PEOPLE, from, manualClock, type Person } from './helpers/people';
import { clickOnChannelCard, invokeCard, postedMessageId, startAppInChannel } from './helpers/teamsActions';
import type { TestApp } from './helpers/testApp';
import { translator } from '../src/i18n/translate';
import { findQuestion, questionText } from '../src/requests/questionCatalogue';
import { getRequest } from '../src/requests/requestQueries';
import { formatDate } from '../bot/cards/choices';

function text(card: unknown): string {
  assertValidCard(card);
  return JSON.stringify(card);
}

const pt = translator('pt');
const es = translator('es');
const writtenIn = (t: typeof pt, language: 'pt' | 'es') => t('cards.writtenIn', { language: t(`languageName.${language}`) });

describe('an information request across two languages', () => {
  let t: TestApp;
  // Thursday 3 Dec 2026; normal: 25 Spanish working days, without weekends and 8 Dec, 25 Dec, 1 and 6 Jan (holidays in Spain).
  const clock = manualClock('2026-12-03T10:00:00Z');
  beforeEach(async () => {
    // Only this test's requests: the demo data's would take the first references, fill the lists and come due.
    t = await startAppInChannel({ clock, env: { DEMO_DATA: 'never' } });
  });
  afterEach(() => t.stop());

  it('is written in Portuguese, answered in Spanish and read in each side\'s language, the free texts marked with the language they were written in', async () => {
    const invoke = (person: Person, locale: string, verb: string, data: Record<string, unknown>) =>
      t.post(activity('invoke.cardAction.personal', { ...from(person), locale, value: { action: { type: 'Action.Execute', verb, data } } }));
    // The Portuguese inspector opens the form in Portuguese and asks Spain's ITSS questions from two topics and one of their own.
    await t.post(personalMessage('/request new', { ...from(PEOPLE.ptInspector), locale: 'pt-PT' }));
    const form = text(t.sentCards().at(-1));
    expect(form).to.include(pt('requests.form.title')).and.include(questionText(findQuestion('pd.contactPerson')!, 'pt'));
    const formId = /"formId":"([0-9a-f-]{36})"/.exec(form)![1];
    const sent = text(
      invokeCard(
        await invoke(PEOPLE.ptInspector, 'pt-PT', 'request.submit', {
          formId,
          addressees: 'ES-ITSS',
          companyIdentifier: 'B12345674',
          companyIdentifierType: 'es_cif',
          companyName: 'Montajes Ibéricos Demo, S.L. (fictional)',
          questions_posting_declaration: 'pd.contactPerson',
          questions_accidents: 'ac.reported,ac.reportedOn',
          freeQuestion: 'A empresa tem estaleiro próprio em Badajoz?',
          urgency: 'normal',
        }),
      ),
    );
    expect(sent).to.include(pt('requests.sent.title', { ref: 'RQ-2026-0001' }));
    const request = getRequest(t.app.db, 'RQ-2026-0001')!;
    expect(request.addressees.map((a) => [a.authorityId, a.dueDate])).to.deep.equal([['ES-ITSS', '2027-01-13']]);
    await t.app.outbox.idle();
    const notice = postedMessageId(t, 'request:RQ-2026-0001:posted');

    // The Spanish addressee reads the questions in Spanish, the free question marked as Portuguese.
    const asked = text(invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, notice, 'request.open', { ref: 'RQ-2026-0001' }, 'es-ES')));
    expect(asked).to.include(questionText(findQuestion('ac.reported')!, 'es')).and.include(questionText(findQuestion('pd.contactPerson')!, 'es'));
    expect(asked).to.include('A empresa tem estaleiro próprio em Badajoz?').and.include(writtenIn(es, 'pt'));
    // The answer form shows the free question with the same mark, under the question itself.
    const answerForm = invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, notice, 'request.answerForm', { ref: 'RQ-2026-0001' }, 'es-ES'));
    const body = answerForm.body as Array<{ type: string; text?: string; inlines?: Array<{ text: string }> }>;
    const question = body.findIndex((element) => element.inlines?.[0]?.text === 'A empresa tem estaleiro próprio em Badajoz?');
    expect(question).to.be.greaterThan(-1);
    expect(body[question + 1]).to.include({ type: 'TextBlock', text: writtenIn(es, 'pt') });
    // The requester's own language is not marked for a reader of it.
    const samePt = JSON.stringify(invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, notice, 'request.answerForm', { ref: 'RQ-2026-0001' }, 'pt-PT')));
    expect(samePt).to.include('A empresa tem estaleiro próprio em Badajoz?').and.not.include(writtenIn(pt, 'pt'));
    const answered = text(
      invokeCard(
        await clickOnChannelCard(t, PEOPLE.esInspector, notice, 'request.answer', {
          ref: 'RQ-2026-0001',
          a_pd_contactPerson: 'Laura Gómez, jefa de obra',
          a_ac_reported: 'yes',
          a_ac_reportedOn: '2026-11-20',
          freeText: 'Sí, desde marzo de 2026.',
          sourcesNote: 'Registro de la Seguridad Social',
        }, 'es-ES'),
      ),
    );
    // Their own words are not marked for them.
    expect(answered).to.include(es('requests.addresseeStatus.answered_fully')).and.not.include(writtenIn(es, 'es'));

    // The requester reads the answers in Portuguese: the catalogue's words and dates in theirs, the Spanish texts marked as Spanish.
    const read = text(invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, notice, 'request.open', { ref: 'RQ-2026-0001' }, 'pt-PT')));
    expect(read).to.include(pt('requests.view.answerLine', { authority: 'ITSS', answer: pt('requests.answer.yes') }));
    expect(read).to.include(pt('requests.view.answerLine', { authority: 'ITSS', answer: formatDate('2026-11-20', 'pt') }));
    expect(read).to.include(pt('requests.view.answerLine', { authority: 'ITSS', answer: 'Laura Gómez, jefa de obra' }));
    expect(read).to.include(pt('requests.view.replyLine', { authority: 'ITSS', text: 'Sí, desde marzo de 2026.' }));
    expect(read).to.include(pt('requests.view.sourcesLine', { authority: 'ITSS', text: 'Registro de la Seguridad Social' }));
    // One mark each on the text answer, the reply and the note on sources; none on the yes/no and the date, none on their own question.
    expect(read.split(`(${writtenIn(pt, 'es')})`)).to.have.length(4);
    expect(read).to.not.include(writtenIn(pt, 'pt'));
  });
});
