import { expect } from 'chai';
import { activity, personalMessage } from './helpers/activities';
import { fromOfficer, know, officer, useTheApp, type Officer } from './helpers/officers';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { manualClock } from './helpers/people';
import { invokeCard, postedMessageId, startAppInChannel } from './helpers/teamsActions';
import { READER_VIEW_VERB } from '../bot/cards/readerViews';
import { startTestApp, type TestApp } from './helpers/testApp';
import { installInChannel } from './helpers/teamsActions';
import { VALID_ALERT_FORM } from './helpers/alertForms';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { loadParticipants, syncParticipants } from '../src/reference/participants';
import { audienceOf, MAX_MENTIONS, MAX_TAG_MENTIONS } from '../src/identity/notifyAudience';
import { registerPeople } from './helpers/people';
import { OPEN_ITEMS_PER_LIST } from '../src/mine/openItems';
import { mineCard } from '../bot/mine/mineCard';

const PT = officer('Rui Costa', 'act.gov.pt');
const FR = officer('Camille Durand', 'urssaf.fr');
const ES = officer('Lucía García', 'mites.gob.es');
const ES_TGSS = officer('Javier Ruiz', 'seg-social.es');
const IT = officer('Giulia Bianchi', 'ispettorato.gov.it');
const PT_ISS = officer('Ana Sousa', 'seg-social.pt');

let forms = 0;
const formId = () => `00000000-0000-4000-8000-${String(++forms).padStart(12, '0')}`;

function invoke(person: Officer, verb: string, data: Record<string, unknown>, locale = 'en-GB') {
  return activity('invoke.cardAction.personal', { ...fromOfficer(person), locale, value: { action: { type: 'Action.Execute', verb, data } } });
}

async function postAlert(t: TestApp, person: Officer, overrides: Record<string, string> = {}): Promise<string> {
  const card = JSON.stringify(invokeCard(await t.post(invoke(person, 'alert.submit', { ...VALID_ALERT_FORM, formId: formId(), ...overrides }))));
  await t.app.outbox.idle();
  return /AL-\d{4}-\d{4}/.exec(card)![0];
}

/** The channel post (the activity Teams received) made under a dedupe key, and its card. */
function channelPost(t: TestApp, key: string): { activity: any; card: any } {
  const id = postedMessageId(t, key);
  const call = t.connector.sentActivities().find((c) => c.replyToId === null && JSON.stringify(c.body).includes(key.split(':')[1]!) && id);
  expect(call, `post ${key}`).to.not.equal(undefined);
  const card = cardsOf(call!.body)[0] as any;
  assertValidCard(card);
  return { activity: call!.body, card };
}

const mentionedIds = (entities: any[] | undefined) => (entities ?? []).map((entity) => entity.mentioned.id);

