import { expect } from 'chai';
import type { TestApp } from './helpers/testApp';
import { activity, channelMessage, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, type Person } from './helpers/people';
import { startAppInChannel, invokeCard, invokeMessage } from './helpers/teamsActions';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { getActionDetail } from '../src/plans/actionQueries';
import { getPlanHeader, getPlanView } from '../src/plans/planQueries';
import { boardLink } from '../bot/plans/planLinks';
import type { BotDeps } from '../bot/deps';

const en = translator('en');
const fr = translator('fr');
const es = translator('es');
const it_ = translator('it');

/** A local user the app cannot map: in local mode, the demo authority's coordinator. */
const LOCAL_USER = { from: { id: '29:1local-playground-user', aadObjectId: 'local-playground-user', name: 'Local user' } };

function text(card: unknown): string {
  return JSON.stringify(card);
}

async function click(t: TestApp, who: Record<string, unknown>, verb: string, data: Record<string, unknown>, locale = 'en-GB', fixture = 'invoke.cardAction.personal') {
  return t.post(activity(fixture, { ...who, locale, value: { action: { type: 'Action.Execute', verb, data } } }));
}

/** Channel posts the outbox delivered (not replies). */
function channelPosts(t: TestApp): any[] {
  return t.connector.sentActivities().filter((call) => call.conversationId === '19:cooperation-general@thread.tacv2' && call.replyToId === null).flatMap((call) => cardsOf(call.body));
}

