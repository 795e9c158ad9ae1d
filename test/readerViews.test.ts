import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { activity, channelMessage, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, manualClock, registerPeople, type Person } from './helpers/people';
import { clickOnChannelCard, installInChannel, invokeCard, invokeMessage, postedMessageId } from './helpers/teamsActions';
import { literalTexts } from './helpers/cardText';
import { VALID_ALERT_FORM } from './helpers/alertForms';
import { translator, type Translate } from '../src/i18n/translate';
import type { Language } from '../src/i18n/languages';
import { countryName } from '../src/reference/countries';
import { naceLabel } from '../src/reference/nace';
import { findAuthority } from '../src/reference/participants';
import { authorityName } from '../src/reference/authorityNames';
import { getAlert } from '../src/alerts/alertQueries';
import { formatDate } from '../bot/cards/choices';
import { READER_VIEW_VERB } from '../bot/cards/readerViews';
import { TEAMS_REFRESH_USER_LIMIT } from '../src/conversations/channelReaders';

const READERS: Array<{ person: Person; locale: string; language: Language }> = [
  { person: PEOPLE.ptInspector, locale: 'pt-PT', language: 'pt' },
  { person: PEOPLE.esInspector, locale: 'es-ES', language: 'es' },
  { person: PEOPLE.frInspector, locale: 'fr-FR', language: 'fr' },
  { person: PEOPLE.itInspector, locale: 'it-IT', language: 'it' },
];

let formCounter = 0;
const freshFormId = () => `00000000-0000-4000-8000-${String(++formCounter).padStart(12, '0')}`;

/** Every text a reader sees on the card: shown texts, fact titles and values, button titles. */
function shownTexts(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label', 'placeholder']) if (typeof object[key] === 'string') texts.push(object[key] as string);
    for (const [key, child] of Object.entries(object)) if (key !== 'refresh' && key !== 'data') walk(child);
  };
  walk(card);
  return texts;
}

function buttonTitles(card: unknown): string[] {
  const titles: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (typeof object.type === 'string' && object.type.startsWith('Action.') && typeof object.title === 'string') titles.push(object.title);
    for (const [key, child] of Object.entries(object)) if (key !== 'refresh') walk(child);
  };
  walk(card);
  return titles;
}

/** A refresh (automatic) or a press on "Show in my language" (manual) on the channel's post. */
function readerView(t: TestApp, person: Person, messageId: string, data: Record<string, unknown>, locale: string, trigger: 'automatic' | 'manual') {
  return t.post(
    activity('invoke.cardAction.channel', { ...from(person), locale, replyToId: messageId, value: { action: { type: 'Action.Execute', verb: READER_VIEW_VERB, data }, trigger } }),
  );
}

/** The person says something to the app in the channel: they are now one of its active readers. */
async function actInChannel(t: TestApp, person: Person, locale: string) {
  await t.post(channelMessage('/help', { ...from(person), locale }));
}

async function postAlert(t: TestApp, locale = 'pt-PT') {
  const response = await t.post(
    activity('invoke.cardAction.personal', { ...from(PEOPLE.ptInspector), locale, value: { action: { type: 'Action.Execute', verb: 'alert.submit', data: { ...VALID_ALERT_FORM, formId: freshFormId() } } } }),
  );
  const ref = /AL-\d{4}-\d{4}/.exec(JSON.stringify(invokeCard(response)))![0];
  await t.app.outbox.idle();
  const messageId = postedMessageId(t, `alert:${ref}:posted`);
  const post = t.connector.sentActivities().find((call) => call.path.endsWith('/activities') && JSON.stringify(call.body).includes(ref))!;
  const card = cardsOf(post.body)[0] as any;
  assertValidCard(card);
  return { ref, messageId, card };
}