describe('channel posts mention the people who must act', () => {
  let t: TestApp;
  afterEach(() => t?.stop());

  it('mentions the known people of the countries concerned on an alert, in the activity and on the card, and drops those who answered', async () => {
    t = await startAppInChannel();
    know(t, PT, FR, ES, ES_TGSS, IT);
    await useTheApp(t, PT, FR, ES, ES_TGSS, IT);
    const ref = await postAlert(t, PT, { countriesConcerned: 'FR,ES' });
    const { activity: posted, card } = channelPost(t, `alert:${ref}:posted`);
    // France's and Spain's people; not Italy (not concerned), not the reporting authority.
    expect(mentionedIds(posted.entities)).to.have.members([FR.aadObjectId, ES.aadObjectId, ES_TGSS.aadObjectId]);
    expect(posted.entities.every((entity: any) => entity.type === 'mention' && /^<at>.+<\/at>$/.test(entity.text))).to.equal(true);
    expect(card.msteams.entities).to.deep.equal(posted.entities);
    const line = card.body.find((element: any) => element.type === 'TextBlock' && String(element.text).includes('<at>'));
    for (const entity of posted.entities) expect(line.text).to.include(entity.text);
    expect(line.text).to.include(translator('en')('mine.mentions.line', { names: '' }).trim());
    expect(JSON.stringify(card)).to.include('<at>Lucía García</at>').and.not.include(IT.name).and.not.include(PT.name);

    // ITSS answers from its own chat: the channel's post is updated and no longer calls on it.
    await t.post(invoke(ES, 'alert.respond', { ref, answer: 'known' }));
    await t.app.outbox.idle();
    const update = t.connector.updates().at(-1)!;
    const updated = cardsOf(update.body)[0] as any;
    assertValidCard(updated);
    expect(mentionedIds(updated.msteams.entities)).to.have.members([FR.aadObjectId, ES_TGSS.aadObjectId]);
  });

  it('mentions an authority\'s Teams tag instead of its people when the deployment configured one', async () => {
    t = await startAppInChannel();
    const participants = loadParticipants();
    const urssaf = participants.authorities.find((authority) => authority.id === 'FR-URSSAF')!;
    urssaf.teamsTag = { id: 'MjQzMmI1N2ItMGFiZC00M2RiLWFhN2ItMTZlYWRjYjczYzY3IyNkNGNlNzQ5Yi0zNWQ3', name: 'URSSAF inspectors' };
    syncParticipants(t.app.db, participants);
    know(t, PT, FR);
    await useTheApp(t, PT, FR);
    const ref = await postAlert(t, PT, { countriesConcerned: 'FR' });
    const { activity: posted, card } = channelPost(t, `alert:${ref}:posted`);
    // On the card, where Teams reads an Adaptive Card's mentions, the tag says it is one.
    expect(card.msteams.entities).to.deep.equal([
      { type: 'mention', text: '<at>URSSAF inspectors</at>', mentioned: { id: urssaf.teamsTag.id, name: 'URSSAF inspectors', type: 'tag' } },
    ]);
    expect(mentionedIds(posted.entities)).to.deep.equal([urssaf.teamsTag.id]);
    expect(JSON.stringify(card)).to.include('<at>URSSAF inspectors</at>').and.not.include(FR.name);

    // A reader's own view answers an invoke, where Teams takes no tag mention: the tag is named as text.
    const view = invokeCard(
      await t.post(
        activity('invoke.cardAction.channel', {
          ...fromOfficer(FR),
          locale: 'fr-FR',
          replyToId: postedMessageId(t, `alert:${ref}:posted`),
          value: { action: { type: 'Action.Execute', verb: READER_VIEW_VERB, data: card.refresh.action.data } },
        }),
      ),
    );
    expect(view.msteams?.entities ?? []).to.deep.equal([]);
    expect(JSON.stringify(view)).to.include('URSSAF inspectors').and.not.include('<at>');
  });

  /** URSSAF reached by a tag, as the deployment's participants.json would say. */
  function tagUrssaf(t: TestApp): string {
    const participants = loadParticipants();
    const urssaf = participants.authorities.find((authority) => authority.id === 'FR-URSSAF')!;
    urssaf.teamsTag = { id: 'MjQzMmI1N2ItMGFiZC00M2RiLWFhN2ItMTZlYWRjYjczYzY3IyNkNGNlNzQ5Yi0zNWQ4', name: 'URSSAF inspectors' };
    syncParticipants(t.app.db, participants);
    return urssaf.teamsTag.id;
  }

  it('mentions the people, not the tag, in a shared channel, where Teams delivers no tag mention', async () => {
    t = await startTestApp();
    registerPeople(t.connector);
    await t.post(activity('conversationUpdate.install.team', { channelData: { channel: { type: 'shared' } } }));
    await t.app.outbox.idle();
    t.connector.clear();
    tagUrssaf(t);
    know(t, PT, FR);
    await useTheApp(t, PT, FR);
    const ref = await postAlert(t, PT, { countriesConcerned: 'FR' });
    const { activity: posted, card } = channelPost(t, `alert:${ref}:posted`);
    expect(mentionedIds(posted.entities)).to.deep.equal([FR.aadObjectId]);
    expect(card.msteams.entities.some((entity: any) => entity.mentioned.type === 'tag')).to.equal(false);
    expect(JSON.stringify(card)).to.include(`<at>${FR.name}</at>`).and.not.include('URSSAF inspectors');
  });

  it('stops mentioning the tag once Teams says the channel was shared with another team, and audits the change', async () => {
    t = await startAppInChannel();
    const tagId = tagUrssaf(t);
    know(t, PT, FR);
    await useTheApp(t, PT, FR);
    const before = await postAlert(t, PT, { countriesConcerned: 'FR' });
    expect(mentionedIds(channelPost(t, `alert:${before}:posted`).activity.entities)).to.deep.equal([tagId]);
    const shared = await t.post(
      activity('conversationUpdate.install.team', { membersAdded: [], channelData: { eventType: 'channelShared', channel: { type: 'shared' } } }),
    );
    expect(shared.status).to.equal(200);
    // Another company, so that no duplicate warning stands before the post.
    const after = await postAlert(t, PT, {
      countriesConcerned: 'FR',
      companyName: 'Edilizia Riviera Demo Srl (fictional)',
      identifierType0: 'other',
      identifierValue0: 'RIVIERA-77',
      identifierCountry0: 'IT',
      registrationCountry: 'IT',
    });
    expect(after).to.not.equal(before);
    expect(mentionedIds(channelPost(t, `alert:${after}:posted`).activity.entities)).to.deep.equal([FR.aadObjectId]);
    expect(listAudit(t.app.db).filter((entry) => entry.action === 'conversation.channel_type').map((entry) => entry.details)).to.deep.equal([
      { channelType: 'shared' },
    ]);
  });

  it("keeps mentioning the tag when Teams says another channel of the team was shared, though the event comes through the cooperation channel's conversation", async () => {
    t = await startAppInChannel();
    const tagId = tagUrssaf(t);
    know(t, PT, FR);
    await useTheApp(t, PT, FR);
    // A team event's conversation is the team's General channel; the channel it speaks of is named in channelData.
    const shared = await t.post(
      activity('conversationUpdate.install.team', {
        membersAdded: [],
        channelData: { eventType: 'channelShared', channel: { id: '19:another-channel@thread.tacv2', type: 'shared' } },
      }),
    );
    expect(shared.status).to.equal(200);
    const ref = await postAlert(t, PT, { countriesConcerned: 'FR' });
    expect(mentionedIds(channelPost(t, `alert:${ref}:posted`).activity.entities)).to.deep.equal([tagId]);
    expect(listAudit(t.app.db).filter((entry) => entry.action === 'conversation.channel_type')).to.deep.equal([]);
  });

  it(`mentions at most ${MAX_TAG_MENTIONS} tags, Teams' limit per message, and reaches the authorities beyond it through their people`, async () => {
    t = await startAppInChannel();
    const participants = loadParticipants();
    // An eleventh authority, so that every authority of the list can have a tag of its own.
    const extra = { ...participants.authorities.find((authority) => authority.id === 'IT-INL')!, id: 'IT-TEST', shortName: 'TEST', emailDomains: ['ispettorato-test.example'] };
    participants.authorities.push(extra);
    participants.authorities.forEach((authority, i) => {
      authority.teamsTag = { id: Buffer.from(`tag-${i}`).toString('base64'), name: `${authority.shortName} inspectors` };
    });
    syncParticipants(t.app.db, participants);
    know(t, PT);
    await useTheApp(t, PT);
    const ids = participants.authorities.map((authority) => authority.id).filter((id) => id !== 'PT-ACT');
    const audience = audienceOf(t.app.db, [...ids, 'PT-ACT']);
    const tags = audience.mentions.filter((mention) => mention.kind === 'tag');
    expect(ids.length + 1).to.be.greaterThan(MAX_TAG_MENTIONS);
    expect(tags.map((tag) => tag.authorityId)).to.deep.equal(ids.slice(0, MAX_TAG_MENTIONS));
    // ACT, past the tags' limit, is reached through the one of its people the app knows.
    expect(audience.mentions.filter((mention) => mention.kind === 'person').map((mention) => mention.id)).to.deep.equal([PT.aadObjectId]);
  });

  it(`names at most ${MAX_MENTIONS} people and counts the others, in the deployment's language (French)`, async () => {
    t = await startTestApp({ env: { DEFAULT_LOCALE: 'fr' } });
    await installInChannel(t);
    const many = Array.from({ length: 27 }, (_, i) => officer(`Inspector ${String.fromCharCode(65 + (i % 26))}${i}`, 'mites.gob.es'));
    know(t, PT, FR, ...many);
    await useTheApp(t, PT, FR, ...many);
    const ref = await postAlert(t, PT, { countriesConcerned: 'FR,ES' });
    const { activity: posted, card } = channelPost(t, `alert:${ref}:posted`);
    expect(posted.entities).to.have.length(MAX_MENTIONS);
    // Taken in turns: France's one officer is named although Spain alone has more than the cap.
    expect(mentionedIds(posted.entities)).to.include(FR.aadObjectId);
    const fr = translator('fr');
    const line = card.body.find((element: any) => element.type === 'TextBlock' && String(element.text).includes('<at>'));
    const names = posted.entities.map((entity: any) => entity.text).join(', ');
    expect(line.text).to.equal(fr('mine.mentions.lineWithMore', { names, number: 28 - MAX_MENTIONS }));
  });

  it('mentions the participating authorities on an inspection and only the addressed authority on a request notice', async () => {
    t = await startAppInChannel({ clock: manualClock('2026-12-03T10:00:00Z') });
    know(t, PT, FR, ES, IT, PT_ISS);
    await useTheApp(t, PT, FR, ES, IT, PT_ISS);
    const cji = JSON.stringify(
      invokeCard(
        await t.post(
          invoke(ES, 'cji.submit', {
            formId: formId(), kind: 'joint', hostState: 'ES', states: 'PT', authorities: 'PT-ACT', leadAuthority: 'ES-ITSS', sector: '49', city: 'Badajoz',
            region: '', placeState: 'ES', startDate: '2027-03-16', endDate: '2027-03-18', companyValue0: '', companyType0: '', companyName0: '', actionRef: '', elaSupport: 'false', notes: '',
          }),
        ),
      ),
    );
    const cjiRef = /CJI-\d{4}-\d{3}/.exec(cji)![0];
    await t.app.outbox.idle();
    expect(mentionedIds(channelPost(t, `cji:${cjiRef}:posted`).activity.entities)).to.have.members([PT.aadObjectId, ES.aadObjectId]);

    const sent = JSON.stringify(
      invokeCard(
        await t.post(
          invoke(ES, 'request.submit', {
            formId: formId(), addressees: 'PT-ISS', companyIdentifier: '599 004 002', companyIdentifierType: 'pt_nipc', companyName: 'Construções Atlântico Demo, Lda (fictional)',
            questions_social_security: 'ss.registered', urgency: 'urgent',
          }, 'es-ES'),
        ),
      ),
    );
    const requestRef = /RQ-\d{4}-\d{4}/.exec(sent)![0];
    await t.app.outbox.idle();
    const notice = channelPost(t, `request:${requestRef}:posted`);
    expect(mentionedIds(notice.activity.entities)).to.deep.equal([PT_ISS.aadObjectId]);
    // A notice only: the mention names the people, never the request's content.
    expect(JSON.stringify(notice.card)).to.not.include('Construções Atlântico');
  });
});

