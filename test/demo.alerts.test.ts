import { expect } from 'chai';
import { startTestApp, type TestApp } from './helpers/testApp';
import { activity } from './helpers/activities';
import { invokeCard } from './helpers/teamsActions';
import { manualClock } from './helpers/people';
import { translator } from '../src/i18n/translate';
import { listAudit } from '../src/audit/audit';
import { getAlert } from '../src/alerts/alertQueries';
import { formatDate } from '../bot/cards/choices';

const en = translator('en');
const fr = translator('fr');

/** The playground's user, unmapped: acts for the demo authority (PT-ACT), as on the first local run. */
const PLAYGROUND_USER = { from: { id: '29:1playground-user', aadObjectId: '00000000-0000-0000-0000-0000000000a1', name: 'Playground user' } };

describe('the demo data: a corrected and a withdrawn alert on the first local run', () => {
  let t: TestApp;
  // Thursday 3 December 2026: the demo's history happened over the week before.
  const clock = manualClock('2026-12-03T10:00:00Z');
  before(async () => {
    t = await startTestApp({ clock });
  });
  after(() => t.stop());

  const refOf = (caseOrCompany: string) => (t.app.db.prepare('SELECT a.ref FROM alerts a JOIN companies c ON c.id = a.company_id WHERE c.name = ?').get(caseOrCompany) as { ref: string }).ref;
  const show = async (ref: string, locale = 'en-GB') =>
    JSON.stringify(invokeCard(await t.post(activity('invoke.cardAction.personal', { ...PLAYGROUND_USER, locale, value: { action: { type: 'Action.Execute', verb: 'alert.show', data: { ref } } } }))));

  it('shows an alert corrected after France answered: its history, the answer marked as given before it, the new deadline, in the reader\'s language', async () => {
    const ref = refOf('Transportes Demo Fictícios, Lda (fictional)');
    const alert = getAlert(t.app.db, ref)!;
    expect(alert).to.include({ status: 'open', urgency: 'urgent' });
    expect(alert.countriesConcerned).to.deep.equal(['FR', 'IT', 'PT']);
    expect(alert.edits).to.have.length(1);
    const card = await show(ref, 'fr-FR');
    expect(card).to.include(fr('alertEdit.card.historyHeader'));
    expect(card).to.include(`${fr('alerts.answer.investigating')} ${fr('alertEdit.card.beforeEdit')}`);
    expect(card).to.include(fr('alertEdit.change.urgency', { from: fr('alerts.urgency.priority'), to: fr('alerts.urgency.urgent') }));
    expect(card).to.include(fr('alertEdit.card.answersDue', { date: formatDate(alert.answersDueOn!, 'fr') }));
    expect(listAudit(t.app.db, { action: 'alert.edited', subjectRef: ref })).to.have.length(1);
  });

  it('shows a withdrawn alert with its reason, kept for the audit', async () => {
    const ref = refOf('Bâtiment Démo Fictif SARL (fictional)');
    const alert = getAlert(t.app.db, ref)!;
    expect(alert.status).to.equal('closed');
    expect(alert.withdrawal!.reason).to.match(/^Illustrative: sent twice/);
    const card = await show(ref);
    expect(card).to.include(en('alertEdit.card.withdrawnLine', { date: formatDate(alert.withdrawal!.at, 'en'), by: 'URSSAF (FR)', reason: alert.withdrawal!.reason! }));
    expect(card).to.not.include('"verb":"alert.respond"');
    expect(listAudit(t.app.db, { action: 'alert.withdrawn', subjectRef: ref })).to.have.length(1);
  });

  it('gives the local user (a coordinator of PT-ACT) an alert of their own to correct in the tab, and one to answer in My open items', async () => {
    const ours = refOf('Demo Obras Exemplo, Lda (fictional)');
    const editable = (await (await fetch(`${t.app.url}/api/alerts/editable`)).json()) as { items: Array<{ ref: string }> };
    expect(editable.items.map((item) => item.ref)).to.deep.equal([ours]);
    const detail = (await (await fetch(`${t.app.url}/api/alerts/${ours}`)).json()) as { alertEdit: unknown; lines: Array<{ text: string }> };
    expect(detail.alertEdit).to.not.equal(null);
    expect(detail.lines.some((line) => line.text.includes(en('alertEdit.change.summary')))).to.equal(true);
    const mine = (await (await fetch(`${t.app.url}/api/mine`)).json()) as { sections: Array<{ kind: string; items: Array<{ ref: string }> }> };
    expect(mine.sections.find((section) => section.kind === 'alert')!.items.map((item) => item.ref)).to.deep.equal([refOf('Transportes Demo Fictícios, Lda (fictional)')]);
  });
});