describe('/plan, /actions and /action in Teams', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startAppInChannel();
  });
  afterEach(() => t.stop());

  describe('/plan', () => {
    it("answers the summary of this year's plan in English, with a button opening the board on that year", async () => {
      await t.post(personalMessage('/plan', from(PEOPLE.esInspector)));
      const card = text(t.sentCards()[0]);
      // The demo data's illustrative plan of the current year, in progress.
      const year = new Date().getUTCFullYear();
      const { actions } = getPlanView(t.app.db, year)!;
      const implemented = actions.filter((a) => a.status === 'implemented').length;
      expect(card).to.include(en('plan.summary.title', { year }));
      expect(card).to.include(en('plan.report.headline', { count: actions.length, implemented, percent: new Intl.NumberFormat('en', { style: 'percent' }).format(implemented / actions.length) }));
      expect(card).to.include(`${t.app.url}/tab/?view=board&year=${year}`);
      expect(card).to.include('"verb":"plan.report"');
    });

    it('answers 2024 with the seed plan: 6 of 7 actions implemented', async () => {
      await t.post(personalMessage('/plan 2024', from(PEOPLE.esInspector)));
      expect(text(t.sentCards()[0])).to.include(en('plan.report.headline', { count: 7, implemented: 6, percent: '86%' }));
    });

    it('answers a given year in French in the channel, by state and by type', async () => {
      await t.post(channelMessage('/plan 2023', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
      const card = text(t.sentCards()[0]);
      expect(card).to.include(fr('plan.summary.title', { year: 2023 })).and.include(fr('plan.summary.labels.byState'));
      expect(card).to.include(fr('plan.report.headline', { count: 15, implemented: 11, percent: new Intl.NumberFormat('fr', { style: 'percent' }).format(11 / 15) }));
      expect(card).to.include(fr('plan.type.joint_inspection'));
    });

    it('says which plans exist when the year has none', async () => {
      await t.post(personalMessage('/plan 1999', from(PEOPLE.esInspector)));
      expect(t.connector.sentActivities()[0].body.text).to.include(en('plan.errors.planNotFound', { year: 1999 })).and.include('2023, 2024');
    });

    it('answers /plan <year> report with the assessment, and signed links to the printable page and the CSV that open in a browser', async () => {
      await t.post(personalMessage('/plan 2023 informe', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
      const card = t.sentCards()[0] as any;
      const json = text(card);
      expect(json).to.include(es('plan.report.title', { year: 2023 })).and.include(es('plan.report.notImplementedHeading', { count: 4 }));
      const urls = card.actions.filter((a: any) => a.type === 'Action.OpenUrl').map((a: any) => a.url as string);
      const report = urls.find((u: string) => u.includes('/report/2023'))!;
      const csv = urls.find((u: string) => u.includes('/assessment.csv'))!;
      expect(report).to.include('ticket=').and.include('locale=es');
      const page = await fetch(report);
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-type')).to.include('text/html');
      expect(await page.text()).to.include(es('plan.report.title', { year: 2023 }));
      const download = await fetch(csv);
      expect(download.headers.get('content-disposition')).to.include('attachment');
      expect(await download.text()).to.include(es('plan.csv.sections.status'));
      // A ticket opens only its own path.
      const forged = csv.replace('/assessment.csv', '/actions.csv');
      expect((await fetch(forged)).status).to.equal(401);
    });

    it('refuses carry-over to members in their language', async () => {
      await t.post(channelMessage('/plan 2025 reconduction', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
      expect(t.connector.sentActivities()[0].body.text).to.equal(fr('plan.bot.coordinatorsOnlyCarryOver'));
    });

    it('refuses carry-over to members, and asks a coordinator to confirm before copying, once', async () => {
      await t.post(personalMessage('/plan 2025 carry-over', from(PEOPLE.esInspector)));
      expect(t.connector.sentActivities()[0].body.text).to.equal(en('plan.bot.coordinatorsOnlyCarryOver'));
      t.connector.clear();

      await t.post(personalMessage('/plan 2025 carry-over', LOCAL_USER));
      const confirmation = t.sentCards()[0] as any;
      expect(text(confirmation)).to.include(en('plan.carryOver.title', { from: 2024, to: 2025 })).and.include('2024-01');
      expect(getPlanHeader(t.app.db, 2025), 'nothing is copied before the confirmation').to.equal(null);
      const confirm = confirmation.actions.find((a: any) => a.verb === 'plan.carryOver');

      const done = invokeCard(await click(t, LOCAL_USER, 'plan.carryOver', confirm.data));
      expect(text(done)).to.include(en('plan.carryOver.copiedHeading', { from: '2024-01', to: '2025-01', title: getActionDetail(t.app.db, '2024-01')!.title }));
      expect(getActionDetail(t.app.db, '2025-01')).to.include({ originRef: '2024-01', status: 'planned' });

      const again = invokeCard(await click(t, LOCAL_USER, 'plan.carryOver', confirm.data));
      expect(text(again)).to.include(en('plan.carryOver.nothingToCopy', { from: 2024, to: 2025 }));
      expect(t.app.db.prepare('SELECT count(*) AS n FROM actions WHERE plan_year = 2025').get()).to.deep.equal({ n: 1 });
      expect(listAudit(t.app.db, { action: 'plan.carried_over' })).to.have.length(1);
    });
  });

  describe('/actions', () => {
    it('lists a year filtered by country in English, paged under the card size limit', async () => {
      await t.post(personalMessage('/actions 2023 ES', from(PEOPLE.esInspector)));
      const card = t.sentCards()[0] as any;
      const json = text(card);
      // 2023 actions in which Spain leads or takes part: the six multilateral ones (01-05, 13) and 06, 08-11, 15.
      expect(json).to.include(en('plan.list.title', { count: 12 }));
      expect(json).to.include('2023-01 · ').and.include('2023-09 · ').and.not.include('2023-10 · ');
      const next = card.actions.find((a: any) => a.verb === 'actions.page');
      const second = invokeCard(await click(t, from(PEOPLE.esInspector), 'actions.page', next.data));
      expect(text(second)).to.include('2023-10 · ').and.include('2023-13 · ').and.include('2023-15 · ').and.not.include('2023-01 · ');
      expect(text(second)).to.include(en('plan.list.page', { page: 2, pages: 2 }));
    });

    it('understands a status and a multi-word type in Italian', async () => {
      await t.post(personalMessage('/actions 2024 realizzata ispezione congiunta', { ...from(PEOPLE.itInspector), locale: 'it-IT' }));
      const json = text(t.sentCards()[0]);
      expect(json).to.include(it_('plan.list.filters', { filters: `2024 · ${it_('plan.status.implemented')} · ${it_('plan.type.joint_inspection')}` }));
      expect(json).to.include('2024-02 · ').and.not.include('2024-01 · ');
    });
  });

  describe('/action', () => {
    it('shows the action card with its timeline and an update form carrying its version', async () => {
      await t.post(personalMessage('/action 2024-1', from(PEOPLE.esInspector)));
      const card = t.sentCards()[0] as any;
      const json = text(card);
      const action = getActionDetail(t.app.db, '2024-01')!;
      expect(json).to.include(action.title).and.include(en('plan.card.labels.timeline')).and.include(en('plan.card.labels.noTimeline'));
      const submit = card.actions.find((a: any) => a.verb === 'action.status');
      expect(submit.data).to.deep.equal({ ref: '2024-01', version: String(action.version), origin: 'actionCard' });
      expect(json).to.include(`"value":"implemented"`).and.include(en('plan.card.keepStatus', { status: en('plan.status.initiated') }));
    });

    it('updates in one line in Spanish, posts to the channel and audits', async () => {
      await t.post(personalMessage('/action 2024-01 realizada Informe final compartido con las cuatro inspecciones', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
      const card = text(t.sentCards()[0]);
      expect(card).to.include(es('plan.card.statusChanged', { ref: '2024-01', from: es('plan.status.initiated'), to: es('plan.status.implemented') }));
      expect(card).to.include('Informe final compartido con las cuatro inspecciones');
      expect(getActionDetail(t.app.db, '2024-01')).to.include({ status: 'implemented' });
      await t.app.outbox.idle();
      const [post] = channelPosts(t);
      assertValidCard(post);
      // Channel cards use the deployment's language (English here), whoever made the change.
      expect(text(post)).to.include(en('plan.status.initiated')).and.include(en('plan.status.implemented')).and.include('ITSS (ES)');
      expect(listAudit(t.app.db, { subjectRef: '2024-01' }).map((a) => [a.action, a.authorityId])).to.deep.equal([['action.status_changed', 'ES-ITSS']]);
    });

    it('explains an unknown status word and a refused transition, naming the current status and the allowed steps', async () => {
      await t.post(personalMessage('/action 2024-01 frobnicated', from(PEOPLE.esInspector)));
      await t.post(personalMessage('/action 2024-01 planned', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
      // The unknown word is quoted as typed, so that answer is a card (see bot.quotedInput.test.ts).
      const [unknownReply, refusedReply] = t.connector.sentActivities();
      const unknown = JSON.stringify(cardsOf(unknownReply.body)[0]);
      const refused = refusedReply.body.text as string;
      expect(unknown).to.include('frobnicated').and.include(en('plan.status.postponed').toLowerCase());
      expect(refused).to.include(fr('plan.status.initiated')).and.include(fr('plan.status.planned')).and.include(`${fr('plan.status.implemented')}, ${fr('plan.status.postponed')} ou ${fr('plan.status.cancelled')}`);
      expect(getActionDetail(t.app.db, '2024-01')).to.include({ status: 'initiated' });
    });

    it('updates from the card for everyone, and refuses a second update made on the same stale card with the newer state', async () => {
      const version = String(getActionDetail(t.app.db, '2024-01')!.version);
      const first = invokeCard(
        await click(t, from(PEOPLE.ptInspector), 'action.status', { ref: '2024-01', version, origin: 'actionCard', status: 'postponed', note: 'Waiting for the IT tender.' }, 'pt-PT', 'invoke.cardAction.channel'),
      );
      expect(text(first)).to.include(translator('pt')('plan.card.statusChanged', { ref: '2024-01', from: translator('pt')('plan.status.initiated'), to: translator('pt')('plan.status.postponed') }));
      expect(t.connector.updates(), 'the channel card changes for everyone').to.have.length(1);

      const stale = invokeCard(await click(t, from(PEOPLE.esInspector), 'action.status', { ref: '2024-01', version, origin: 'actionCard', status: 'implemented', note: 'Done on our side.' }, 'es-ES', 'invoke.cardAction.channel'));
      const json = text(stale);
      expect(json).to.include(es('plan.status.postponed')).and.include('ACT (PT)').and.include('Waiting for the IT tender.');
      expect(json, 'the typed note is kept').to.include('"value":"Done on our side."');
      expect(JSON.stringify((stale as any).actions)).to.include(`"version":"${Number(version) + 1}"`);
      expect(t.connector.updates(), 'a refused update changes nobody else’s card').to.have.length(1);
      expect(getActionDetail(t.app.db, '2024-01')).to.include({ status: 'postponed', version: Number(version) + 1 });
    });

    it('adds a note when the status is kept, and asks for the reason of a cancellation on the card', async () => {
      const version = String(getActionDetail(t.app.db, '2024-01')!.version);
      const noted = invokeCard(await click(t, from(PEOPLE.ptInspector), 'action.status', { ref: '2024-01', version, origin: 'actionCard', status: 'initiated', note: 'Questionnaire sent.' }));
      expect(text(noted)).to.include(en('plan.card.noteAdded')).and.include('Questionnaire sent.');
      const reason = invokeCard(await click(t, from(PEOPLE.ptInspector), 'action.status', { ref: '2024-01', version: String(Number(version) + 1), origin: 'actionCard', status: 'cancelled', note: '' }));
      expect(text(reason)).to.include(en('plan.errors.reasonRequired', { target: en('plan.status.cancelled') }));
      expect(getActionDetail(t.app.db, '2024-01')!.status).to.equal('initiated');
    });

    it('keeps adding notes from a card older than the last note, and asks for the note when the status is kept without one', async () => {
      const version = String(getActionDetail(t.app.db, '2024-01')!.version);
      const card = { ref: '2024-01', version, origin: 'actionCard', status: 'initiated' };
      await click(t, from(PEOPLE.ptInspector), 'action.status', { ...card, note: 'Questionnaire sent.' });
      const older = invokeCard(await click(t, from(PEOPLE.esInspector), 'action.status', { ...card, note: 'Answers expected in May.' }, 'es-ES'));
      expect(text(older)).to.include(es('plan.card.noteAdded')).and.include('Answers expected in May.');
      const empty = invokeCard(await click(t, from(PEOPLE.ptInspector), 'action.status', { ...card, version: String(Number(version) + 2), note: '' }));
      expect(text(empty)).to.include(en('plan.errors.noteRequired')).and.include(en('plan.errors.alreadyInStatus', { ref: '2024-01', current: en('plan.status.initiated') }));
      expect(getActionDetail(t.app.db, '2024-01')).to.include({ status: 'initiated', version: Number(version) + 2 });
      expect(listAudit(t.app.db, { subjectRef: '2024-01' }).map((a) => a.action)).to.deep.equal(['action.note_added', 'action.note_added']);
    });

    it('answers the same verb on another feature’s card with a message, leaving that card alone', async () => {
      const version = getActionDetail(t.app.db, '2024-01')!.version;
      const message = invokeMessage(await click(t, from(PEOPLE.itInspector), 'action.status', { ref: '2024-01', status: 'implemented', version }));
      expect(message).to.equal(en('plan.card.statusChanged', { ref: '2024-01', from: en('plan.status.initiated'), to: en('plan.status.implemented') }));
      const stale = invokeMessage(await click(t, from(PEOPLE.itInspector), 'action.status', { ref: '2024-01', status: 'cancelled', version }));
      expect(stale).to.include(en('plan.status.implemented')).and.include('INL (IT)');
      expect(t.connector.updates()).to.have.length(0);
    });

    it('adds a note in one line, in Italian, without changing the status', async () => {
      await t.post(personalMessage('/action 2023-06 nota "Elenco" di 12 imprese scambiato', { ...from(PEOPLE.itInspector), locale: 'it-IT' }));
      await t.post(personalMessage('/action 2023-01 nota Elenco inviato', { ...from(PEOPLE.itInspector), locale: 'it-IT' }));
      const [refused, noted] = t.connector.sentActivities();
      expect(refused.body.text, 'IT takes no part in the ES–PT action 2023-06').to.include('INL');
      const card = text(cardsOf(noted.body)[0]);
      expect(card).to.include(it_('plan.card.noteAdded')).and.include('Elenco inviato');
      expect(getActionDetail(t.app.db, '2023-01')).to.include({ status: 'initiated' });
      expect(getActionDetail(t.app.db, '2023-01')!.timeline[0]).to.include({ kind: 'note', note: 'Elenco inviato' });
    });

    it('refuses an update from a state that takes no part in the action', async () => {
      await t.post(personalMessage('/action 2024-03 postponed', from(PEOPLE.itInspector)));
      expect(t.connector.sentActivities()[0].body.text).to.include('INL').and.include('ES, PT');
    });
  });

  describe('/action new', () => {
    it('tells members politely that only coordinators add actions', async () => {
      await t.post(personalMessage('/action new', from(PEOPLE.esInspector)));
      expect(t.connector.sentActivities()[0].body.text).to.equal(en('plan.bot.coordinatorsOnlyCreate'));
    });

    it('opens the form for a coordinator, re-shows it with every error and value, then adds the action once', async () => {
      await t.post(personalMessage('/action nouvelle', { ...LOCAL_USER, locale: 'fr-FR' }));
      const form = t.sentCards()[0] as any;
      expect(text(form)).to.include(fr('plan.form.labels.title')).and.include(fr('identity.localDemo', { authority: 'ACT', state: 'PT' }));
      const formId = form.actions[0].data.formId;
      const typed = { formId, year: '2024', actionTitle: 'Séminaire FR–IT sur le détachement agricole', scope: 'bilateral', states: 'FR,IT,PT', leadState: 'ES', type: '', period: '2024-Q5' };
      const wrong = text(invokeCard(await click(t, LOCAL_USER, 'action.create', typed, 'fr-FR')));
      expect(wrong).to.include(fr('plan.form.fixErrors')).and.include(fr('plan.errors.bilateralTwoStates')).and.include(fr('plan.errors.periodFormat'));
      expect(wrong).to.include('"value":"Séminaire FR–IT sur le détachement agricole"').and.include('"value":"FR,IT,PT"');
      const valid = { ...typed, states: 'FR,IT', leadState: 'IT', type: 'seminar', period: '2024-Q4', topics: 'posting_of_workers', funding: 'ela' };
      const created = text(invokeCard(await click(t, LOCAL_USER, 'action.create', valid, 'fr-FR')));
      expect(created).to.include(fr('plan.form.created', { ref: '2024-08', year: 2024 }));
      const twice = text(invokeCard(await click(t, LOCAL_USER, 'action.create', valid, 'fr-FR')));
      expect(twice).to.include(fr('plan.form.alreadyCreated', { ref: '2024-08' }));
      expect(getActionDetail(t.app.db, '2024-08')).to.include({ type: 'seminar', scope: 'bilateral', leadState: 'IT', status: 'planned' });
      expect(listAudit(t.app.db, { action: 'action.created' })).to.have.length(1);
    });
  });

  it('lists plan, actions and action first in /help', async () => {
    await t.post(personalMessage('/help', from(PEOPLE.esInspector)));
    const json = text(t.sentCards()[0]);
    const positions = ['plan', 'actions', 'action', 'alert'].map((name) => json.indexOf(en(`help.commands.${name}.usage`)));
    expect(positions.every((p) => p >= 0)).to.equal(true);
    expect([...positions].sort((a, b) => a - b)).to.deep.equal(positions);
  });
});

describe('links to the plan board', () => {
  it('open the app’s plan tab in Teams through a deep link carrying the year, and the page itself locally', () => {
    const production = { config: { publicBaseUrl: 'https://desk.example.org', appId: '00000000-0000-0000-0000-00000000b07d' } } as unknown as BotDeps;
    const link = new URL(boardLink(production, 2024)!);
    expect(link.origin + link.pathname).to.equal('https://teams.microsoft.com/l/entity/00000000-0000-0000-0000-00000000b07d/planBoard');
    expect(JSON.parse(link.searchParams.get('context')!)).to.deep.equal({ subEntityId: 'board:2024' });
    expect(link.searchParams.get('webUrl')).to.equal('https://desk.example.org/tab/?view=board&year=2024');
    const local = { config: { publicBaseUrl: 'http://127.0.0.1:3978', appId: null } } as unknown as BotDeps;
    expect(boardLink(local, 2023)).to.equal('http://127.0.0.1:3978/tab/?view=board&year=2023');
  });
});

export type { Person };