/** The items of the /mine card, by the verb each opens with. */
/** The demo's alert on that demo company (demo-alerts.json). */
function demoAlertRef(t: TestApp, companyName: string): string {
  return (t.app.db.prepare('SELECT a.ref FROM alerts a JOIN companies c ON c.id = a.company_id WHERE c.name = ?').get(companyName) as { ref: string }).ref;
}

function itemsOf(card: any): Array<{ verb: string; ref: string; text: string }> {
  const found: Array<{ verb: string; ref: string; text: string }> = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Container' && node.selectAction?.type === 'Action.Execute') found.push({ verb: node.selectAction.verb, ref: node.selectAction.data.ref, text: JSON.stringify(node.items) });
      Object.values(node).forEach(walk);
    }
  };
  walk(card.body);
  return found;
}

describe('/mine: my open items', () => {
  let t: TestApp;
  const clock = manualClock('2026-12-03T10:00:00Z');
  beforeEach(async () => {
    clock.set('2026-12-03T10:00:00Z');
    t = await startAppInChannel({ clock });
    know(t, PT, FR, ES, PT_ISS);
    await useTheApp(t, PT, FR, ES, PT_ISS);
  });
  afterEach(() => t.stop());

  async function mine(person: Officer, locale: string): Promise<any> {
    await t.app.outbox.idle();
    t.connector.clear();
    await t.post(personalMessage('/mine', { ...fromOfficer(person), locale }));
    const card = t.sentCards().at(-1);
    assertValidCard(card);
    return card;
  }

  it('lists, in French, the alert to answer, the inspection to agree, the late plan actions and the request with its deadline; each opens its card', async () => {
    const alertRef = await postAlert(t, PT, { countriesConcerned: 'FR,ES', urgency: 'urgent' });
    const cji = JSON.stringify(invokeCard(await t.post(invoke(ES, 'cji.submit', {
      formId: formId(), kind: 'concerted', hostState: 'ES', states: 'FR', authorities: 'FR-URSSAF', leadAuthority: 'ES-ITSS', sector: '49', city: 'Irún',
      region: '', placeState: 'ES', startDate: '2027-02-16', endDate: '2027-02-17', companyValue0: '', companyType0: '', companyName0: '', actionRef: '', elaSupport: 'false', notes: '',
    }))));
    const cjiRef = /CJI-\d{4}-\d{3}/.exec(cji)![0];
    const sent = JSON.stringify(invokeCard(await t.post(invoke(ES, 'request.submit', {
      formId: formId(), addressees: 'FR-URSSAF', companyIdentifier: '599 004 002', companyIdentifierType: 'pt_nipc', companyName: 'Construções Atlântico Demo, Lda (fictional)',
      questions_social_security: 'ss.registered', urgency: 'urgent',
    }, 'es-ES'))));
    const requestRef = /RQ-\d{4}-\d{4}/.exec(sent)![0];

    const card = await mine(FR, 'fr-FR');
    const fr = translator('fr');
    const text = JSON.stringify(card);
    // The demo data's requests addressed to France's URSSAF and not answered in full are its open items too.
    const { demo } = t.app.db
      .prepare(
        `SELECT count(*) AS demo FROM information_requests r JOIN information_request_addressees a ON a.request_id = r.id
          WHERE r.idempotency_key LIKE 'demo:%' AND r.status = 'open' AND a.authority_id = 'FR-URSSAF' AND a.status <> 'answered_fully'`,
      )
      .get() as { demo: number };
    expect(demo).to.equal(1);
    // So is the demo's alert of ACT (PT) that concerns France and Spain, answered by neither
    // (demo-alerts.json); the one France answered and the one withdrawn are not.
    const demoAlert = demoAlertRef(t, 'Demo Obras Exemplo, Lda (fictional)');
    expect(text).to.include(fr('mine.title')).and.include(fr('mine.alerts', { number: 2 })).and.include(fr('mine.requests', { number: 1 + demo }));
    const items = itemsOf(card);
    expect(items.find((item) => item.ref === alertRef)).to.deep.include({ verb: 'alert.show' });
    expect(items.find((item) => item.ref === demoAlert)).to.deep.include({ verb: 'alert.show' });
    expect(items.filter((item) => item.verb === 'alert.show').map((item) => item.ref)).to.have.members([alertRef, demoAlert]);
    expect(items.find((item) => item.ref === cjiRef)).to.deep.include({ verb: 'cji.show' });
    expect(items.find((item) => item.ref === cjiRef)!.text).to.include(fr('mine.task.agree')).and.include('Irún');
    expect(items.find((item) => item.ref === requestRef)).to.deep.include({ verb: 'request.open' });
    // Urgent, sent on Thursday 3 Dec: two French working days, due on Monday 7 Dec.
    expect(items.find((item) => item.ref === requestRef)!.text).to.include(fr('mine.requestLine', {
      ref: requestRef, authority: 'ITSS', state: 'ES', urgency: fr('requests.urgency.urgent'), status: fr('requests.addresseeStatus.sent'), date: '7 déc. 2026',
    }));
    // France leads 2023-04 (its plan year is over) and 2026-06 (no update since June); 2026-04 is on time.
    expect(items.filter((item) => item.verb === 'action.show').map((item) => item.ref)).to.deep.equal(['2023-04', '2026-06']);
    expect(items.find((item) => item.ref === '2026-06')!.text).to.include(fr('mine.stale', { date: '18 juin 2026' }));
    // The read is audited with what it showed.
    const audit = listAudit(t.app.db, { action: 'open_items.read' }).at(-1)!;
    expect(audit.authorityId).to.equal('FR-URSSAF');
    expect(JSON.stringify(audit)).to.include(alertRef).and.include(requestRef);

    // An item opens its own card, as in the lists.
    const opened = invokeCard(await t.post(invoke(FR, 'alert.show', { ref: alertRef }, 'fr-FR')));
    expect(JSON.stringify(opened)).to.include(alertRef).and.include('"verb":"alert.respond"');

    // Answered, noted: they leave the list.
    await t.post(invoke(FR, 'alert.respond', { ref: alertRef, answer: 'no_record' }, 'fr-FR'));
    await t.post(personalMessage('/action 2026-06 note Réunion tenue le 1er décembre', { ...fromOfficer(FR), locale: 'fr-FR' }));
    const after = itemsOf(await mine(FR, 'fr-FR')).map((item) => item.ref);
    expect(after).to.not.include(alertRef).and.not.include('2026-06');
    expect(after).to.include('2023-04').and.include(cjiRef);
  });

  it('answers in Spanish, and tells someone with nothing waiting so', async () => {
    const alertRef = await postAlert(t, PT, { countriesConcerned: 'ES' });
    const es = translator('es');
    const card = await mine(ES, 'es-ES');
    // With the demo's alert of ACT (PT) that concerns Spain too (demo-alerts.json).
    expect(JSON.stringify(card)).to.include(es('mine.title')).and.include(es('mine.alerts', { number: 2 })).and.include(es('mine.empty'));
    expect(itemsOf(card).filter((item) => item.verb === 'alert.show').map((item) => item.ref)).to.have.members([alertRef, demoAlertRef(t, 'Demo Obras Exemplo, Lda (fictional)')]);
    // Portugal's social security institute, once it has answered the demo's alert of ITSS (ES)
    // that concerns Portugal (demo-alerts.json): nothing to answer, no inspection, leads no action.
    const demoAlert = demoAlertRef(t, 'Transportes Demo Fictícios, Lda (fictional)');
    expect(itemsOf(await mine(PT_ISS, 'pt-PT')).filter((item) => item.verb === 'alert.show').map((item) => item.ref)).to.deep.equal([demoAlert]);
    await t.post(invoke(PT_ISS, 'alert.respond', { ref: demoAlert, answer: 'no_record' }, 'pt-PT'));
    const empty = await mine(PT_ISS, 'pt-PT');
    const pt = translator('pt');
    expect(JSON.stringify(empty)).to.include(pt('mine.alerts', { number: 0 })).and.include(pt('mine.requests', { number: 0 }));
  });
});