/** What an alert card must say in `language`, every expectation taken from the catalogues and reference data. */
function expectAlertInLanguage(t: TestApp, card: any, ref: string, language: Language) {
  const tr: Translate = translator(language);
  const alert = getAlert(t.app.db, ref)!;
  const texts = shownTexts(card);
  const all = texts.join('\n');
  const authority = findAuthority(t.app.db, 'PT-ACT')!;
  const expected = [
    ...alert.fraudTypes.map((type) => tr(`alerts.fraudType.${type}`)),
    `${alert.sector} – ${naceLabel(alert.sector!, language)}`,
    countryName(alert.registrationCountry, language),
    alert.countriesConcerned.map((code) => countryName(code, language)).join(', '),
    `${authority.shortName} – ${authorityName(authority, language)}`,
    tr(`alerts.status.${alert.status}`),
    tr(`alerts.urgency.${alert.urgency}`),
    formatDate(alert.createdAt, language),
    tr('alerts.card.fraudTypes'),
    tr('alerts.card.sector'),
    tr('alerts.card.reportingAuthority'),
    tr('alerts.card.summary'),
  ];
  for (const text of expected) expect(all, `${language}: ${text}`).to.include(text);
  const buttons = buttonTitles(card);
  const expectedButtons = alert.status === 'open'
    ? [tr('alerts.answer.known'), tr('alerts.answer.no_record'), tr('alerts.answer.investigating'), tr('alerts.card.close'), tr('alerts.card.confirmClose'), tr('alerts.card.openDossier'), tr('alerts.card.scheduleInspection'), tr('alerts.card.askForInformation'), tr('alertEdit.card.editButton')]
    : [tr('alerts.card.openDossier'), tr('alerts.card.scheduleInspection'), tr('alerts.card.askForInformation')];
  expect(buttons, `${language}: every button`).to.include.members(expectedButtons);
  for (const title of buttons) expect([...expectedButtons, tr('cards.showInMyLanguage')], `${language}: button "${title}"`).to.include(title);
  // The free text stays as written.
  expect(literalTexts(card)).to.include(alert.summary);
}

