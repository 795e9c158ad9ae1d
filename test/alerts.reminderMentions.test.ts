import { expect } from 'chai';
import { activity } from './helpers/activities';
import { fromOfficer, know, officer, useTheApp, type Officer } from './helpers/officers';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { manualClock } from './helpers/people';
import { invokeCard, postedMessageId, startAppInChannel } from './helpers/teamsActions';
import type { TestApp } from './helpers/testApp';
import { VALID_ALERT_FORM } from './helpers/alertForms';
import { translator } from '../src/i18n/translate';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { MAX_MENTIONS } from '../src/identity/notifyAudience';
import { postOverdueAnswerReminders } from '../bot/alerts/answerReminder';

const PT = officer('Rui Costa', 'act.gov.pt');
const FR = officer('Camille Durand', 'urssaf.fr');
const ES = officer('Lucía García', 'mites.gob.es');
const ES_TGSS = officer('Javier Ruiz', 'seg-social.es');
const IT = officer('Giulia Bianchi', 'ispettorato.gov.it');

let forms = 0;
const formId = () => `00000000-0000-4000-8000-${String(++forms).padStart(12, '0')}`;

function invoke(person: Officer, verb: string, data: Record<string, unknown>) {
  return activity('invoke.cardAction.personal', { ...fromOfficer(person), value: { action: { type: 'Action.Execute', verb, data } } });
}

async function postUrgentAlert(t: TestApp): Promise<{ ref: string; messageId: string }> {
  const card = JSON.stringify(invokeCard(await t.post(invoke(PT, 'alert.submit', { ...VALID_ALERT_FORM, countriesConcerned: 'FR,ES', urgency: 'urgent', formId: formId() }))));
  await t.app.outbox.idle();
  const ref = /AL-\d{4}-\d{4}/.exec(card)![0];
  return { ref, messageId: postedMessageId(t, `alert:${ref}:posted`) };
}

/** The reminder job as the schedule runs it, then the outbox: the replies in the alert's thread. */
async function remind(t: TestApp, messageId: string): Promise<Array<{ body: any }>> {
  postOverdueAnswerReminders(t.app.deps);
  await t.app.outbox.idle();
  return t.connector.sentActivities().filter((call) => call.path.endsWith(`/activities/${messageId}`));
}

const mentionedIds = (entities: any[] | undefined) => (entities ?? []).map((entity) => entity.mentioned.id);

describe('the "answers overdue" reminder calls on those who have not answered', () => {
  let t: TestApp;
  const clock = manualClock('2026-03-02T09:00:00Z');
  beforeEach(() => clock.set('2026-03-02T09:00:00Z'));
  afterEach(() => t?.stop());

  it('mentions the known people of the authorities still awaited, in the reply activity and on its card, leaving out who answered', async () => {
    t = await startAppInChannel({ clock });
    know(t, PT, FR, ES, ES_TGSS, IT);
    await useTheApp(t, PT, FR, ES, ES_TGSS, IT);
    const { ref, messageId } = await postUrgentAlert(t);
    // ITSS answers; URSSAF and TGSS do not. Urgent: two working days of Portugal, due Wednesday 4 March.
    await t.post(invoke(ES, 'alert.respond', { ref, answer: 'known' }));
    clock.set('2026-03-05T08:00:00Z');
    const replies = await remind(t, messageId);
    expect(replies).to.have.length(1);
    const reply = replies[0].body;
    const card = cardsOf(reply)[0] as any;
    assertValidCard(card);
    expect(mentionedIds(reply.entities)).to.have.members([FR.aadObjectId, ES_TGSS.aadObjectId]);
    expect(card.msteams.entities).to.deep.equal(reply.entities);
    const line = card.body.find((element: any) => element.type === 'TextBlock' && String(element.text).includes('<at>'));
    expect(line.text).to.equal(translator('en')('mine.mentions.line', { names: reply.entities.map((entity: any) => entity.text).join(', ') }));
    expect(JSON.stringify(card)).to.not.include(ES.name).and.not.include(PT.name).and.not.include(IT.name);
  });

  it('mentions an authority\'s configured Teams tag instead of its people', async () => {
    t = await startAppInChannel({ clock });
    const participants = loadParticipants();
    const urssaf = participants.authorities.find((authority) => authority.id === 'FR-URSSAF')!;
    urssaf.teamsTag = { id: 'MjQzMmI1N2ItMGFiZC00M2RiLWFhN2ItMTZlYWRjYjczYzY3IyNkNGNlNzQ5Yi0zNWQ4', name: 'URSSAF inspectors' };
    syncParticipants(t.app.db, participants);
    know(t, PT, FR, ES);
    await useTheApp(t, PT, FR, ES);
    const { ref, messageId } = await postUrgentAlert(t);
    await t.post(invoke(ES, 'alert.respond', { ref, answer: 'known' }));
    clock.set('2026-03-05T08:00:00Z');
    const [reply] = await remind(t, messageId);
    const card = cardsOf(reply.body)[0] as any;
    expect(card.msteams.entities).to.deep.equal([{ type: 'mention', text: '<at>URSSAF inspectors</at>', mentioned: { id: urssaf.teamsTag.id, name: 'URSSAF inspectors', type: 'tag' } }]);
    expect(mentionedIds(reply.body.entities)).to.deep.equal([urssaf.teamsTag.id]);
  });

  it(`names at most ${MAX_MENTIONS} people, as the alert post does, and counts the others`, async () => {
    t = await startAppInChannel({ clock, env: { DEFAULT_LOCALE: 'fr' } });
    const many = Array.from({ length: 27 }, (_, i) => officer(`Inspector ${String.fromCharCode(65 + (i % 26))}${i}`, 'mites.gob.es'));
    know(t, PT, FR, ...many);
    await useTheApp(t, PT, FR, ...many);
    const { messageId } = await postUrgentAlert(t);
    clock.set('2026-03-05T08:00:00Z');
    const [reply] = await remind(t, messageId);
    const card = cardsOf(reply.body)[0] as any;
    assertValidCard(card);
    expect(reply.body.entities).to.have.length(MAX_MENTIONS);
    expect(mentionedIds(reply.body.entities)).to.include(FR.aadObjectId);
    const line = card.body.find((element: any) => element.type === 'TextBlock' && String(element.text).includes('<at>'));
    const names = reply.body.entities.map((entity: any) => entity.text).join(', ');
    expect(line.text).to.equal(translator('fr')('mine.mentions.lineWithMore', { names, number: 28 - MAX_MENTIONS }));
  });
});
