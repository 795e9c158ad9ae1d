import { expect } from 'chai';
import type { TestApp } from './helpers/testApp';
import { activity, channelMessage, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, type Person } from './helpers/people';
import { clickOnChannelCard, installInChannel, invokeCard, invokeMessage, postedMessageId, startAppInChannel } from './helpers/teamsActions';
import { VALID_ALERT_FORM } from './helpers/alertForms';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { issueTicket } from '../src/links/linkTickets';
import { createRequest } from '../src/requests/createRequest';
import { resolveMember } from '../src/identity/members';
import { naceLabel } from '../src/reference/nace';

const naceLabelOf = (code: string) => naceLabel(code, 'pt');

let formCounter = 0;
const freshFormId = () => `00000000-0000-4000-8000-5ea${String(++formCounter).padStart(9, '0')}`;

const ELA = { from: { id: '29:ela-officer', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-0000000000e1', name: 'ELA' }, locale: 'en-GB' };

const INSPECTION_FORM = {
  kind: 'joint',
  hostState: 'ES',
  states: 'PT',
  authorities: 'PT-ACT',
  leadAuthority: 'ES-ITSS',
  sector: '49',
  city: 'Mérida',
  region: 'Extremadura',
  placeState: 'ES',
  startDate: '2026-03-16',
  endDate: '2026-03-18',
  companyValue0: '599.004.002',
  companyType0: 'pt_nipc',
  companyName0: 'Construções Atlântico Demo, Lda (fictional)',
  companyValue1: '',
  companyType1: '',
  companyName1: '',
  actionRef: '',
  elaSupport: 'false',
  notes: '',
};

function invoke(person: Person, verb: string, data: Record<string, unknown>, locale = 'en-GB') {
  return activity('invoke.cardAction.personal', { ...from(person), locale, value: { action: { type: 'Action.Execute', verb, data } } });
}

/** An alert on the Atlântico company by PT, answered by ES; a joint inspection of it in Mérida. */
async function caseData(t: TestApp) {
  const posted = invokeCard(await t.post(invoke(PEOPLE.ptInspector, 'alert.submit', { ...VALID_ALERT_FORM, formId: freshFormId(), imiRequestNumber: 'IMI-2026-0042' })));
  const alertRef = /AL-\d{4}-\d{4}/.exec(JSON.stringify(posted))![0];
  await t.app.outbox.idle();
  const messageId = postedMessageId(t, `alert:${alertRef}:posted`);
  invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, messageId, 'alert.respond', { ref: alertRef, answer: 'known', note: '=HYPERLINK("http://evil.example")' }));
  const scheduled = invokeCard(await t.post(invoke(PEOPLE.esInspector, 'cji.submit', { ...INSPECTION_FORM, formId: freshFormId() })));
  const inspectionRef = /CJI-\d{4}-\d{3}/.exec(JSON.stringify(scheduled))![0];
  await t.app.outbox.idle();
  t.connector.clear();
  return { alertRef, inspectionRef };
}

function lastCard(t: TestApp): any {
  const cards = t.sentCards();
  expect(cards, 'a card was sent').to.have.length.greaterThan(0);
  return cards[cards.length - 1];
}

