import { expect } from 'chai';
import { activity, personalMessage } from './helpers/activities';
import { assertValidCard, cardsOf } from './helpers/cardValidator';
import { PEOPLE, from, manualClock, type Person } from './helpers/people';
import { clickOnChannelCard, invokeCard, invokeMessage, postedMessageId, startAppInChannel } from './helpers/teamsActions';
import type { TestApp } from './helpers/testApp';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { getRequest } from '../src/requests/requestQueries';
import { getInspection } from '../src/inspections/inspectionQueries';

/** A member of Portugal's social security institute. */
const PT_ISS = { id: '29:1pt-iss-officer-0007', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000007', email: 'officer.pt@seg-social.pt', authority: 'PT-ISS' } as unknown as Person;

let formCounter = 0;
const freshFormId = () => `00000000-0000-4000-8000-0000000e${String(++formCounter).padStart(4, '0')}`;

const INSPECTION_FORM = {
  kind: 'joint',
  hostState: 'ES',
  states: 'PT',
  authorities: 'PT-ACT',
  leadAuthority: 'ES-ITSS',
  sector: '49',
  city: 'Badajoz',
  region: 'Extremadura',
  placeState: 'ES',
  startDate: '2026-12-14',
  endDate: '2026-12-15',
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

function invoke(t: TestApp, person: Person, verb: string, data: Record<string, unknown>, locale: string) {
  return t.post(activity('invoke.cardAction.personal', { ...from(person), locale, value: { action: { type: 'Action.Execute', verb, data } } }));
}

function text(card: unknown): string {
  assertValidCard(card);
  return JSON.stringify(card);
}

/** A request from `person` about the company with this NIPC (created with `name` if new). */
async function sendRequest(t: TestApp, person: Person, addressee: string, nipc: string, name: string, locale = 'es-ES'): Promise<string> {
  const data = { formId: freshFormId(), addressees: addressee, companyIdentifier: nipc, companyIdentifierType: 'pt_nipc', companyName: name, questions_social_security: 'ss.registered', urgency: 'normal' };
  const sent = text(invokeCard(await invoke(t, person, 'request.submit', data, locale)));
  return /RQ-2026-\d{4}/.exec(sent)![0];
}

describe('information requests from a dossier, an inspection and about a company', () => {
  let t: TestApp;
  const clock = manualClock('2026-12-03T10:00:00Z');
  beforeEach(async () => {
    clock.set('2026-12-03T10:00:00Z');
    // Only this test's requests: the demo data's would take the first references, fill the lists and come due.
    t = await startAppInChannel({ clock, env: { DEMO_DATA: 'never' } });
    t.connector.addMember({ id: '29:1pt-iss-officer-0007', aadObjectId: '0a4d2f1e-1111-4a6b-9c0d-000000000007', email: 'officer.pt@seg-social.pt', userPrincipalName: 'officer.pt@seg-social.pt', name: 'PT-ISS' });
  });
  afterEach(() => t.stop());

  it('opens the request form from an inspection card and from the company dossier, prefilled with the company (and the inspection)', async () => {
    const scheduled = text(invokeCard(await invoke(t, PEOPLE.esInspector, 'cji.submit', { ...INSPECTION_FORM, formId: freshFormId() }, 'es-ES')));
    const inspectionRef = /CJI-\d{4}-\d{3}/.exec(scheduled)![0];
    await t.app.outbox.idle();
    const inspectionPost = postedMessageId(t, `cji:${inspectionRef}:posted`);
    const inspectionCard = text(cardsOf(t.connector.sentActivities().find((call) => JSON.stringify(call.body).includes(inspectionRef) && call.replyToId === null)!.body)[0]);
    expect(inspectionCard).to.include('"verb":"request.new"').and.include(translator('en')('requests.askForInformation'));

    const es = translator('es');
    const form = text(invokeCard(await clickOnChannelCard(t, PEOPLE.esInspector, inspectionPost, 'request.new', { inspectionRef }, 'es-ES')));
    expect(form).to.include(es('requests.form.title')).and.include(`"value":"${inspectionRef}"`).and.include('"value":"599004002"').and.include('"value":"pt_nipc"');
    const formId = /"formId":"([0-9a-f-]{36})"/.exec(form)![1];
    const sent = text(invokeCard(await invoke(t, PEOPLE.esInspector, 'request.submit', { formId, addressees: 'PT-ISS', companyIdentifier: '599004002', companyIdentifierType: 'pt_nipc', inspectionRef, questions_accidents: 'ac.reported', urgency: 'normal' }, 'es-ES')));
    const request = getRequest(t.app.db, /RQ-2026-\d{4}/.exec(sent)![0])!;
    const inspection = getInspection(t.app.db, inspectionRef)!;
    expect(request.inspectionRef).to.equal(inspectionRef);
    expect(request.company.id).to.equal(inspection.companies[0].id);

    // The dossier of the same company, opened from the inspection card, has the button too.
    const companyId = String(inspection.companies[0].id);
    const dossier = text(invokeCard(await clickOnChannelCard(t, PEOPLE.frInspector, inspectionPost, 'company.dossier', { companyId }, 'fr-FR')));
    expect(dossier).to.include('"verb":"request.new"').and.include(translator('fr')('requests.askForInformation'));
    const fromDossier = text(invokeCard(await clickOnChannelCard(t, PEOPLE.frInspector, inspectionPost, 'request.new', { companyId }, 'fr-FR')));
    expect(fromDossier).to.include(translator('fr')('requests.form.title')).and.include('"value":"599004002"').and.include('Construções Atlântico Demo');
    expect(fromDossier).to.not.include(inspectionRef);

    // Records gone (or never there) are told in the reader's language.
    expect(invokeMessage(await clickOnChannelCard(t, PEOPLE.esInspector, inspectionPost, 'request.new', { inspectionRef: 'CJI-2026-999' }, 'es-ES'))).to.equal(es('requests.errors.noSuchInspection', { ref: 'CJI-2026-999' }));
    expect(invokeMessage(await clickOnChannelCard(t, PEOPLE.esInspector, inspectionPost, 'request.new', { companyId: '999999' }, 'es-ES'))).to.equal(es('alerts.dossier.notFound', { query: '999999' }));
  });

  it('lists the requests about a company, by identifier or name, only those the reader\'s authority is part of, paged', async () => {
    const atlantico = 'Construções Atlântico Demo, Lda (fictional)';
    // Eleven from Spain to Portugal's ISS about one company, one from France to Italy about it, one about a demo company.
    for (let i = 0; i < 11; i += 1) {
      clock.set(`2026-12-03T10:${String(i).padStart(2, '0')}:00Z`);
      await sendRequest(t, PEOPLE.esInspector, 'PT-ISS', '599 004 002', atlantico);
    }
    const french = await sendRequest(t, PEOPLE.frInspector, 'IT-INL', '599004002', atlantico, 'fr-FR');
    const other = await sendRequest(t, PEOPLE.esInspector, 'PT-ISS', '599 002 727', 'Transportes Demo Fictícios, Lda (fictional)');

    await t.post(personalMessage('/requests 599004002', { ...from(PT_ISS), locale: 'pt-PT' }));
    const pt = translator('pt');
    const page = text(t.sentCards().at(-1));
    expect(page).to.include(pt('requests.list.title.company', { company: atlantico }));
    expect(page).to.include('RQ-2026-0011').and.include('RQ-2026-0002').and.not.include('RQ-2026-0001"').and.not.include(french).and.not.include(other);
    expect(page.indexOf('RQ-2026-0011')).to.be.lessThan(page.indexOf('RQ-2026-0010'));
    const next = text(invokeCard(await invoke(t, PT_ISS, 'requests.page', JSON.parse(/"verb":"requests\.page","title":"[^"]*","data":(\{[^}]*\})/.exec(page)![1]), 'pt-PT')));
    expect(next).to.include('RQ-2026-0001').and.not.include('RQ-2026-0011').and.not.include(french);

    // By name, for the Italian side: only the French request, the one Italy is part of.
    await t.post(personalMessage('/requests Atlântico Demo', { ...from(PEOPLE.itInspector), locale: 'it-IT' }));
    const italian = text(t.sentCards().at(-1));
    expect(italian).to.include(french).and.not.include('RQ-2026-0011');
    // A third authority sees no request of the two others, not even that they exist.
    await t.post(personalMessage('/requests 599004002', { ...from(PEOPLE.ptInspector), locale: 'pt-PT' }));
    expect(text(t.sentCards().at(-1))).to.include(pt('requests.list.empty')).and.not.include('RQ-2026');

    // Several companies match: a choice, whose pick lists that company's requests.
    await t.post(personalMessage('/requests Demo', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    const es = translator('es');
    const choice = text(t.sentCards().at(-1));
    expect(choice).to.include(es('requests.list.chooseCompany', { query: 'Demo' })).and.include('Transportes Demo Fictícios');
    const raia = JSON.parse(choice).body.find((item: any) => JSON.stringify(item).includes('Transportes Demo Fictícios')).selectAction.data;
    const picked = text(invokeCard(await invoke(t, PEOPLE.esInspector, 'requests.page', raia, 'es-ES')));
    expect(picked).to.include(other).and.not.include('RQ-2026-0011');

    await t.post(personalMessage('/requests Nada Parecido', { ...from(PEOPLE.esInspector), locale: 'es-ES' }));
    expect(text(t.sentCards().at(-1))).to.include(es('requests.list.noCompany', { query: 'Nada Parecido' }));
    expect(listAudit(t.app.db, { action: 'request.listed' }).some((entry) => JSON.stringify(entry.details).includes('"view":"company"'))).to.equal(true);
  });
});