describe('channel cards in each reader\'s language', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ clock: manualClock('2026-03-02T09:00:00Z') });
    registerPeople(t.connector);
    await installInChannel(t);
  });
  afterEach(() => t.stop());

  it('posts the alert card with a refresh for the people active in the channel and a "Show in my language" button', async () => {
    for (const { person, locale } of READERS.slice(1)) await actInChannel(t, person, locale);
    const { ref, card } = await postAlert(t);
    expect(card.refresh.action).to.deep.include({ type: 'Action.Execute', verb: READER_VIEW_VERB });
    expect(card.refresh.action.data).to.deep.equal({ kind: 'alert', subject: ref });
    // The Portuguese inspector only wrote in personal chat: not a channel reader yet.
    expect(card.refresh.userIds).to.have.members(READERS.slice(1).map(({ person }) => person.id));
    const button = card.body[1].actions[0];
    expect(button).to.deep.include({ type: 'Action.Execute', verb: READER_VIEW_VERB, title: translator('en')('cards.showInMyLanguage') });
    expect(button.data).to.deep.equal({ kind: 'alert', subject: ref });
    // Posted in the deployment's language, the Portuguese summary marked as such.
    expectAlertInLanguage(t, card, ref, 'en');
    expect(shownTexts(card)).to.include(translator('en')('cards.writtenIn', { language: translator('en')('languageName.pt') }));
  });

  it('answers each reader\'s refresh (pt-PT, es-ES, fr-FR, it-IT) with every structured field in their language, free text marked with its own', async () => {
    await actInChannel(t, PEOPLE.esInspector, 'es-ES');
    const { ref, messageId } = await postAlert(t, 'pt-PT');
    // An answer with a note written in Spanish, on the channel's post.
    invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'alert.respond', { ref, answer: 'known', note: 'Dos expedientes abiertos en Badajoz.' }, 'es-ES'));
    const views: Record<string, string[]> = {};
    for (const { person, locale, language } of READERS) {
      const card = invokeCard(await readerView(t, person, messageId, { kind: 'alert', subject: ref }, locale, 'automatic'));
      const tr = translator(language);
      expectAlertInLanguage(t, card, ref, language);
      expect(shownTexts(card), `${language}: the answer`).to.include(tr('alerts.answer.known'));
      // Its view keeps refreshing after later changes, without the button it no longer needs.
      expect(card.refresh.action.data).to.deep.equal({ kind: 'alert', subject: ref });
      expect(buttonTitles(card)).not.to.include(tr('cards.showInMyLanguage'));
      const summaryMark = tr('cards.writtenIn', { language: tr('languageName.pt') });
      const noteMark = ` (${tr('cards.writtenIn', { language: tr('languageName.es') })})`;
      if (language === 'pt') expect(shownTexts(card), 'no mark on a text in the reader\'s own language').not.to.include(summaryMark);
      else expect(shownTexts(card), `${language}: summary marked`).to.include(summaryMark);
      if (language === 'es') expect(literalTexts(card)).not.to.include(noteMark);
      else expect(literalTexts(card), `${language}: note marked`).to.include(noteMark);
      expect(literalTexts(card).join('\n')).to.include('Dos expedientes abiertos en Badajoz.');
      views[language] = shownTexts(card);
    }
    // Four different cards: a field the catalogue translates differs between every two of them.
    const fraud = READERS.map(({ language }) => translator(language)('alerts.card.fraudTypes'));
    expect(new Set(fraud).size).to.equal(4);
    for (const { language } of READERS) for (const other of READERS.filter((r) => r.language !== language)) expect(views[language]).not.to.include(translator(other.language)('alerts.card.fraudTypes'));
  });

  it('answers a press on "Show in my language" by someone Teams does not refresh for, and lists them from then on', async () => {
    const { ref, messageId, card } = await postAlert(t);
    expect(card.refresh.userIds).not.to.include(PEOPLE.itInspector.id);
    t.connector.clear();
    const view = invokeCard(await readerView(t, PEOPLE.itInspector, messageId, card.body[1].actions[0].data, 'it-IT', 'manual'));
    expectAlertInLanguage(t, view, ref, 'it');
    // Their view is theirs alone: the post everyone sees is not touched.
    expect(t.connector.updates(), 'no update of the post').to.have.length(0);
    expect(view.refresh.userIds, 'the press made them an active reader').to.include(PEOPLE.itInspector.id);
    // An answer from elsewhere updates the post: Teams then refreshes it for them too.
    t.connector.clear();
    await clickOnChannelCard(t, PEOPLE.frInspector, messageId, 'alert.respond', { ref, answer: 'no_record' }, 'fr-FR');
    const update = t.connector.updates().find((call) => call.activityId === messageId)!;
    expect(cardsOf(update.body)[0]).to.have.nested.property('refresh.userIds').that.includes(PEOPLE.itInspector.id);
  });

  it('updates the post for everyone with its refresh after an answer or a closing, and gives the clicker their language', async () => {
    const { ref, messageId } = await postAlert(t);
    t.connector.clear();
    const clicked = invokeCard(await clickOnChannelCard(t, PEOPLE.frInspector, messageId, 'alert.respond', { ref, answer: 'investigating' }, 'fr-FR'));
    expectAlertInLanguage(t, clicked, ref, 'fr');
    const update = t.connector.updates().find((call) => call.activityId === messageId)!;
    const everyone = cardsOf(update.body)[0] as any;
    assertValidCard(everyone);
    expectAlertInLanguage(t, everyone, ref, 'en');
    expect(everyone.refresh.action.data).to.deep.equal({ kind: 'alert', subject: ref });
    expect(buttonTitles(everyone)).to.include(translator('en')('cards.showInMyLanguage'));
    expect(everyone.refresh.userIds).to.include(PEOPLE.frInspector.id);

    t.connector.clear();
    const closed = invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'alert.close', { ref, outcome: 'confirmed' }, 'pt-PT'));
    expectAlertInLanguage(t, closed, ref, 'pt');
    expect(shownTexts(closed).join('\n')).to.include(translator('pt')('alerts.outcome.confirmed'));
    const closedForEveryone = cardsOf(t.connector.updates().find((call) => call.activityId === messageId)!.body)[0] as any;
    expectAlertInLanguage(t, closedForEveryone, ref, 'en');
    expect(closedForEveryone.refresh.userIds).to.include.members([PEOPLE.frInspector.id, PEOPLE.ptInspector.id]);
    // A refresh of the closed card in Spanish says so in Spanish.
    const es = invokeCard(await readerView(t, PEOPLE.esInspector, messageId, { kind: 'alert', subject: ref }, 'es-ES', 'automatic'));
    expect(shownTexts(es).join('\n')).to.include(translator('es')('alerts.outcome.confirmed')).and.include(translator('es')('alerts.status.closed'));
  });

  it('lists the 60 most recently active people of the channel, newest first', async () => {
    const clock = manualClock('2026-03-02T09:00:00Z');
    await t.stop();
    t = await startTestApp({ clock });
    registerPeople(t.connector);
    await installInChannel(t);
    const ids = Array.from({ length: TEAMS_REFRESH_USER_LIMIT + 5 }, (_, i) => `29:reader-${String(i).padStart(3, '0')}`);
    for (const id of ids) {
      clock.advanceDays(1 / 1440);
      // Unmapped people act for the demo authority in local mode.
      await t.post(channelMessage('/help', { from: { id, aadObjectId: `aad-${id}`, name: id } }));
    }
    // Outside the cooperation channel, nobody is recorded.
    await t.post(channelMessage('/help', { from: { id: '29:elsewhere', aadObjectId: 'aad-elsewhere', name: 'elsewhere' }, conversation: { id: '19:another@thread.tacv2' }, channelData: { channel: { id: '19:another@thread.tacv2' } } }));
    const { card } = await postAlert(t);
    expect(card.refresh.userIds).to.deep.equal(ids.slice(-TEAMS_REFRESH_USER_LIMIT).reverse());
  });

  it('gives the welcome the same refresh: posted in the installer\'s language, each reader\'s view in theirs', async () => {
    await t.stop();
    t = await startTestApp({ clock: manualClock('2026-03-02T09:00:00Z') });
    registerPeople(t.connector);
    await t.post(activity('conversationUpdate.install.team', { locale: 'fr-FR' }));
    await t.app.outbox.idle();
    const welcome = t.sentCards()[0] as any;
    expect(welcome.refresh.action.data).to.deep.equal({ kind: 'welcome', subject: 'fr' });
    expect(shownTexts(welcome)).to.include(translator('fr')('welcome.title'));
    const messageId = (t.app.db.prepare("SELECT sent_activity_id AS id FROM outbox WHERE dedupe_key LIKE 'welcome:%'").get() as { id: string }).id;
    const view = invokeCard(await readerView(t, PEOPLE.esInspector, messageId, welcome.refresh.action.data, 'es-ES', 'automatic'));
    expect(shownTexts(view)).to.include(translator('es')('welcome.title'));
  });

  it('refuses a refresh of a kind of card it does not post, and says when the record is gone', async () => {
    const { ref, messageId } = await postAlert(t);
    const unknown = invokeMessage(await readerView(t, PEOPLE.esInspector, messageId, { kind: 'nothing', subject: ref }, 'es-ES', 'automatic'));
    expect(unknown).to.equal(translator('es')('errors.invoke.cardOutOfDate'));
    const gone = invokeMessage(await readerView(t, PEOPLE.esInspector, messageId, { kind: 'alert', subject: 'AL-1999-0001' }, 'es-ES', 'manual'));
    expect(gone).to.equal(translator('es')('cards.viewGone'));
  });

  it('gives the inspection\'s post and its RSVP update the same refresh, and each reader their language', async () => {
    const form = {
      kind: 'joint', hostState: 'ES', states: 'PT', authorities: 'PT-ACT', leadAuthority: 'ES-ITSS', sector: '49', city: 'Badajoz', region: 'Extremadura', placeState: 'ES',
      startDate: '2026-03-16', endDate: '2026-03-18', companyValue0: '', companyType0: '', companyName0: '', companyValue1: '', companyType1: '', companyName1: '', actionRef: '', elaSupport: 'true', notes: 'Reunión previa en Mérida.',
    };
    const submitted = invokeCard(await t.post(activity('invoke.cardAction.personal', { ...from(PEOPLE.esInspector), locale: 'es-ES', value: { action: { type: 'Action.Execute', verb: 'cji.submit', data: { ...form, formId: freshFormId() } } } })));
    const ref = /CJI-\d{4}-\d{3}/.exec(JSON.stringify(submitted))![0];
    await t.app.outbox.idle();
    const messageId = postedMessageId(t, `cji:${ref}:posted`);
    const posted = cardsOf(t.connector.sentActivities().find((call) => JSON.stringify(call.body).includes(ref) && call.path.endsWith('/activities'))!.body)[0] as any;
    expect(posted.refresh.action.data).to.deep.equal({ kind: 'cji', subject: ref });
    t.connector.clear();
    const rsvp = invokeCard(await clickOnChannelCard(t, PEOPLE.ptInspector, messageId, 'cji.rsvp', { ref, answer: 'join' }, 'pt-PT'));
    const everyone = cardsOf(t.connector.updates().find((call) => call.activityId === messageId)!.body)[0] as any;
    expect(everyone.refresh.action.data).to.deep.equal({ kind: 'cji', subject: ref });
    for (const [card, language] of [[rsvp, 'pt'], [everyone, 'en']] as const) {
      const tr = translator(language);
      const all = shownTexts(card).join('\n');
      for (const text of [tr('inspections.kind.joint'), countryName('ES', language), countryName('PT', language), `49 – ${naceLabel('49', language)}`, tr('inspections.card.dates')]) expect(all, `${language}: ${text}`).to.include(text);
    }
    for (const { person, locale, language } of READERS) {
      const view = invokeCard(await readerView(t, person, messageId, { kind: 'cji', subject: ref }, locale, 'automatic'));
      const tr = translator(language);
      const all = shownTexts(view).join('\n');
      for (const text of [tr('inspections.card.host'), countryName('ES', language), `49 – ${naceLabel('49', language)}`, tr(`inspections.status.proposed`)]) expect(all, `${language}: ${text}`).to.include(text);
      // The notes stay as the Spanish inspector wrote them, marked for everyone else.
      expect(literalTexts(view)).to.include('Reunión previa en Mérida.');
      const mark = tr('cards.writtenIn', { language: tr('languageName.es') });
      if (language === 'es') expect(shownTexts(view)).not.to.include(mark);
      else expect(shownTexts(view), `${language}: notes marked`).to.include(mark);
    }
  });

  it('gives a plan action\'s status post the same refresh: statuses, dates and buttons in each reader\'s language, the note marked with its own', async () => {
    const note = 'Informe final compartido con las cuatro inspecciones';
    await t.post(personalMessage(`/action 2024-01 realizada ${note}`, { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    await t.app.outbox.idle();
    const post = t.connector.sentActivities().find((call) => call.path.endsWith('/activities') && call.replyToId === null && JSON.stringify(call.body).includes(note))!;
    const card = cardsOf(post.body)[0] as any;
    const subject = card.refresh.action.data.subject as string;
    expect(card.refresh.action.data).to.deep.equal({ kind: 'action-status', subject });
    expect(subject).to.match(/^2024-01@\d+$/);
    const messageId = postedMessageId(t, `action:2024-01:status:v${subject.split('@')[1]}`);
    for (const { person, locale, language } of READERS) {
      const view = invokeCard(await readerView(t, person, messageId, { kind: 'action-status', subject }, locale, 'automatic'));
      assertValidCard(view);
      const tr = translator(language);
      const texts = shownTexts(view);
      for (const text of [tr('plan.status.initiated'), tr('plan.status.implemented'), tr('plan.post.open'), tr('plan.post.heading', { ref: '2024-01', year: 2024 })]) expect(texts, `${language}: ${text}`).to.include(text);
      expect(texts.join('\n'), `${language}: the date`).to.include(formatDate('2026-03-02T09:00:00Z', language));
      expect(literalTexts(view).join('\n')).to.include(note);
      const mark = tr('cards.writtenIn', { language: tr('languageName.es') });
      if (language === 'es') expect(texts).not.to.include(mark);
      else expect(texts, `${language}: note marked`).to.include(mark);
    }
  });
});