describe('/search across everything', () => {
  let t: TestApp;
  let refs: { alertRef: string; inspectionRef: string };
  before(async () => {
    t = await startAppInChannel();
    t.connector.addMember({ id: '29:ela-officer', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-0000000000e1', email: 'officer@ela.europa.eu' });
    refs = await caseData(t);
  });
  after(() => t.stop());
  beforeEach(() => t.connector.clear());

  it('finds the company, its alert and its inspection by an identifier, newest first, each opening its own card', async () => {
    await t.post(personalMessage('/search 599004002', from(PEOPLE.frInspector)));
    const card = lastCard(t);
    const text = JSON.stringify(card);
    const en = translator('en');
    expect(text).to.include(en('search.title', { text: '599004002' }));
    const items = card.body.filter((element: any) => element.type === 'Container' && element.selectAction);
    const opened = items.map((item: any) => [item.selectAction.verb, item.selectAction.data.ref]);
    // The inspection was created after the alert, the company before both.
    expect(opened.map((pair: string[]) => pair[0])).to.deep.equal(['cji.show', 'alert.show', 'company.dossier']);
    expect(opened[0][1]).to.equal(refs.inspectionRef);
    expect(opened[1][1]).to.equal(refs.alertRef);
    expect(text).to.include(en('search.kind.alert')).and.include(en('search.kind.inspection')).and.include(en('search.kind.company'));
    const audit = listAudit(t.app.db, { action: 'search.listed' });
    expect(audit.at(-1)!.details).to.deep.include({ alerts: [refs.alertRef] });
  });

  it('finds plan actions by words of the title and places without accents, and an inspection by its place', async () => {
    await t.post(personalMessage('/search merida', from(PEOPLE.frInspector)));
    const opened = JSON.stringify(lastCard(t));
    expect(opened).to.include(refs.inspectionRef);
    await t.post(personalMessage('/search inspection', from(PEOPLE.frInspector)));
    const card = lastCard(t);
    expect(JSON.stringify(card)).to.include('"verb":"action.show"');
  });

  it('finds an alert by its IMI request number in any letter case', async () => {
    await t.post(personalMessage('/search imi-2026-0042', from(PEOPLE.itInspector)));
    expect(JSON.stringify(lastCard(t))).to.include(refs.alertRef);
  });

  it('answers in French to /recherche, with the kinds and statuses in French, and pages on', async () => {
    await t.post(personalMessage('/recherche 2023', { ...from(PEOPLE.frInspector), locale: 'fr-FR' }));
    const card = lastCard(t);
    const fr = translator('fr');
    const text = JSON.stringify(card);
    expect(text).to.include(fr('search.title', { text: '2023' })).and.include(fr('search.kind.action'));
    expect(text).not.to.include(translator('en')('search.kind.action'));
    const next = card.actions.find((action: any) => action.verb === 'search.page');
    expect(next, 'more than a page of 2023 actions').to.exist;
    const page2 = invokeCard(await t.post(invoke(PEOPLE.frInspector, 'search.page', next.data, 'fr-FR')));
    expect(JSON.stringify(page2)).to.include(fr('search.page', { page: 2 }));
    const firstKeys = JSON.stringify(card.body.filter((e: any) => e.selectAction).map((e: any) => e.selectAction.data.ref));
    for (const item of page2.body.filter((e: any) => e.selectAction)) expect(firstKeys).not.to.include(`"${item.selectAction.data.ref}"`);
  });

  it('shows a supporting body (ELA) no alert and only companies an inspection targets', async () => {
    await t.post(personalMessage('/search 599004002', ELA));
    const text = JSON.stringify(lastCard(t));
    expect(text).to.include(refs.inspectionRef).and.not.include(refs.alertRef);
    await t.post(personalMessage('/search IMI-2026-0042', ELA));
    expect(JSON.stringify(lastCard(t))).not.to.include(refs.alertRef);
  });

  it('explains the usage in the user language for a text too short, and says when nothing matches', async () => {
    await t.post(personalMessage('/buscar x', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    expect(t.connector.sentActivities()[0].body.text).to.equal(translator('es')('search.usage'));
    t.connector.clear();
    await t.post(channelMessage('/search zzzzqqq'));
    expect(JSON.stringify(lastCard(t))).to.include(JSON.stringify(translator('en')('search.empty', { text: 'zzzzqqq' })).slice(1, -1));
  });

  it('keeps the result card under the size limit with many matches, valid at 1.5', async () => {
    await t.post(personalMessage('/search 20', from(PEOPLE.frInspector)));
    assertValidCard(lastCard(t));
  });

  describe('in the message extension', () => {
    it('lists results of each kind as preview cards, and inserts the chosen one', async () => {
      const { body } = await t.post(activity('invoke.composeExtension.query', { ...from(PEOPLE.frInspector), locale: 'fr-FR', value: { parameters: [{ name: 'query', value: '599004002' }] } }));
      expect(body.composeExtension.type).to.equal('result');
      const previews = body.composeExtension.attachments.map((a: any) => a.preview.content);
      expect(previews.map((p: any) => p.tap.value.kind)).to.deep.equal(['inspection', 'alert', 'company']);
      expect(previews[1].text).to.include(translator('fr')('search.kind.alert'));
      for (const preview of previews) {
        const chosen = await t.post(activity('invoke.composeExtension.selectItem', { ...from(PEOPLE.frInspector), locale: 'fr-FR', value: preview.tap.value }));
        const card = chosen.body.composeExtension.attachments[0].content;
        assertValidCard(card);
      }
      const alertCard = JSON.stringify((await t.post(activity('invoke.composeExtension.selectItem', { ...from(PEOPLE.frInspector), value: previews[1].tap.value }))).body);
      expect(alertCard).to.include(refs.alertRef);
    });

    it('finds plan actions for ELA but never its alerts, and refuses to insert a dossier for it', async () => {
      const { body } = await t.post(activity('invoke.composeExtension.query', { ...ELA, value: { parameters: [{ name: 'query', value: '599004002' }] } }));
      const kinds = body.composeExtension.attachments.map((a: any) => a.preview.content.tap.value.kind);
      expect(kinds).to.include('inspection').and.not.include('alert');
      const refused = await t.post(activity('invoke.composeExtension.selectItem', { ...ELA, value: { kind: 'alert', ref: refs.alertRef } }));
      expect(refused.body.composeExtension).to.deep.equal({ type: 'message', text: translator('en')('alerts.errors.participantsOnly') });
    });
  });
});

describe('dossier export', () => {
  let t: TestApp;
  let refs: { alertRef: string; inspectionRef: string };
  before(async () => {
    t = await startAppInChannel();
    refs = await caseData(t);
  });
  after(() => t.stop());
  beforeEach(() => t.connector.clear());

  async function exportLinks(person: Person, command: string, locale: string): Promise<{ page: string; csv: string; card: any }> {
    await t.post(personalMessage(command, { ...from(person), locale }));
    const card = lastCard(t);
    const [page, csv] = card.actions.map((action: any) => action.url as string);
    return { page, csv, card };
  }

  it('gives a printable page and a CSV in Portuguese with /empresa <id> exportar, each audited', async () => {
    const { page, csv, card } = await exportLinks(PEOPLE.ptInspector, '/empresa 599004002 exportar', 'pt-PT');
    const pt = translator('pt');
    expect(JSON.stringify(card)).to.include(pt('dossierExport.linksIntro'));
    expect(page).to.match(/\/dossier\/\d+\?locale=pt&ticket=/);
    const html = await (await fetch(page)).text();
    expect(html).to.include(pt('dossierExport.sections.answers')).and.include(refs.alertRef).and.include(refs.inspectionRef).and.include('599004002');
    expect(html).to.include(pt('alerts.answer.known')).and.include(new Intl.DateTimeFormat('pt', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date('2026-03-16')));
    expect(html).not.to.include('<script');
    const response = await fetch(csv);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.include('text/csv');
    const text = await response.text();
    // fetch's text() drops the byte-order mark Excel needs; the bytes hold it.
    expect(text.split('\r\n')[0]).to.equal(`${['section', 'reference', 'date', 'status', 'authority', 'detail'].map((c) => pt(`dossierExport.columns.${c}`)).join(',')}`);
    expect(text).to.include(refs.alertRef).and.include(pt('dossierExport.sections.inspections'));
    expect(text.split('\r\n')[1]).to.equal(`${pt('dossierExport.sections.company')},"Construções Atlântico Demo, Lda (fictional)",,,,Portugal · 43 – ${naceLabelOf('43')}`);
    // The answer's note starts with "=": a spreadsheet gets it as text.
    expect(text).to.include(`"'=HYPERLINK(""http://evil.example"")"`);
    const exports = listAudit(t.app.db, { action: 'company.exported' });
    expect(exports.map((entry) => entry.details!.format)).to.deep.equal(['html', 'csv']);
    expect(exports[0].details).to.deep.include({ alerts: [refs.alertRef], inspections: [refs.inspectionRef] });
  });

  it('puts an export button on the dossier card, answered in English with the two links', async () => {
    await t.post(personalMessage('/company 599004002', from(PEOPLE.esInspector)));
    const dossier = lastCard(t);
    const button = dossier.actions.find((action: any) => action.verb === 'company.export');
    expect(button.title).to.equal(translator('en')('dossierExport.button'));
    const card = invokeCard(await t.post(invoke(PEOPLE.esInspector, 'company.export', button.data)));
    expect(card.actions.map((action: any) => action.title)).to.deep.equal([translator('en')('dossierExport.page'), translator('en')('dossierExport.csv')]);
    expect((await fetch(card.actions[1].url)).status).to.equal(200);
  });

  it('refuses a forged, expired or other-company link and nothing is exported', async () => {
    const { page, csv } = await exportLinks(PEOPLE.frInspector, '/company 599004002 export', 'fr-FR');
    const before = listAudit(t.app.db, { action: 'company.exported' }).length;
    const url = new URL(page);
    const ticket = url.searchParams.get('ticket')!;
    const forged = ticket.slice(0, -3) + (ticket.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await fetch(`${url.origin}${url.pathname}?ticket=${forged}`)).status).to.equal(401);
    expect((await fetch(`${url.origin}/dossier/999999?ticket=${ticket}`)).status, 'another path').to.equal(401);
    const expired = await issueTicket(t.app.db, { now: () => new Date(Date.now() - 2 * 86_400_000) }, { path: url.pathname, aadObjectId: PEOPLE.frInspector.aadObjectId, seconds: 3600 });
    expect((await fetch(`${url.origin}${url.pathname}?ticket=${expired}`)).status).to.equal(401);
    expect(listAudit(t.app.db, { action: 'company.exported' })).to.have.length(before);
    expect((await fetch(csv)).status).to.equal(200);
  });

  it('leaves out information requests the reader is no party to', async () => {
    const es = resolveMember(t.app.db, t.app.deps.clock, { aadObjectId: PEOPLE.esInspector.aadObjectId, tenantId: null, email: PEOPLE.esInspector.email } as any)!;
    const sent = await createRequest(t.app.db, { now: () => new Date() }, es, { addressees: ['PT-ISS'], companyIdentifier: '599 004 002', companyIdentifierType: 'pt_nipc', companyName: 'Construções Atlântico Demo, Lda (fictional)', questions: ['ss.registered'], urgency: 'normal' } as any, { formId: freshFormId() });
    const requestRef = JSON.stringify(sent).match(/"ref":"([^"]+)"/)![1];
    const esLinks = await exportLinks(PEOPLE.esInspector, '/company 599004002 export', 'es-ES');
    expect(await (await fetch(esLinks.csv)).text()).to.include(requestRef);
    const itLinks = await exportLinks(PEOPLE.itInspector, '/company 599004002 export', 'it-IT');
    const italian = await (await fetch(itLinks.page)).text();
    expect(italian).to.include(translator('it')('dossierExport.sections.requests')).and.not.include(requestRef);
  });
});