describe('the /mine card at its longest', () => {
  it('stays valid at 1.5 and under Teams\' size limit with four full lists of long names, in every language', () => {
    const long = 'Sociedade de Construções e Obras Públicas do Atlântico Norte, Lda '.repeat(3);
    const many = <T>(make: (i: number) => T) => ({ items: Array.from({ length: OPEN_ITEMS_PER_LIST }, (_, i) => make(i)), total: 140 });
    const items = {
      authorityId: 'FR-URSSAF', memberState: 'FR', today: '2026-12-03',
      alerts: many((i) => ({ ref: `AL-2026-${String(i).padStart(4, '0')}`, companyName: long, urgency: 'priority' as const, reportingAuthority: 'ACT', reportingState: 'PT', createdAt: '2026-12-01T09:00:00Z' })),
      inspections: many((i) => ({ ref: `CJI-2026-${String(i).padStart(3, '0')}`, kind: 'concerted' as const, status: 'agreed' as const, city: long, startDate: '2026-11-10', endDate: '2026-11-11', joined: true, task: 'report_carried_out' as const })),
      actions: many((i) => ({ ref: `2026-${String(i).padStart(2, '0')}`, title: long, status: 'planned' as const, endDate: '2026-06-30', lastUpdateAt: '2026-01-02T00:00:00Z', overdue: true, stale: true })),
      requests: many((i) => ({ ref: `RQ-2026-${String(i).padStart(4, '0')}`, requester: 'TGSS', requesterState: 'ES', urgency: 'normal', status: 'answered_partially' as const, dueDate: '2026-12-20', overdue: false })),
    };
    for (const language of ['en', 'fr', 'it', 'pt', 'es'] as const) {
      const card = mineCard(translator(language), language, items, { shortName: 'URSSAF' });
      assertValidCard(card);
      expect(JSON.stringify(card)).to.include(translator(language)('mine.more', { number: 140 - OPEN_ITEMS_PER_LIST }));
    }
  });
});
